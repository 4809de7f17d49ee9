/**
 * `allow` for actions on one case. A case the caller may not see answers 404, exactly as one that
 * does not exist (issue 11): a villager who is not a party, another group's leader, an officer of
 * another town, a city officer or an admin. One they may see but not act on (a party asking to
 * sign for it), 403.
 */
import { NO_CASE, policy, type Actor, type CasePlace, type Rule } from '../../../types/policy'
import type { Database } from '../db/port'
import type { Places } from '../records/places'
import { notFound } from '../runtime/app-error'
import type { CaseFields, CaseRecord } from './records'

const memos = new WeakMap<object, Map<string, Promise<CaseRecord | null>>>()

/** The case, read once per call (allow and run both ask). */
export function loadCase(db: Database, call: object, id: string): Promise<CaseRecord | null> {
  let memo = memos.get(call)
  if (!memo) memos.set(call, (memo = new Map()))
  if (!memo.has(id))
    memo.set(
      id,
      db
        .collection<CaseRecord>('mediationCases')
        .doc(id)
        .get()
        .then(({ data }) => data),
    )
  return memo.get(id)!
}

export function placeOfCase(found: Pick<CaseFields, 'townId' | 'villageId' | 'groupId' | 'levels' | 'partyIds' | 'risks'>, leaderId: string | null): CasePlace {
  return {
    townId: found.townId,
    villageId: found.villageId,
    groupId: found.groupId,
    leaderId,
    levels: found.levels,
    partyIds: found.partyIds,
    violence: found.risks.includes('violence'),
  }
}

export async function casePlace(places: Places, found: CaseRecord | null): Promise<CasePlace> {
  if (!found) return NO_CASE
  const group = await places.group(found.groupId)
  return placeOfCase(found, group?.leaderId ?? null)
}

export const HIDDEN = '这个调解案件'

export function allowOnCase<I>(rule: Rule<'case'>, idOf: (input: I) => string) {
  return async (caller: Actor, input: I, { db, places }: { db: Database; places: Places }): Promise<boolean> => {
    const found = await loadCase(db, places, idOf(input))
    const place = await casePlace(places, found)
    if (!policy.mediation.case(caller, place)) throw notFound(HIDDEN)
    return rule(caller, place)
  }
}

export async function requireCase(db: Database, places: Places, id: string): Promise<CaseRecord> {
  const found = await loadCase(db, places, id)
  if (!found) throw notFound(HIDDEN)
  return found
}
