/**
 * Derives the facts the rules need from roster data. A Party member (full or probationary) is
 * counted in the villager group of their household; the caller passes that group as `groupId`.
 */
import type { GroupFacts, PartyMemberFact } from './types'

export interface RosterGroup {
  id: string
  number: number
  name?: string
  leaderId: string | null
  neighbours: string[]
}

export interface RosterMember {
  id: string
  /** The villager group of the member's household. */
  groupId: string
  /** Full or probationary Party member. */
  partyMember: boolean
}

export function groupFactsFrom(groups: readonly RosterGroup[], members: readonly RosterMember[]): GroupFacts[] {
  const partyMembers = partyMemberFactsFrom(members)
  const countByGroup = new Map<string, number>()
  const partyMemberIds = new Set<string>()
  for (const member of partyMembers) {
    countByGroup.set(member.groupId, (countByGroup.get(member.groupId) ?? 0) + 1)
    partyMemberIds.add(member.id)
  }
  return groups.map((group) => ({
    id: group.id,
    number: group.number,
    ...(group.name === undefined ? {} : { name: group.name }),
    leaderId: group.leaderId,
    leaderIsPartyMember: group.leaderId !== null && partyMemberIds.has(group.leaderId),
    partyMemberCount: countByGroup.get(group.id) ?? 0,
    neighbours: [...group.neighbours],
  }))
}

/** The Party members only, one fact per person (first group wins if a roster lists someone twice). */
export function partyMemberFactsFrom(members: readonly RosterMember[]): PartyMemberFact[] {
  const seen = new Set<string>()
  const facts: PartyMemberFact[] = []
  for (const member of members) {
    if (!member.partyMember || seen.has(member.id)) continue
    seen.add(member.id)
    facts.push({ id: member.id, groupId: member.groupId })
  }
  return facts
}
