/**
 * Leader of a merged (pass-3) Party group: one of its group leaders who is a Party member, the one
 * whose group has the most Party members, then the lowest group number. None: no leader, and the
 * Party group is flagged 待指定党小组长 until the secretary appoints a Party member.
 * Chosen over the final set of groups (after leftovers joined and overrides moved groups), so a
 * joining group's Party-member leader can fill the post and a moved-out leader never stays on.
 */
import { rankOf, type Draft, type DraftPartyGroup } from './draft'
import { leaderIsPartyMember } from './village'

export function chooseMergedLeaders(draft: Draft): void {
  for (const partyGroup of draft.partyGroups.values()) {
    if (partyGroup.origin === 'MERGED') partyGroup.leaderId = mergedLeader(draft, partyGroup)
  }
}

function mergedLeader(draft: Draft, partyGroup: DraftPartyGroup): string | null {
  let best: { leaderId: string; partyMembers: number; rank: number } | undefined
  for (const groupId of partyGroup.groupIds) {
    const group = draft.village.byId.get(groupId)
    if (!group || group.leaderId === null || !leaderIsPartyMember(group)) continue
    const candidate = { leaderId: group.leaderId, partyMembers: group.partyMemberCount, rank: rankOf(draft, groupId) }
    if (!best || isBetterLeader(candidate, best)) best = candidate
  }
  return best?.leaderId ?? null
}

function isBetterLeader(a: { partyMembers: number; rank: number }, b: { partyMembers: number; rank: number }): boolean {
  if (a.partyMembers !== b.partyMembers) return a.partyMembers > b.partyMembers
  return a.rank < b.rank
}
