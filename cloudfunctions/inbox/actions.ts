import { policy } from '../../types/policy'
import { allowBy } from '../shared/records/village-access'
import { listInbox, markRead } from '../shared/inbox/list'
import { defineFunction } from '../shared/runtime/define-function'

export const inboxFunction = defineFunction('inbox', {
  list: {
    allow: allowBy(policy.inbox.list),
    run: async ({ db, caller }, { cursor, limit }) => listInbox(db, caller, cursor, limit),
  },

  markRead: {
    // Read state is the person's own, like a letter opened: no audit entry (it changes no shared record).
    allow: allowBy(policy.inbox.markRead),
    run: async ({ db, caller, now }, { ids }) => ({ unread: await markRead(db, caller, ids, now()) }),
  },
})
