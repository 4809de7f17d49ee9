import type { Database } from '../../cloudfunctions/shared/db/port'
import { recordingSender, templateIdFor } from '../../cloudfunctions/shared/inbox/sender'
import type { JobContext } from '../../cloudfunctions/shared/runtime/jobs'

/**
 * Locally WeChat is a recorder: what would have been sent lands in `outbox`, with a stand-in
 * template id for kinds that have no WX_TEMPLATE_<KIND> set (so a demo shows every notice).
 */
export function localDelivery(store: Database): Pick<JobContext, 'messages' | 'templateIdFor'> {
  return { messages: recordingSender(store), templateIdFor: (kind) => templateIdFor(kind, process.env, (k) => `local-${k}`) }
}
