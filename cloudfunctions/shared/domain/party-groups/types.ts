/**
 * Plain data in and out of Party-group formation (党小组设立). No zod here: the domain stays
 * free of libraries; callers validate at the edge and hand over these shapes.
 * Rules: see docs/party-groups.md and DOMAIN.md §1.
 */
import type { CoverageFigures } from '../coverage'

/** What the rules need to know about one villager group (村民小组) of one village. */
export interface GroupFacts {
  id: string
  /** The group's number in its village (e.g. 37 for "37组"); orders every tie-break. */
  number: number
  /** Display name, e.g. "37组" or "东风组"; falls back to `${number}组`. */
  name?: string
  /** The group leader (村民小组长); null when the post is vacant. */
  leaderId: string | null
  /** Ignored when leaderId is null: a vacant post counts as a leader who is not a Party member. */
  leaderIsPartyMember: boolean
  /** Full and probationary Party members counted in the group of their household. */
  partyMemberCount: number
  /** Ids of geographically adjacent groups of the same village; treated as symmetric. */
  neighbours: string[]
}

/** A Party member and the group of their household; used to check APPOINT_LEADER overrides. */
export interface PartyMemberFact {
  id: string
  groupId: string
}

/** Who changed the computed result, when (ISO 8601) and why: kept for the ledger (台账). */
export interface OverrideRecord {
  by: string
  at: string
  why: string
}

/** The village Party secretary appoints another Party member of the Party group as its leader. */
export interface AppointLeaderOverride extends OverrideRecord {
  kind: 'APPOINT_LEADER'
  partyGroupId: string
  leaderId: string
}

/** The village Party secretary moves a weak group to another neighbouring Party group. */
export interface MoveGroupOverride extends OverrideRecord {
  kind: 'MOVE_GROUP'
  groupId: string
  /** Any group of the target Party group. */
  toGroupId: string
}

export type Override = AppointLeaderOverride | MoveGroupOverride

export interface FormationInput {
  groups: GroupFacts[]
  overrides?: Override[]
  partyMembers?: PartyMemberFact[]
}

export type ReasonCode =
  'OWN_GROUP' | 'TOO_FEW_PARTY_MEMBERS' | 'LEADER_NOT_PARTY_MEMBER' | 'JOINED_NEIGHBOUR' | 'NEIGHBOURS_TOO_FEW_PARTY_MEMBERS' | 'NO_NEIGHBOURS' | 'MOVED_BY_SECRETARY'

export type FlagCode = 'LEADER_TO_BE_APPOINTED'

export type OverrideIssueCode = 'OVERRIDE_INVALID' | 'OVERRIDE_SUPERSEDED'

/** Machine-readable detail of an override issue; the message carries the words. */
export type OverrideProblem =
  | 'PARTY_GROUP_GONE'
  | 'APPOINTEE_NOT_MEMBER'
  | 'GROUP_GONE'
  | 'GROUP_CAN_STAND_ALONE'
  | 'TARGET_NOT_COVERED'
  | 'NOT_ADJACENT'
  | 'ANCHOR_CANNOT_MOVE'
  | 'SOURCE_TOO_FEW_PARTY_MEMBERS'
  | 'SOURCE_DISCONNECTED'
  | 'SUPERSEDED'

export interface Reason {
  code: ReasonCode
  message: string
}

export interface GroupReason extends Reason {
  groupId: string
}

export interface Flag {
  code: FlagCode
  message: string
}

export interface PartyGroupResult {
  /** `pg-<anchorGroupId>`: stable across recomputes while the anchor stays the anchor. */
  id: string
  /** The founding group (pass 1) or the lowest-numbered group of a pass-3 merge. */
  anchorGroupId: string
  /** 'OWN_GROUP' = founded by a group able to stand alone; 'MERGED' = pass-3 merge of weak groups. */
  origin: 'OWN_GROUP' | 'MERGED'
  /** In group-number order. */
  groupIds: string[]
  leaderId: string | null
  /** Covers more than one villager group (跨组党小组). */
  crossGroup: boolean
  partyMemberCount: number
  reasons: GroupReason[]
  flags: Flag[]
  /** Overrides that shaped this Party group, in the order applied. */
  appliedOverrides: Override[]
}

export interface UncoveredGroup {
  groupId: string
  reason: Reason
  /** Why the group could not have a Party group of its own. */
  weaknesses: Reason[]
}

export interface OverrideIssue {
  override: Override
  code: OverrideIssueCode
  problem: OverrideProblem
  message: string
}

/** A village's coverage figures: the one coverage shape, declared in ../coverage.ts. */
export type FormationStats = CoverageFigures

export interface FormationResult {
  partyGroups: PartyGroupResult[]
  uncovered: UncoveredGroup[]
  overrideIssues: OverrideIssue[]
  stats: FormationStats
}
