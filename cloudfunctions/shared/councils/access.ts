/**
 * `allow` for council actions: load the body (the matter, the proposal) the input names, once per
 * call, and ask the action's rule in types/policy.ts. An unknown id is NO_BODY / NO_MATTER, which
 * only a city-wide grant reaches: others are refused (403) whether it exists or not.
 */
import { NO_BODY, NO_MATTER, type Actor, type BodyPlace, type MatterPlace, type Rule } from '../../../types/policy'
import type { Database } from '../db/port'
import { notFound } from '../runtime/app-error'
import type { BodyRecord, MatterRecord, ProposalRecord } from './records'

export function bodyPlace(body: BodyRecord | null): BodyPlace {
  if (!body) return NO_BODY
  return { townId: body.townId, villageId: body.villageId, groupId: body.groupId, kind: body.kind, chairId: body.chairId, memberIds: body.members.map((member) => member.personId) }
}

export function matterPlace(body: BodyRecord | null, matter: MatterRecord | null): MatterPlace {
  if (!body || !matter) return NO_MATTER
  const voting = matter.state !== 'draft' && matter.state !== 'published'
  const beforeVoting =
    matter.kind === 'election' ? [] : [...body.members.map((member) => member.personId), ...matter.nonStanding.flatMap((member) => (member.personId ? [member.personId] : []))]
  const recused = new Set(matter.recusals.map((recusal) => recusal.personId))
  return {
    ...bodyPlace(body),
    public: matter.public,
    state: matter.state,
    voterIds: voting ? matter.voterIds : beforeVoting.filter((id) => !recused.has(id)),
    electorateGroupId: matter.kind === 'election' && !voting ? matter.electorateGroupId : null,
  }
}

/** What one call reads about councils, each document at most once (allow loads, run reuses). */
export interface CouncilLookups {
  body(id: string): Promise<BodyRecord | null>
  matter(id: string): Promise<MatterRecord | null>
  proposal(id: string): Promise<ProposalRecord | null>
}

const memos = new WeakMap<object, CouncilLookups>()

/** Lookups memoised per call: keyed by the call's `places` object, which is made fresh for each call. */
export function lookupsOf(db: Database, call: object): CouncilLookups {
  const existing = memos.get(call)
  if (existing) return existing
  const memo = new Map<string, Promise<unknown>>()
  const once = <T>(collection: string, id: string) => {
    const key = `${collection}/${id}`
    if (!memo.has(key))
      memo.set(
        key,
        db
          .collection(collection)
          .doc(id)
          .get()
          .then(({ data }) => data ?? null),
      )
    return memo.get(key) as Promise<T | null>
  }
  const lookups: CouncilLookups = {
    body: (id) => once<BodyRecord>('councils', id),
    matter: (id) => once<MatterRecord>('matters', id),
    proposal: (id) => once<ProposalRecord>('proposals', id),
  }
  memos.set(call, lookups)
  return lookups
}

type Allow<I> = (caller: Actor, input: I, context: { db: Database; places: object }) => Promise<boolean>

export function allowOnBody<I>(rule: Rule<'body'>, bodyIdOf: (input: I) => string): Allow<I> {
  return async (caller, input, { db, places }) => rule(caller, bodyPlace(await lookupsOf(db, places).body(bodyIdOf(input))))
}

export function allowOnMatter<I>(rule: Rule<'matter'>, matterIdOf: (input: I) => string): Allow<I> {
  return async (caller, input, { db, places }) => {
    const lookups = lookupsOf(db, places)
    const matter = await lookups.matter(matterIdOf(input))
    return rule(caller, matterPlace(matter ? await lookups.body(matter.bodyId) : null, matter))
  }
}

/** A proposal is judged by its body. */
export function allowOnProposal<I>(rule: Rule<'body'>, proposalIdOf: (input: I) => string): Allow<I> {
  return async (caller, input, { db, places }) => {
    const lookups = lookupsOf(db, places)
    const proposal = await lookups.proposal(proposalIdOf(input))
    return rule(caller, bodyPlace(proposal ? await lookups.body(proposal.bodyId) : null))
  }
}

export async function requireBody(lookups: CouncilLookups, id: string): Promise<BodyRecord> {
  const body = await lookups.body(id)
  if (!body) throw notFound('这个议事机构')
  return body
}

export async function requireMatter(lookups: CouncilLookups, id: string): Promise<{ matter: MatterRecord; body: BodyRecord }> {
  const matter = await lookups.matter(id)
  if (!matter) throw notFound('这个事项')
  return { matter, body: await requireBody(lookups, matter.bodyId) }
}
