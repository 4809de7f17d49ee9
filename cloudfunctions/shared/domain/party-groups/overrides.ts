/**
 * The village Party secretary's overrides, applied after the computed passes on every recompute,
 * so they survive roster changes. One that a roster change has made invalid is returned with its
 * problem, never dropped silently. Moves are applied before appointments (an appointee must belong
 * to the Party group as it finally stands); within a kind, in order of `at`.
 */
import { addGroup, anchorOf, firstNeighbourIn, neighboursOf, removeGroup, type Draft, type DraftPartyGroup } from './draft'
import { MIN_PARTY_MEMBERS, OVERRIDE_PROBLEM_WORDS } from './reasons'
import type { AppointLeaderOverride, MoveGroupOverride, Override, OverrideIssue, OverrideIssueCode, OverrideProblem, PartyMemberFact } from './types'
import { canStandAlone } from './village'

export interface AppliedOverride {
  override: Override
  anchorId: string
}

export interface OverrideLedger {
  /** Keyed by what the override decides (a group's place, a Party group's leader), in order applied. */
  applied: Map<string, AppliedOverride>
  issues: OverrideIssue[]
}

/** Deterministic order whatever the input order: by time, then by content. */
export function overrideSortKey(override: Override): string {
  const subject = override.kind === 'APPOINT_LEADER' ? [override.partyGroupId, override.leaderId] : [override.groupId, override.toGroupId]
  return [override.at, override.kind, ...subject, override.by, override.why].join('\u0000')
}

function sortedOverrides<T extends Override>(overrides: readonly T[]): T[] {
  return overrides
    .map((override) => ({ override, key: overrideSortKey(override) }))
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
    .map(({ override }) => override)
}

export function emptyLedger(): OverrideLedger {
  return { applied: new Map(), issues: [] }
}

export function applyMoves(draft: Draft, overrides: readonly Override[], ledger: OverrideLedger): void {
  const moves = overrides.filter((o): o is MoveGroupOverride => o.kind === 'MOVE_GROUP')
  for (const move of sortedOverrides(moves)) applyMove(draft, move, ledger)
}

export function applyAppointments(draft: Draft, overrides: readonly Override[], partyMembers: readonly PartyMemberFact[], ledger: OverrideLedger): void {
  const appointments = overrides.filter((o): o is AppointLeaderOverride => o.kind === 'APPOINT_LEADER')
  const membership = partyMembership(partyMembers)
  for (const appointment of sortedOverrides(appointments)) applyAppointment(draft, appointment, membership, ledger)
}

function issue(override: Override, problem: OverrideProblem): OverrideIssue {
  const code: OverrideIssueCode = problem === 'SUPERSEDED' ? 'OVERRIDE_SUPERSEDED' : 'OVERRIDE_INVALID'
  return { override, code, problem, message: OVERRIDE_PROBLEM_WORDS[problem] }
}

function record(ledger: OverrideLedger, key: string, applied: AppliedOverride): void {
  const earlier = ledger.applied.get(key)
  if (earlier) ledger.issues.push(issue(earlier.override, 'SUPERSEDED'))
  ledger.applied.delete(key)
  ledger.applied.set(key, applied)
}

/** Issues in override order, whatever order they were found in. */
export function sortedIssues(issues: readonly OverrideIssue[]): OverrideIssue[] {
  return [...issues].sort((a, b) => {
    const ka = overrideSortKey(a.override)
    const kb = overrideSortKey(b.override)
    return ka < kb ? -1 : ka > kb ? 1 : 0
  })
}

// ---- MOVE_GROUP ---------------------------------------------------------------------------

function applyMove(draft: Draft, move: MoveGroupOverride, ledger: OverrideLedger): void {
  const checked = checkMove(draft, move)
  if ('problem' in checked) {
    ledger.issues.push(issue(move, checked.problem))
    return
  }
  const { targetAnchorId } = checked
  if (draft.partyGroupOf.get(move.groupId) !== targetAnchorId) {
    removeGroup(draft, move.groupId)
    addGroup(draft, targetAnchorId, move.groupId, firstNeighbourIn(draft, move.groupId, targetAnchorId))
  }
  record(ledger, `move:${move.groupId}`, { override: move, anchorId: targetAnchorId })
}

export function checkMove(draft: Draft, move: MoveGroupOverride): { problem: OverrideProblem } | { targetAnchorId: string } {
  const group = draft.village.byId.get(move.groupId)
  if (!group) return { problem: 'GROUP_GONE' }
  // Only weak groups may be moved: one that can stand alone founds its own Party group (pass 1).
  if (canStandAlone(group)) return { problem: 'GROUP_CAN_STAND_ALONE' }
  const targetAnchorId = draft.partyGroupOf.get(move.toGroupId)
  if (targetAnchorId === undefined) return { problem: 'TARGET_NOT_COVERED' }
  const sourceAnchorId = draft.partyGroupOf.get(move.groupId)
  if (sourceAnchorId === targetAnchorId) return { targetAnchorId } // already there: nothing to do
  if (firstNeighbourIn(draft, move.groupId, targetAnchorId) === undefined) return { problem: 'NOT_ADJACENT' }
  const source = sourceAnchorId === undefined ? undefined : draft.partyGroups.get(sourceAnchorId)
  const problem = source && sourceProblem(draft, source, move.groupId)
  return problem ? { problem } : { targetAnchorId }
}

/** The Party group left behind must keep its anchor (its id), ≥ 3 Party members and be connected. */
function sourceProblem(draft: Draft, source: DraftPartyGroup, leavingId: string): OverrideProblem | undefined {
  if (source.anchorId === leavingId) return 'ANCHOR_CANNOT_MOVE'
  const leaving = draft.village.byId.get(leavingId)?.partyMemberCount ?? 0
  if (source.partyMemberCount - leaving < MIN_PARTY_MEMBERS) return 'SOURCE_TOO_FEW_PARTY_MEMBERS'
  if (!staysConnected(draft, source, leavingId)) return 'SOURCE_DISCONNECTED'
  return undefined
}

function staysConnected(draft: Draft, source: DraftPartyGroup, leavingId: string): boolean {
  const queue = [source.anchorId]
  const reached = new Set(queue)
  for (const current of queue) {
    // grows while iterated: breadth-first over the source
    for (const neighbour of neighboursOf(draft, current)) {
      if (neighbour === leavingId || reached.has(neighbour) || !source.groupIds.has(neighbour)) continue
      reached.add(neighbour)
      queue.push(neighbour)
    }
  }
  return reached.size === source.groupIds.size - 1
}

// ---- APPOINT_LEADER -----------------------------------------------------------------------

/** Person id → the groups their household is counted in (normally one). */
function partyMembership(partyMembers: readonly PartyMemberFact[]): Map<string, Set<string>> {
  const membership = new Map<string, Set<string>>()
  for (const member of partyMembers) {
    const groups = membership.get(member.id) ?? new Set<string>()
    groups.add(member.groupId)
    membership.set(member.id, groups)
  }
  return membership
}

function applyAppointment(draft: Draft, appointment: AppointLeaderOverride, membership: ReadonlyMap<string, ReadonlySet<string>>, ledger: OverrideLedger): void {
  const anchorId = anchorOf(appointment.partyGroupId)
  const partyGroup = anchorId === undefined ? undefined : draft.partyGroups.get(anchorId)
  if (!partyGroup) {
    ledger.issues.push(issue(appointment, 'PARTY_GROUP_GONE'))
    return
  }
  const groupsOfAppointee = membership.get(appointment.leaderId) ?? new Set<string>()
  if (![...groupsOfAppointee].some((groupId) => partyGroup.groupIds.has(groupId))) {
    ledger.issues.push(issue(appointment, 'APPOINTEE_NOT_MEMBER'))
    return
  }
  partyGroup.leaderId = appointment.leaderId
  record(ledger, `appoint:${appointment.partyGroupId}`, { override: appointment, anchorId: partyGroup.anchorId })
}
