/**
 * Pass 3. Weak groups that no Party group reached merge with their weak neighbours, breadth-first
 * in group-number order, until the merged Party group has ≥ 3 Party members (article: "党员少于3名
 * … 和临近小组跨组设立党小组"). Starting points are taken in group-number order, so the anchor of a
 * merge is its lowest-numbered group at formation and its id `pg-<anchor>` stays stable.
 * A set that cannot reach 3 Party members is set aside; joinNeighbours then lets it join an
 * adjacent merged Party group, or it stays uncovered (临近小组党员不足).
 */
import { addGroup, isCovered, neighboursOf, openPartyGroup, partyMembersOf, type Draft } from './draft'
import { MIN_PARTY_MEMBERS } from './reasons'

interface BreadthFirstSet {
  order: string[]
  parent: Map<string, string>
  partyMembers: number
}

export function mergeLeftovers(draft: Draft): void {
  const cannotReachThree = new Set<string>()
  for (const group of draft.village.groups) {
    if (isCovered(draft, group.id) || cannotReachThree.has(group.id)) continue
    const set = gatherUntilEnough(draft, group.id, cannotReachThree)
    if (set.partyMembers >= MIN_PARTY_MEMBERS) openMerged(draft, set)
    // Not enough: the search used up every reachable leftover, so none of them can do better later.
    else set.order.forEach((id) => cannotReachThree.add(id))
  }
}

function gatherUntilEnough(draft: Draft, startId: string, excluded: ReadonlySet<string>): BreadthFirstSet {
  const set: BreadthFirstSet = { order: [], parent: new Map(), partyMembers: 0 }
  const queue = [startId]
  const seen = new Set(queue)
  // Groups are added when taken off the queue, so every prefix of `order` is connected.
  for (let head = 0; head < queue.length && set.partyMembers < MIN_PARTY_MEMBERS; head += 1) {
    const current = queue[head]
    if (current === undefined) break
    set.order.push(current)
    set.partyMembers += partyMembersOf(draft, current)
    for (const neighbour of neighboursOf(draft, current)) {
      if (seen.has(neighbour) || isCovered(draft, neighbour) || excluded.has(neighbour)) continue
      seen.add(neighbour)
      set.parent.set(neighbour, current)
      queue.push(neighbour)
    }
  }
  return set
}

function openMerged(draft: Draft, set: BreadthFirstSet): void {
  const [anchorId, firstPartner] = set.order
  if (anchorId === undefined) return
  // The leader is chosen once the Party group is complete (see leaders.ts).
  openPartyGroup(draft, anchorId, 'MERGED', null)
  if (firstPartner !== undefined) draft.via.set(anchorId, firstPartner)
  for (const groupId of set.order.slice(1)) addGroup(draft, anchorId, groupId, set.parent.get(groupId))
}
