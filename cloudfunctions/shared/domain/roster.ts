/**
 * The roster's documents as the rules know them: villager groups (村民小组), households and
 * people. The roster import plans whole documents of these shapes and the store keeps them as
 * they are (cloudfunctions/shared/records/records.ts adds only what every stored document has).
 *
 * Type aliases, not interfaces, on purpose: an object type alias may stand where a stored
 * document (which allows further fields) is expected, so what the rules plan can be written as is.
 */

/** 正式党员 / 预备党员; null for everyone else. */
export type PartyMembership = 'full' | 'probationary' | null

export type GroupDoc = {
  _id: string
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

export type HouseholdDoc = {
  _id: string
  groupId: string
  villageId: string
  townId: string
  householdNo: string
  address: string
}

export type PersonDoc = {
  _id: string
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
