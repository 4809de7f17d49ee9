/**
 * Turns the finished draft into the plain result: Party groups in anchor order, groups in number
 * order, every group with the reasons for its place in the article's words.
 */
import { firstNeighbourIn, neighboursOf, partyGroupId, rankOf, type Draft, type DraftPartyGroup } from './draft'
import type { OverrideLedger } from './overrides'
import { groupLabel, joinedNeighbourReason, LEADER_TO_BE_APPOINTED, reason } from './reasons'
import type { FormationResult, FormationStats, GroupReason, PartyGroupResult, Reason, UncoveredGroup } from './types'
import { weaknesses } from './village'

export function toResult(draft: Draft, computedPartyGroupOf: ReadonlyMap<string, string>, ledger: OverrideLedger): FormationResult {
  const byRank = (a: string, b: string): number => rankOf(draft, a) - rankOf(draft, b)
  const partyGroups = [...draft.partyGroups.values()].sort((a, b) => byRank(a.anchorId, b.anchorId)).map((pg) => partyGroupResult(draft, pg, computedPartyGroupOf, ledger, byRank))
  const uncovered = draft.village.groups
    .filter((group) => !draft.partyGroupOf.has(group.id))
    .map((group): UncoveredGroup => ({
      groupId: group.id,
      // A group with no neighbour on record cannot join anyone: say so, so staff know what to fill in.
      reason: neighboursOf(draft, group.id).length === 0 ? reason('NO_NEIGHBOURS') : reason('NEIGHBOURS_TOO_FEW_PARTY_MEMBERS'),
      weaknesses: weaknesses(group),
    }))
  return {
    partyGroups,
    uncovered,
    overrideIssues: ledger.issues,
    stats: stats(draft.village.groups.length, partyGroups, uncovered.length),
  }
}

function partyGroupResult(
  draft: Draft,
  partyGroup: DraftPartyGroup,
  computedPartyGroupOf: ReadonlyMap<string, string>,
  ledger: OverrideLedger,
  byRank: (a: string, b: string) => number,
): PartyGroupResult {
  const groupIds = [...partyGroup.groupIds].sort(byRank)
  const reasons = groupIds.flatMap((groupId) =>
    groupReasons(draft, partyGroup, groupId, computedPartyGroupOf.get(groupId) !== partyGroup.anchorId).map((r): GroupReason => ({ groupId, ...r })),
  )
  return {
    id: partyGroupId(partyGroup.anchorId),
    anchorGroupId: partyGroup.anchorId,
    origin: partyGroup.origin,
    groupIds,
    leaderId: partyGroup.leaderId,
    crossGroup: groupIds.length > 1,
    partyMemberCount: partyGroup.partyMemberCount,
    reasons,
    flags: partyGroup.leaderId === null ? [LEADER_TO_BE_APPOINTED] : [],
    appliedOverrides: [...ledger.applied.values()].filter((applied) => applied.anchorId === partyGroup.anchorId).map((applied) => applied.override),
  }
}

function groupReasons(draft: Draft, partyGroup: DraftPartyGroup, groupId: string, moved: boolean): Reason[] {
  const group = draft.village.byId.get(groupId)
  if (!group) return []
  if (partyGroup.origin === 'OWN_GROUP' && groupId === partyGroup.anchorId) return [reason('OWN_GROUP')]
  const found = weaknesses(group)
  const partner = joinedThrough(draft, partyGroup, groupId)
  const partnerGroup = partner === undefined ? undefined : draft.village.byId.get(partner)
  if (partnerGroup) found.push(joinedNeighbourReason(groupLabel(partnerGroup)))
  if (moved) found.push(reason('MOVED_BY_SECRETARY'))
  return found
}

/** The recorded neighbour, or (if a move took it away) the lowest-numbered neighbour still there. */
function joinedThrough(draft: Draft, partyGroup: DraftPartyGroup, groupId: string): string | undefined {
  if (partyGroup.groupIds.size < 2) return undefined
  const recorded = draft.via.get(groupId)
  if (recorded !== undefined && partyGroup.groupIds.has(recorded)) return recorded
  return firstNeighbourIn(draft, groupId, partyGroup.anchorId)
}

function stats(groups: number, partyGroups: readonly PartyGroupResult[], uncovered: number): FormationStats {
  return {
    groups,
    partyGroups: partyGroups.length,
    crossGroup: partyGroups.filter((pg) => pg.crossGroup).length,
    coverage: groups === 0 ? 1 : (groups - uncovered) / groups,
    uncovered,
    leaderToBeAppointed: partyGroups.filter((pg) => pg.leaderId === null).length,
  }
}
