/**
 * `allow` for actions on one request. A request the caller may not see answers 404, exactly as one
 * that does not exist (issue 10); one they may see but not act on, 403.
 */
import { NO_ERRAND, policy, type Actor, type ErrandPlace, type Rule } from '../../../types/policy'
import type { Database } from '../db/port'
import type { Places } from '../records/places'
import { notFound } from '../runtime/app-error'
import type { ErrandRecord } from './records'

const memos = new WeakMap<object, Map<string, Promise<ErrandRecord | null>>>()

export function loadErrand(db: Database, call: object, id: string): Promise<ErrandRecord | null> {
  let memo = memos.get(call)
  if (!memo) memos.set(call, (memo = new Map()))
  if (!memo.has(id))
    memo.set(
      id,
      db
        .collection<ErrandRecord>('errands')
        .doc(id)
        .get()
        .then(({ data }) => data),
    )
  return memo.get(id)!
}

export async function errandPlace(places: Places, errand: ErrandRecord | null): Promise<ErrandPlace> {
  if (!errand) return NO_ERRAND
  const group = await places.group(errand.groupId)
  return {
    townId: errand.townId,
    villageId: errand.villageId,
    groupId: errand.groupId,
    leaderId: group?.leaderId ?? null,
    forPersonId: errand.forPersonId,
    filedById: errand.filedById,
  }
}

export const HIDDEN = '这个办事申请'

export function allowOnErrand<I>(rule: Rule<'errand'>, idOf: (input: I) => string) {
  return async (caller: Actor, input: I, { db, places }: { db: Database; places: Places }): Promise<boolean> => {
    const errand = await loadErrand(db, places, idOf(input))
    const place = await errandPlace(places, errand)
    if (!policy.errands.request(caller, place)) throw notFound(HIDDEN)
    return rule(caller, place)
  }
}

export async function requireErrand(db: Database, places: Places, id: string): Promise<ErrandRecord> {
  const errand = await loadErrand(db, places, id)
  if (!errand) throw notFound(HIDDEN)
  return errand
}
