/**
 * Pass 2 (and the tail of pass 3). Article: a weak group "和临近小组跨组设立党小组". Every uncovered
 * group next to a Party group joins one: the one with the fewest groups, then the most Party
 * members, then the lowest anchor-group number. Rounds repeat until nothing changes, so a chain of
 * weak groups reaches a Party group through its neighbours.
 *
 * Each round is decided on the state at the start of the round (breadth-first layers): the groups
 * joining in one round never see each other's joins, so the outcome does not depend on the order in
 * which they are looked at.
 */
import { addGroup, isCovered, neighboursOf, rankOf, type Draft, type DraftPartyGroup } from './draft'

interface JoinDecision {
  groupId: string
  anchorId: string
  via: string
}

export function joinNeighbours(draft: Draft): void {
  let frontier = [...draft.partyGroupOf.keys()]
  while (frontier.length > 0) {
    const candidates = uncoveredNeighbours(draft, frontier)
    const decisions = candidates.map((groupId) => decideJoin(draft, groupId)).filter((decision): decision is JoinDecision => decision !== undefined)
    for (const { groupId, anchorId, via } of decisions) addGroup(draft, anchorId, groupId, via)
    frontier = decisions.map((decision) => decision.groupId)
  }
}

/** Only groups next to the last round's joiners can be new candidates: the others were decided. */
function uncoveredNeighbours(draft: Draft, frontier: readonly string[]): string[] {
  const found = new Set<string>()
  for (const covered of frontier) {
    for (const neighbour of neighboursOf(draft, covered)) {
      if (!isCovered(draft, neighbour)) found.add(neighbour)
    }
  }
  return [...found].sort((a, b) => rankOf(draft, a) - rankOf(draft, b))
}

function decideJoin(draft: Draft, groupId: string): JoinDecision | undefined {
  let best: { partyGroup: DraftPartyGroup; via: string } | undefined
  // Neighbours come in group-number order, so the first neighbour seen in a Party group is the
  // lowest-numbered one: the group it joins through.
  for (const neighbour of neighboursOf(draft, groupId)) {
    const anchorId = draft.partyGroupOf.get(neighbour)
    const partyGroup = anchorId === undefined ? undefined : draft.partyGroups.get(anchorId)
    if (!partyGroup || best?.partyGroup === partyGroup) continue
    if (!best || isPreferred(draft, partyGroup, best.partyGroup)) best = { partyGroup, via: neighbour }
  }
  return best && { groupId, anchorId: best.partyGroup.anchorId, via: best.via }
}

/** Fewest groups, then most Party members, then lowest anchor-group number. */
function isPreferred(draft: Draft, a: DraftPartyGroup, b: DraftPartyGroup): boolean {
  if (a.groupIds.size !== b.groupIds.size) return a.groupIds.size < b.groupIds.size
  if (a.partyMemberCount !== b.partyMemberCount) return a.partyMemberCount > b.partyMemberCount
  return rankOf(draft, a.anchorId) < rankOf(draft, b.anchorId)
}
