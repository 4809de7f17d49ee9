/**
 * Mediation cases as stored. The work log, escalations, follow-ups and the agreement live on the
 * case (a few dozen entries at most). Lists read `mediationEntries`: one small document per case and
 * per list it belongs on (`party:<personId>`, `group:<groupId>`, `village:<villageId>`,
 * `town:<townId>`, `police:<townId>`), rewritten in the transaction of every step, so a handler's
 * list is one indexed query and nobody's list can show a case they may not see. Dashboards read
 * counters: `mediationOpen` (open cases now, by bucket, per village and town) and
 * `mediationFigures` (per village and town and month), also written in each step's transaction.
 */
import type { StoredDoc } from '../db/port'
import type { Limits } from '../domain/mediation/clock'
import type { CaseState, Level, Outcome, Risk } from '../domain/mediation/ladder'

export type CaseType = 'neighbours' | 'family' | 'land' | 'labour' | 'project' | 'other'
export type PartyRole = 'applicant' | 'respondent' | 'other'

export interface CaseParty {
  personId: string | null
  name: string
  phone: string | null
  role: PartyRole
  groupId: string | null
  groupName: string | null
}

export interface Person {
  id: string | null
  name: string
}

export interface LogEntry {
  id: string
  kind: string
  at: string
  by: Person
  note: string | null
  attendees: string[]
  place: string | null
  outcome: string | null
}

export interface Escalation {
  from: Level
  to: Level
  reason: string
  at: string
  by: 'handler' | 'risk' | 'limit'
  byName: string
}

export interface Obligation {
  party: string
  duty: string
  how: string | null
  where: string | null
  by: string | null
}

export interface Agreement {
  form: 'written' | 'oral'
  terms: { facts: string; dispute: string; obligations: Obligation[] }
  performBy: string
  recordedAt: string
  recordedBy: { id: string; name: string }
  effectiveAt: string | null
  documentFileId: string
  signedFileId: string | null
  confirmBy: string | null
  confirmReminded: boolean
}

export interface FollowUp {
  id: string
  dueAt: string
  note: string | null
  scheduledBy: Person
  doneAt: string | null
  result: 'performed' | 'partly' | 'not_performed' | null
  next: 'urge' | 'reopen' | 'court' | null
  resultNote: string | null
  reminded: boolean
}

export type CaseFields = {
  number: string
  clientKey: string | null
  townId: string
  villageId: string
  villageName: string
  groupId: string
  groupName: string
  type: CaseType
  parties: CaseParty[]
  /** Parties on the roster and the villager who asked: who sees the summary. */
  partyIds: string[]
  description: string
  photoIds: string[]
  source: { kind: string; id: string } | null
  risks: Risk[]
  openedAt: string
  openedBy: { id: string; name: string }
  level: Level
  levels: Level[]
  state: CaseState
  levelSince: string
  /**
   * The current level's time limit in days, as the town's limits stood when the case arrived there
   * (a town's new limits apply to cases arriving after). Absent on cases stored before: the town's
   * current limit.
   */
  levelDays?: number
  signedAt: string | null
  signedBy: { id: string; name: string } | null
  firstContactAt: string | null
  /** Hours from intake to the first contact at any level (for the dashboards), set once. */
  firstContactHours: number | null
  lateStartTold: boolean
  limitEscalated: Level[]
  overdue: boolean
  extraDays: number
  extensions: Array<{ days: number; note: string; at: string; byName: string }>
  normTold: boolean
  escalations: Escalation[]
  informedAt: string | null
  log: LogEntry[]
  agreement: Agreement | null
  followUps: FollowUp[]
  outcome: Outcome | null
  closedAt: string | null
  closeNote: string | null
  updatedAt: string
  /** Counted as resolved in the figures (a reopened and re-closed case is counted once). */
  countedClosed: boolean
  nextCheckAt: string | null
}

export interface CaseRecord extends StoredDoc, CaseFields {}

export type EntryFields = {
  key: string
  caseId: string
  /** Open before closed, high risk first, then latest activity: one string so one index orders the list. */
  sortKey: string
  open: boolean
  number: string
  type: CaseType
  level: Level
  state: CaseState
  groupName: string
  villageName: string
  openedAt: string
  updatedAt: string
  partyNames: string[]
  risks: Risk[]
  dueAt: string | null
  overdue: boolean
  outcome: Outcome | null
  /**
   * Where the case is and how far it has gone, so a list read can drop an entry its reader no longer
   * handles (a village's entry for a group-level case whose group has since got a leader). Absent
   * on entries stored before: kept.
   */
  groupId?: string
  levels?: Level[]
}

export interface EntryRecord extends StoredDoc, EntryFields {}

/** Open cases now in one village or town, by bucket (`open`, `level:<l>`, `type:<t>`, `highRisk`, `overdue`, `pastNorm`). */
export interface OpenCountsRecord extends StoredDoc {
  scopeId: string
  counts: Record<string, number>
}

export type MonthCounts = {
  opened: number
  closed: number
  resolved: number
  firstContacts: number
  firstContactHoursTotal: number
}

/** `_id` `<scopeId>:<YYYY-MM>`. */
export interface MediationFigureRecord extends StoredDoc, MonthCounts {
  scopeId: string
  month: string
}

export const EMPTY_MONTH: MonthCounts = { opened: 0, closed: 0, resolved: 0, firstContacts: 0, firstContactHoursTotal: 0 }

export interface LimitsRecord extends StoredDoc, Limits {}
