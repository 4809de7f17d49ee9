/**
 * One village's groups, put in a canonical order so that the input order never matters
 * ("same input, same output"): groups by number then id, neighbour lists likewise, adjacency
 * made symmetric (if A lists B or B lists A they are neighbours).
 */
import { MIN_PARTY_MEMBERS, reason } from './reasons'
import type { GroupFacts, Reason } from './types'

export interface Village {
  /** Groups in canonical order (number, then id). */
  groups: readonly GroupFacts[]
  byId: ReadonlyMap<string, GroupFacts>
  /** Position in canonical order: compare ranks instead of (number, id) pairs. */
  rank: ReadonlyMap<string, number>
  /** Symmetric adjacency, each list in canonical order; unknown ids and self-loops dropped. */
  neighbours: ReadonlyMap<string, readonly string[]>
}

export function compareGroups(a: GroupFacts, b: GroupFacts): number {
  if (a.number !== b.number) return a.number < b.number ? -1 : 1
  if (a.id !== b.id) return a.id < b.id ? -1 : 1
  return 0
}

/** Full content key: only used so duplicate ids (invalid input) still resolve the same way. */
function contentKey(group: GroupFacts): string {
  return JSON.stringify([group.name ?? null, group.leaderId, group.leaderIsPartyMember, group.partyMemberCount, [...group.neighbours].sort()])
}

function sanitised(group: GroupFacts): GroupFacts {
  const count = Number.isFinite(group.partyMemberCount) ? Math.max(0, group.partyMemberCount) : 0
  return { ...group, partyMemberCount: count, neighbours: group.neighbours ?? [] }
}

function canonicalGroups(groups: readonly GroupFacts[]): GroupFacts[] {
  const sorted = groups.map(sanitised).sort((a, b) => {
    const byOrder = compareGroups(a, b)
    if (byOrder !== 0) return byOrder
    const ka = contentKey(a)
    const kb = contentKey(b)
    return ka < kb ? -1 : ka > kb ? 1 : 0
  })
  const seen = new Set<string>()
  return sorted.filter((group) => (seen.has(group.id) ? false : (seen.add(group.id), true)))
}

function symmetricAdjacency(groups: readonly GroupFacts[], rank: ReadonlyMap<string, number>): Map<string, string[]> {
  const sets = new Map<string, Set<string>>(groups.map((g) => [g.id, new Set<string>()]))
  for (const group of groups) {
    for (const other of group.neighbours) {
      // A neighbour outside this village is the caller's error to report; here it is ignored.
      if (other === group.id || !sets.has(other)) continue
      sets.get(group.id)?.add(other)
      sets.get(other)?.add(group.id)
    }
  }
  const byRank = (a: string, b: string): number => (rank.get(a) ?? 0) - (rank.get(b) ?? 0)
  return new Map([...sets].map(([id, set]) => [id, [...set].sort(byRank)]))
}

export function buildVillage(input: readonly GroupFacts[]): Village {
  const groups = canonicalGroups(input)
  const rank = new Map(groups.map((g, index) => [g.id, index]))
  return {
    groups,
    byId: new Map(groups.map((g) => [g.id, g])),
    rank,
    neighbours: symmetricAdjacency(groups, rank),
  }
}

/** A vacant post (leaderId null) counts as a leader who is not a Party member. */
export function leaderIsPartyMember(group: GroupFacts): boolean {
  return group.leaderId !== null && group.leaderIsPartyMember === true
}

/** Why a group cannot have a Party group of its own; empty when it can (article's two conditions). */
export function weaknesses(group: GroupFacts): Reason[] {
  const found: Reason[] = []
  if (group.partyMemberCount < MIN_PARTY_MEMBERS) found.push(reason('TOO_FEW_PARTY_MEMBERS'))
  if (!leaderIsPartyMember(group)) found.push(reason('LEADER_NOT_PARTY_MEMBER'))
  return found
}

/** Pass 1 condition: ≥ 3 Party members and a group leader who is a Party member. */
export function canStandAlone(group: GroupFacts): boolean {
  return weaknesses(group).length === 0
}
