/**
 * The stored shapes of the roster, as the functions read them. Typed by the domain's shapes or
 * declared here, never by the wire (types/functions/*): what a function answers is mapped from
 * these explicitly (e.g. cloudfunctions/shared/party-groups/village-report.ts), so the store and
 * the contract can differ (rule records-not-wire in .dependency-cruiser.cjs).
 *
 * A stored grant is the policy's Grant (types/identity.ts): roles and scopes are the vocabulary
 * types/policy.ts rules on, shared by the app and the functions, not an action's wire shape; the
 * caller (runtime/caller.ts) carries the same Grant, so it is read from the store as it is.
 */
import type { Grant } from '../../../types/identity'
import type { CoverageFigures } from '../domain/coverage'
import type { Override } from '../domain/party-groups/types'
import type { GroupDoc, HouseholdDoc, PersonDoc } from '../domain/roster'
import type { StoredDoc } from '../db/port'

export type { PartyMembership } from '../domain/roster'

export interface TownRecord extends StoredDoc {
  name: string
  cityName: string
}

export interface VillageRecord extends StoredDoc {
  townId: string
  name: string
  partyGroupState?: PartyGroupState
}

/** A villager group (村民小组): the domain's GroupDoc, as stored. */
export interface GroupRecord extends StoredDoc, GroupDoc {}

export interface HouseholdRecord extends StoredDoc, HouseholdDoc {}

export interface PersonRecord extends StoredDoc, PersonDoc {}

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
  /** `void`: replaced by a newer code for the same person, or the person left the roster. */
  status: 'open' | 'used' | 'expired' | 'void'
}

/** A reason as stored: the code is kept as a plain string, not narrowed to the rules' codes. */
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
  appliedOverrides: Override[]
}

/** The latest formation result of a village, kept on the village so coverage reports read 230 docs, not 8,000. */
export interface PartyGroupState {
  stats: CoverageFigures
  uncovered: Array<{ groupId: string; reason: StoredReason; weaknesses: StoredReason[] }>
  overrideIssues: Array<{ override: Override; code: string; problem: string; message: string }>
  computedAt: string
}

export interface OverrideDoc extends StoredDoc {
  villageId: string
  override: Override
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
