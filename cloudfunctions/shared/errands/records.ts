/**
 * Errand requests as stored. A request's `_id` is derived from who filed it and the app's
 * `clientKey`, so a retried submit finds the first one. Steps are kept on the request (a handful
 * each). `nextCheckAt` is the next moment the job errands/deadlines must look at it (null when
 * nothing can fall due), so the job reads only what is due. Figures are counters per group,
 * village and town and month, updated in the transaction of each step.
 */
import type { ErrandState } from '../domain/errands/lifecycle'
import type { StoredDoc } from '../db/port'

export type Rating = 'satisfied' | 'fair' | 'unsatisfied'

export interface ErrandStep {
  kind: string
  at: string
  by: { id: string | null; name: string }
  note: string | null
  photoIds: string[]
}

export type ErrandFields = {
  number: string
  clientKey: string
  townId: string
  villageId: string
  groupId: string
  groupName: string
  forPersonId: string
  forName: string
  filedById: string
  filedByName: string
  proxy: boolean
  consent: { how: 'app' | 'in_person'; state: 'pending' | 'given' | 'withdrawn'; note: string | null } | null
  itemId: string
  itemName: string
  days: number
  materials: string[]
  handledBy: 'village' | 'town'
  inPerson: boolean
  note: string | null
  photoIds: string[]
  contactTime: string | null
  visitAt: string | null
  state: ErrandState
  returnedFrom: ErrandState | null
  returnedAt: string | null
  handedTo: 'village' | 'town' | null
  submittedAt: string
  /** When the 1-working-day sign-for clock started: the submission, or the villager's answer to a return made before anyone signed. */
  acceptFrom: string | null
  acceptedAt: string | null
  doneAt: string | null
  closedAt: string | null
  dueAt: string
  /** On someone's list: submitted … returned (not done, closed, cancelled). */
  open: boolean
  /** On the village cadres' list: the group has no leader, it was escalated to the village, or handed on. */
  staffQueue: boolean
  escalations: Array<{ level: 'village' | 'town'; at: string }>
  warned: boolean
  callbackAsked: boolean
  extension: { days: number; reason: string; state: 'requested' | 'approved' | 'refused'; at: string } | null
  rating: { rating: Rating; note: string | null; by: 'villager' | 'callback'; at: string } | null
  /** Counted in the figures as done (a reopened request is not counted twice). */
  countedDone: boolean
  steps: ErrandStep[]
  nextCheckAt: string | null
  /** What it was made from (a chat message); absent on requests stored before chats. */
  source?: { kind: string; id: string } | null
}

export interface ErrandRecord extends StoredDoc, ErrandFields {}

/** A village's choices over the sample catalog, its escalation setting and each item's use count. */
export interface ErrandSettingsRecord extends StoredDoc {
  items: Record<string, { enabled: boolean; days: number }>
  townAfterDays: number
  uses: Record<string, number>
}

export type FigureCounts = {
  requests: number
  personTimes: number
  onTime: number
  daysTotal: number
  satisfied: number
  fair: number
  unsatisfied: number
}

/** `_id` `<level>:<scopeId>:<YYYY-MM>`. */
export interface ErrandFigureRecord extends StoredDoc, FigureCounts {
  level: 'group' | 'village' | 'town'
  scopeId: string
  townId: string
  villageId: string | null
  label: string
  month: string
}

export const EMPTY_COUNTS: FigureCounts = { requests: 0, personTimes: 0, onTime: 0, daysTotal: 0, satisfied: 0, fair: 0, unsatisfied: 0 }
