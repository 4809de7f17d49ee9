/** The stored shapes of the roster, as the functions read them. */
import type { Grant } from '../../../types/identity'
import type { StoredDoc } from '../db/port'

export interface TownRecord extends StoredDoc {
  name: string
  cityName: string
}

export interface VillageRecord extends StoredDoc {
  townId: string
  name: string
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
}

export interface PartyGroupRecord extends StoredDoc {
  villageId: string
  townId: string
  name: string
  groupIds: string[]
  leaderId: string | null
  crossGroup: boolean
}

export interface ServicePointRecord extends StoredDoc {
  partyGroupId: string
  groupId: string
  name: string
  address: string
  hours: string
  hostPersonId: string
}
