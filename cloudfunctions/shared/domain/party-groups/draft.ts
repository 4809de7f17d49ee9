/**
 * The working state while the passes run. Local to one call of formPartyGroups: the function
 * stays pure (it never touches its input or anything outside).
 */
import type { Village } from './village'

export interface DraftPartyGroup {
  anchorId: string
  origin: 'OWN_GROUP' | 'MERGED'
  groupIds: Set<string>
  partyMemberCount: number
  leaderId: string | null
}

export interface Draft {
  village: Village
  /** Keyed by anchor group id. */
  partyGroups: Map<string, DraftPartyGroup>
  /** Group id → anchor id of its Party group. */
  partyGroupOf: Map<string, string>
  /** Group id → the neighbour it joined through (for "与X组跨组设立"). */
  via: Map<string, string>
}

export function emptyDraft(village: Village): Draft {
  return { village, partyGroups: new Map(), partyGroupOf: new Map(), via: new Map() }
}

export function partyMembersOf(draft: Draft, groupId: string): number {
  return draft.village.byId.get(groupId)?.partyMemberCount ?? 0
}

export function rankOf(draft: Draft, groupId: string): number {
  return draft.village.rank.get(groupId) ?? Number.MAX_SAFE_INTEGER
}

export function neighboursOf(draft: Draft, groupId: string): readonly string[] {
  return draft.village.neighbours.get(groupId) ?? []
}

export function isCovered(draft: Draft, groupId: string): boolean {
  return draft.partyGroupOf.has(groupId)
}

export function openPartyGroup(draft: Draft, anchorId: string, origin: DraftPartyGroup['origin'], leaderId: string | null): DraftPartyGroup {
  const partyGroup: DraftPartyGroup = { anchorId, origin, groupIds: new Set(), partyMemberCount: 0, leaderId }
  draft.partyGroups.set(anchorId, partyGroup)
  addGroup(draft, anchorId, anchorId)
  return partyGroup
}

export function addGroup(draft: Draft, anchorId: string, groupId: string, via?: string): void {
  const partyGroup = draft.partyGroups.get(anchorId)
  if (!partyGroup || partyGroup.groupIds.has(groupId)) return
  partyGroup.groupIds.add(groupId)
  partyGroup.partyMemberCount += partyMembersOf(draft, groupId)
  draft.partyGroupOf.set(groupId, anchorId)
  if (via !== undefined) draft.via.set(groupId, via)
}

export function removeGroup(draft: Draft, groupId: string): void {
  const anchorId = draft.partyGroupOf.get(groupId)
  const partyGroup = anchorId === undefined ? undefined : draft.partyGroups.get(anchorId)
  if (!partyGroup) return
  partyGroup.groupIds.delete(groupId)
  partyGroup.partyMemberCount -= partyMembersOf(draft, groupId)
  draft.partyGroupOf.delete(groupId)
  draft.via.delete(groupId)
}

/** The first neighbour (in group-number order) of groupId that belongs to the given Party group. */
export function firstNeighbourIn(draft: Draft, groupId: string, anchorId: string): string | undefined {
  return neighboursOf(draft, groupId).find((n) => draft.partyGroupOf.get(n) === anchorId)
}

const ID_PREFIX = 'pg-'

/** Stable id: derived from the anchor group, so recomputes keep it while the anchor stays. */
export function partyGroupId(anchorId: string): string {
  return `${ID_PREFIX}${anchorId}`
}

export function anchorOf(id: string): string | undefined {
  return id.startsWith(ID_PREFIX) ? id.slice(ID_PREFIX.length) : undefined
}
