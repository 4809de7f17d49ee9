/** The stored shapes of the roster, as the functions read them. */
import type { Grant } from '../../../types/identity'
import type { CoverageStats, StoredOverride } from '../../../types/functions/party-groups'
import type { StoredDoc } from '../db/port'

export interface TownRecord extends StoredDoc {
  name: string
  cityName: string
}

export interface VillageRecord extends StoredDoc {
  townId: string
  name: string
  partyGroupState?: PartyGroupState
}

export interface GroupRecord extends StoredDoc {
  villageId: string
  townId: string
  number: number
  name: string
  leaderId: string | null
  neighbours: string[]
  /** Kept in step with the roster in the same transaction as each change. */
  counts: { villagers: number; households: number; partyMembers: number }
  leaderIsPartyMember: boolean
}

export interface HouseholdRecord extends StoredDoc {
  groupId: string
  villageId: string
  townId: string
  householdNo: string
  address: string
}

export type PartyMembership = 'full' | 'probationary' | null

export interface PersonRecord extends StoredDoc {
  name: string
  gender: '男' | '女'
  birthDate: string
  householdId: string | null
  householdNo: string | null
  groupId: string | null
  villageId: string | null
  townId: string | null
  phone: string | null
  idNumber: string | null
  partyMembership: PartyMembership
}

export interface GrantRecord extends StoredDoc, Grant {
  personId: string
}

export interface BindingRecord extends StoredDoc {
  personId: string
  boundAt: string
}

export interface InvitationRecord extends StoredDoc {
  code: string
  personId: string
  issuedBy: string
  expiresAt: string
  usedAt: string | null
  status: 'open' | 'used' | 'expired'
}

export interface StoredReason {
  code: string
  message: string
}

export interface PartyGroupRecord extends StoredDoc {
  villageId: string
  townId: string
  name: string
  groupIds: string[]
  leaderId: string | null
  crossGroup: boolean
  partyMemberCount: number
  anchorGroupId: string
  reasons: Array<StoredReason & { groupId: string }>
  flags: StoredReason[]
  appliedOverrides: StoredOverride[]
}

/** The latest formation result of a village, kept on the village so coverage reports read 230 docs, not 8,000. */
export interface PartyGroupState {
  stats: CoverageStats
  uncovered: Array<{ groupId: string; reason: StoredReason; weaknesses: StoredReason[] }>
  overrideIssues: Array<{ override: StoredOverride; code: string; problem: string; message: string }>
  computedAt: string
}

export interface OverrideDoc extends StoredDoc {
  villageId: string
  override: StoredOverride
}

export interface ChangeLogRecord extends StoredDoc {
  villageId: string
  at: string
  by: string
  byName: string
  kind: string
  summary: string
  before: unknown
  after: unknown
}

export interface ServicePointRecord extends StoredDoc {
  partyGroupId: string
  villageId: string
  groupId: string
  name: string
  address: string
  hours: string
  hostPersonId: string
}
