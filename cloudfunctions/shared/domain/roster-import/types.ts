/** Plain data in and out of the roster import; no I/O and no libraries (see columns.ts for the template). */
import type { GroupDoc, HouseholdDoc, PartyMembership, PersonDoc } from '../roster'
import type { RosterColumn } from './columns'

/** One problem in the file, for the import preview. */
export interface RowError {
  /** 1-based spreadsheet row number: the header is row 1, the first villager row 2. */
  row: number
  column?: RosterColumn
  /** Plain Chinese with the row in it, e.g. 第5行：缺少姓名 */
  message: string
}

export interface ParsedGroup {
  number: number
  name: string
  /** The key of the person marked 组长; null when the post is left vacant. */
  leaderKey: string | null
  /** Symmetric, sorted, never the group itself. */
  neighbourNumbers: number[]
}

export interface ParsedHousehold {
  householdNo: string
  groupNumber: number
}

export interface ParsedPerson {
  /** `${householdNo}|${name}`: a villager is known by household number and name. */
  key: string
  name: string
  gender: '男' | '女'
  birthDate: string
  phone: string | null
  partyMembership: PartyMembership
  householdNo: string
  groupNumber: number
  /** The spreadsheet row the person came from. */
  row: number
}

export interface ParsedRoster {
  /** By group number. */
  groups: ParsedGroup[]
  /** By group number, then household number. */
  households: ParsedHousehold[]
  /** In file order. */
  people: ParsedPerson[]
}

/** `errors` lists the first MAX_REPORTED_ERRORS problems in row order; `errorCount` counts them all. */
export type ParseResult = { ok: true; roster: ParsedRoster } | { ok: false; errors: RowError[]; errorCount: number }

export interface VillageRef {
  id: string
  townId: string
  name: string
}

/** The village's stored roster before the import. Records of other villages are ignored. */
export interface ExistingRoster {
  groups: readonly GroupDoc[]
  households: readonly HouseholdDoc[]
  people: readonly PersonDoc[]
}

export interface ImportSummary {
  /** Villagers in the file but not in the roster. */
  added: number
  /** Villagers in both whose stored record changes. */
  updated: number
  /** Villagers in the roster but not in the file. */
  removed: number
  unchanged: number
  /** Groups and households of the village after the import. */
  groups: number
  households: number
}

export interface ImportPlan {
  /** Complete documents to store, by group number. */
  groups: GroupDoc[]
  /** Complete documents to store, by id. */
  households: HouseholdDoc[]
  /** Complete documents of every villager in the file, by id. */
  people: PersonDoc[]
  /** Ids to delete. */
  remove: { groups: string[]; households: string[]; people: string[] }
  /** Ids among the documents above that are new or differ from the stored ones: the only writes needed. */
  changed: { groups: string[]; households: string[]; people: string[] }
  summary: ImportSummary
}
