/** Reading requests: one with its steps and what the caller may do next; my requests; the to-do; a village's or town's list. */
import { policy, villageInCharge } from '../../types/policy'
import type { ErrandDetail } from '../../types/functions/errands'
import { loadCalendarAdjustments } from '../shared/calendar/load-adjustments'
import { addWorkingDays } from '../shared/domain/calendar/working-days'
import { CALLBACK_AFTER_DAYS } from '../shared/domain/errands/clock'
import { ADVANCES, advance, type StepBy } from '../shared/domain/errands/lifecycle'
import { allowOnErrand, errandPlace, requireErrand } from '../shared/errands/access'
import type { ErrandRecord } from '../shared/errands/records'
import { lifecycleFacts } from '../shared/errands/steps'
import type { Where } from '../shared/db/commands'
import { allowBy, allowOnScope, scopeOf } from '../shared/records/village-access'
import { notFound } from '../shared/runtime/app-error'
import type { ActionTable } from '../shared/runtime/define-function'
import { cursorPage } from '../shared/runtime/paging'
import { toDetail, toSummary } from './wire'

export const readingActions: Pick<ActionTable<'errands'>, 'request' | 'mine' | 'todo' | 'list'> = {
  request: {
    allow: allowOnErrand(policy.errands.request, (input) => input.requestId),
    run: async ({ db, places, caller, now }, { requestId }) => {
      const at = now()
      const errand = await requireErrand(db, places, requestId)
      const place = await errandPlace(places, errand)
      const hasLeader = Boolean(place.leaderId)
      const by: StepBy = place.leaderId === caller.personId ? 'leader' : policy.errands.decideExtension(caller, place) ? 'staff' : 'villager'
      const next = policy.errands.advance(caller, place) ? ADVANCES[errand.state].filter((to) => !('code' in advance(lifecycleFacts(errand, hasLeader), to, by))) : []
      const forMe = errand.forPersonId === caller.personId
      const adjustments = errand.state === 'done' && errand.doneAt ? await loadCalendarAdjustments(db) : null
      const callbackOpen = adjustments !== null && at.getTime() > addWorkingDays(new Date(errand.doneAt!), CALLBACK_AFTER_DAYS, adjustments).getTime()
      const can: ErrandDetail['can'] = {
        rate: forMe && errand.state === 'done',
        respond: forMe && errand.state === 'returned',
        consent: forMe && errand.proxy && errand.consent?.state === 'pending' && errand.open,
        extend:
          policy.errands.extend(caller, place) && errand.open && errand.state !== 'returned' && errand.extension?.state !== 'requested' && at.getTime() < Date.parse(errand.dueAt),
        decideExtension: policy.errands.decideExtension(caller, place) && errand.extension?.state === 'requested',
        callback: policy.errands.callback(caller, place) && callbackOpen && errand.rating === null,
      }
      return toDetail(errand, at, next, can)
    },
  },

  mine: {
    allow: allowBy(policy.errands.mine),
    run: async ({ db, caller, now }, { cursor, limit }) => {
      const page = await cursorPage<ErrandRecord>(
        db,
        'errands',
        { forPersonId: caller.personId },
        { orderBy: 'submittedAt', direction: 'desc', limit, cursor, listKey: `errands:mine:${caller.personId}` },
      )
      return { items: page.items.map((errand) => toSummary(errand, now())), nextCursor: page.nextCursor }
    },
  },

  todo: {
    allow: allowBy(policy.errands.todo),
    run: async ({ db, places, caller, now }, { cursor, limit }) => {
      const _ = db.command
      const group = caller.groupId ? await places.group(caller.groupId) : null
      const leads = group?.leaderId === caller.personId
      const village = villageInCharge(caller)
      const parts: Where[] = [...(leads ? [{ groupId: group!._id, open: true }] : []), ...(village ? [{ villageId: village, open: true, staffQueue: true }] : [])]
      if (parts.length === 0) return { items: [], nextCursor: null, open: 0, overdue: 0 }
      const where: Where = parts.length === 1 ? parts[0] : _.or(parts as never[])
      const at = now()
      const [page, open, overdue] = await Promise.all([
        // Due first: the overdue ones lead (their dueAt is the earliest).
        cursorPage<ErrandRecord>(db, 'errands', where, { orderBy: 'dueAt', direction: 'asc', limit, cursor, listKey: `errands:todo:${caller.personId}` }),
        db.collection('errands').where(where).count(),
        db
          .collection('errands')
          .where(_.and([where, { dueAt: _.lt(at.toISOString()), state: _.neq('returned') }] as never[]))
          .count(),
      ])
      return { items: page.items.map((errand) => toSummary(errand, at)), nextCursor: page.nextCursor, open: open.total, overdue: overdue.total }
    },
  },

  list: {
    allow: allowOnScope(policy.errands.list, (input) => input.scopeId),
    run: async ({ db, places, now }, { scopeId, state, cursor, limit }) => {
      const named = await scopeOf(places, scopeId)
      if (!named) throw notFound('这个村或镇')
      const scope: Where = named.scope.level === 'village' ? { villageId: named.scope.id } : named.scope.level === 'town' ? { townId: named.scope.id } : {}
      const where = state ? { ...scope, state } : scope
      const page = await cursorPage<ErrandRecord>(db, 'errands', where, {
        orderBy: 'submittedAt',
        direction: 'desc',
        limit,
        cursor,
        listKey: `errands:list:${scopeId}:${state ?? ''}`,
      })
      return { items: page.items.map((errand) => toSummary(errand, now())), nextCursor: page.nextCursor }
    },
  },
}
