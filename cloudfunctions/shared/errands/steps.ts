/** What several errand actions and the job share: the facts the rules take, the next check, figures, who handles it. */
import dayjs from 'dayjs'
import { DEFAULT_TOWN_AFTER_DAYS, nextCheckAt, type ClockFacts } from '../domain/errands/clock'
import { OPEN_STATES, type ErrandFacts, type ErrandState } from '../domain/errands/lifecycle'
import type { CalendarAdjustments } from '../domain/calendar/working-days'
import { VILLAGE_TIME_ZONE } from '../domain/clock'
import type { Database, Transaction } from '../db/port'
import { readAll } from '../records/read-all'
import type { GrantRecord } from '../records/records'
import { EMPTY_COUNTS, type ErrandFields, type ErrandFigureRecord, type ErrandRecord, type ErrandSettingsRecord, type FigureCounts } from './records'

export const ERRAND_PAGE = '/packages/errands/pages/request/index'
export const errandPage = (id: string) => `${ERRAND_PAGE}?id=${encodeURIComponent(id)}`

export function lifecycleFacts(errand: ErrandFields, groupHasLeader: boolean): ErrandFacts {
  return { state: errand.state, returnedFrom: errand.returnedFrom, groupHasLeader, handedTo: errand.handedTo }
}

export function clockFacts(errand: ErrandFields, townAfterDays: number): ClockFacts {
  return {
    state: errand.state,
    // The sign-for deadline runs from when the request (back) in front of the leader, not across a return.
    submittedAt: new Date(errand.acceptFrom ?? errand.submittedAt),
    acceptedAt: errand.acceptedAt ? new Date(errand.acceptedAt) : null,
    dueAt: new Date(errand.dueAt),
    doneAt: errand.doneAt ? new Date(errand.doneAt) : null,
    warned: errand.warned,
    escalations: errand.escalations,
    callbackAsked: errand.callbackAsked,
    rated: errand.rating !== null,
    townAfterDays,
  }
}

/** The fields that follow from the state: open, and when the job must look next. */
export function derived(errand: ErrandFields, adjustments: CalendarAdjustments, townAfterDays: number): Pick<ErrandFields, 'open' | 'nextCheckAt'> {
  const next = nextCheckAt(clockFacts(errand, townAfterDays), adjustments)
  return { open: OPEN_STATES.includes(errand.state), nextCheckAt: next ? next.toISOString() : null }
}

export const isOpen = (state: ErrandState) => OPEN_STATES.includes(state)

export async function settingsOf(db: Database | Transaction, villageId: string): Promise<ErrandSettingsRecord> {
  const { data } = await db.collection<ErrandSettingsRecord>('errandSettings').doc(villageId).get()
  return data ?? { _id: villageId, items: {}, townAfterDays: DEFAULT_TOWN_AFTER_DAYS, uses: {} }
}

export const monthOf = (at: string | Date) => dayjs(at).tz(VILLAGE_TIME_ZONE).format('YYYY-MM')

/** Add to the month's counters of the request's group, village and town, in the step's transaction. */
export async function countFigures(
  tx: Transaction,
  errand: Pick<ErrandFields, 'groupId' | 'groupName' | 'villageId' | 'townId'>,
  villageName: string,
  month: string,
  delta: Partial<FigureCounts>,
): Promise<void> {
  const scopes: Array<Pick<ErrandFigureRecord, 'level' | 'scopeId' | 'label' | 'villageId'>> = [
    { level: 'group', scopeId: errand.groupId, label: errand.groupName, villageId: errand.villageId },
    { level: 'village', scopeId: errand.villageId, label: villageName, villageId: errand.villageId },
    { level: 'town', scopeId: errand.townId, label: '', villageId: null },
  ]
  for (const scope of scopes) {
    const id = `${scope.level}:${scope.scopeId}:${month}`
    const { data } = await tx.collection<ErrandFigureRecord>('errandFigures').doc(id).get()
    const counts = { ...EMPTY_COUNTS, ...(data ?? {}) } as FigureCounts
    const next = Object.fromEntries(Object.keys(EMPTY_COUNTS).map((key) => [key, counts[key as keyof FigureCounts] + (delta[key as keyof FigureCounts] ?? 0)]))
    await tx
      .collection('errandFigures')
      .doc(id)
      .set({ ...scope, townId: errand.townId, month, ...next })
  }
}

/** The village's Party secretary and cadres (those who handle what a group cannot). */
export async function villageCadres(db: Database, villageId: string): Promise<string[]> {
  const grants = await readAll<GrantRecord>(db, 'grants', { 'scope.id': villageId })
  return [...new Set(grants.filter((grant) => grant.role === 'village_secretary' || grant.role === 'village_staff').map((grant) => grant.personId))]
}

export async function townOfficers(db: Database, townId: string): Promise<string[]> {
  const grants = await readAll<GrantRecord>(db, 'grants', { 'scope.id': townId })
  return [...new Set(grants.filter((grant) => grant.role === 'town_officer').map((grant) => grant.personId))]
}

export function step(kind: string, at: Date, by: { id: string | null; name: string }, note?: string | null, photoIds?: string[]) {
  return { kind, at: at.toISOString(), by, note: note ?? null, photoIds: photoIds ?? [] }
}

export type { ErrandRecord }
