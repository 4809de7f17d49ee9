/** What the mediation actions and the job share: the clock's facts, the lists a case is on, the counters, who handles it. */
import dayjs from 'dayjs'
import type { Database, Transaction } from '../db/port'
import { VILLAGE_TIME_ZONE } from '../domain/clock'
import { DEFAULT_LIMITS, levelDueAt, nextCheckAt, type CaseClockFacts, type Limits } from '../domain/mediation/clock'
import { isHighRisk, limitRuns, type LadderFacts, type Level } from '../domain/mediation/ladder'
import { readAll } from '../records/read-all'
import type { GrantRecord } from '../records/records'
import { EMPTY_MONTH, type CaseFields, type EntryFields, type LimitsRecord, type MediationFigureRecord, type MonthCounts, type OpenCountsRecord } from './records'

export const CASE_PAGE = '/packages/mediation/pages/case/index'
export const casePage = (id: string) => `${CASE_PAGE}?id=${encodeURIComponent(id)}`

export const monthOf = (at: string | Date) => dayjs(at).tz(VILLAGE_TIME_ZONE).format('YYYY-MM')

export function ladderFacts(found: CaseFields): LadderFacts {
  return { level: found.level, state: found.state, levels: found.levels, risks: found.risks, outcome: found.outcome }
}

/** The limits that hold for this case: the current level's as it arrived there. */
export const caseLimits = (found: Pick<CaseFields, 'level' | 'levelDays'>, limits: Limits): Limits =>
  found.levelDays === undefined ? limits : { ...limits, [found.level]: found.levelDays }

export function clockFacts(found: CaseFields, limits: Limits): CaseClockFacts {
  const date = (at: string | null) => (at ? new Date(at) : null)
  return {
    level: found.level,
    state: found.state,
    openedAt: new Date(found.openedAt),
    levelSince: new Date(found.levelSince),
    signedAt: date(found.signedAt),
    firstContactAt: date(found.firstContactAt),
    lateStartTold: found.lateStartTold,
    limitEscalated: found.limitEscalated,
    overdue: found.overdue,
    extraDays: found.extraDays,
    normTold: found.normTold,
    agreementEffectiveAt: date(found.agreement?.effectiveAt ?? null),
    confirmReminded: found.agreement?.confirmReminded ?? false,
    followUps: found.followUps.map((visit) => ({ id: visit.id, dueAt: new Date(visit.dueAt), doneAt: date(visit.doneAt), reminded: visit.reminded })),
    limits: caseLimits(found, limits),
  }
}

export const dueAtOf = (found: CaseFields, limits: Limits) =>
  limitRuns(found.state) ? levelDueAt(new Date(found.levelSince), found.level, caseLimits(found, limits)).toISOString() : null
/** Overdue: the town's limit passed, or the 30-day norm passed while still being mediated. */
export const isOverdue = (found: CaseFields) => found.state !== 'closed' && (found.overdue || (found.normTold && limitRuns(found.state)))

export function nextCheckOf(found: CaseFields, limits: Limits): string | null {
  const next = nextCheckAt(clockFacts(found, limits))
  return next ? next.toISOString() : null
}

export async function limitsOf(db: Database | Transaction, townId: string): Promise<Limits & { sample: boolean }> {
  const { data } = await db.collection<LimitsRecord>('mediationLimits').doc(townId).get()
  return data ? { group: data.group, village: data.village, town: data.town, sample: false } : { ...DEFAULT_LIMITS, sample: true }
}

// ── Lists ─────────────────────────────────────────────────────────────────────────────────────

/** Every list the case belongs on. A group with no leader is handled by the village's cadres from the start. */
export function entryKeys(found: Pick<CaseFields, 'partyIds' | 'groupId' | 'villageId' | 'townId' | 'levels' | 'risks'>, groupHasLeader: boolean): string[] {
  const keys = found.partyIds.map((id) => `party:${id}`)
  keys.push(`group:${found.groupId}`)
  if (found.levels.includes('village') || !groupHasLeader) keys.push(`village:${found.villageId}`)
  if (found.levels.includes('town')) keys.push(`town:${found.townId}`)
  if (found.risks.includes('violence')) keys.push(`police:${found.townId}`)
  return [...new Set(keys)]
}

export function entryOf(key: string, caseId: string, found: CaseFields, limits: Limits): EntryFields {
  const open = found.state !== 'closed'
  const high = isHighRisk(found.risks)
  return {
    key,
    caseId,
    sortKey: `${open ? 1 : 0}${open && high ? 1 : 0}${found.updatedAt}`,
    open,
    number: found.number,
    type: found.type,
    level: found.level,
    state: found.state,
    groupName: found.groupName,
    villageName: found.villageName,
    openedAt: found.openedAt,
    updatedAt: found.updatedAt,
    partyNames: found.parties.map((party) => party.name),
    risks: found.risks,
    dueAt: dueAtOf(found, limits),
    overdue: isOverdue(found),
    outcome: found.outcome,
    groupId: found.groupId,
    levels: found.levels,
  }
}

export const entryId = (key: string, caseId: string) => `${key}|${caseId}`

/** Rewrite the case's list entries: the lists it is on now, out of the ones it left. */
export async function writeEntries(tx: Transaction, caseId: string, before: CaseFields | null, after: CaseFields, groupHasLeader: boolean, limits: Limits) {
  const keys = entryKeys(after, groupHasLeader)
  const gone = before ? entryKeys(before, groupHasLeader).filter((key) => !keys.includes(key)) : []
  for (const key of gone) await tx.collection('mediationEntries').doc(entryId(key, caseId)).remove()
  for (const key of keys)
    await tx
      .collection('mediationEntries')
      .doc(entryId(key, caseId))
      .set(entryOf(key, caseId, after, limits))
}

// ── Counters ──────────────────────────────────────────────────────────────────────────────────

/** The dashboard buckets an open case counts in (none once closed). */
export function openBuckets(found: Pick<CaseFields, 'state' | 'level' | 'type' | 'risks' | 'overdue' | 'normTold'>): string[] {
  if (found.state === 'closed') return []
  const buckets = ['open', `level:${found.level}`, `type:${found.type}`]
  if (isHighRisk(found.risks)) buckets.push('highRisk')
  if (found.overdue) buckets.push('overdue')
  if (found.normTold && limitRuns(found.state)) buckets.push('pastNorm')
  return buckets
}

/** +1 for each bucket the case entered, −1 for each it left. */
export function bucketDelta(before: Parameters<typeof openBuckets>[0] | null, after: Parameters<typeof openBuckets>[0]): Record<string, number> {
  const delta: Record<string, number> = {}
  for (const bucket of before ? openBuckets(before) : []) delta[bucket] = (delta[bucket] ?? 0) - 1
  for (const bucket of openBuckets(after)) delta[bucket] = (delta[bucket] ?? 0) + 1
  return Object.fromEntries(Object.entries(delta).filter(([, value]) => value !== 0))
}

export async function countOpen(tx: Transaction, found: Pick<CaseFields, 'villageId' | 'townId'>, delta: Record<string, number>) {
  if (Object.keys(delta).length === 0) return
  for (const scopeId of [found.villageId, found.townId]) {
    const { data } = await tx.collection<OpenCountsRecord>('mediationOpen').doc(scopeId).get()
    const counts = { ...(data?.counts ?? {}) }
    for (const [bucket, change] of Object.entries(delta)) counts[bucket] = Math.max(0, (counts[bucket] ?? 0) + change)
    await tx.collection('mediationOpen').doc(scopeId).set({ scopeId, counts })
  }
}

export async function countMonth(tx: Transaction, found: Pick<CaseFields, 'villageId' | 'townId'>, month: string, delta: Partial<MonthCounts>) {
  for (const scopeId of [found.villageId, found.townId]) {
    const id = `${scopeId}:${month}`
    const { data } = await tx.collection<MediationFigureRecord>('mediationFigures').doc(id).get()
    const counts = { ...EMPTY_MONTH, ...(data ?? {}) } as MonthCounts
    const next = Object.fromEntries(Object.keys(EMPTY_MONTH).map((key) => [key, counts[key as keyof MonthCounts] + (delta[key as keyof MonthCounts] ?? 0)]))
    await tx
      .collection('mediationFigures')
      .doc(id)
      .set({ scopeId, month, ...next })
  }
}

// ── Who handles it ────────────────────────────────────────────────────────────────────────────

export interface CaseOfficers {
  leaderId: string | null
  cadres: string[]
  town: string[]
  police: string[]
}

export async function caseOfficers(db: Database, found: Pick<CaseFields, 'villageId' | 'townId'>, leaderId: string | null): Promise<CaseOfficers> {
  const [village, town] = await Promise.all([readAll<GrantRecord>(db, 'grants', { 'scope.id': found.villageId }), readAll<GrantRecord>(db, 'grants', { 'scope.id': found.townId })])
  const holders = (grants: GrantRecord[], roles: string[]) => [...new Set(grants.filter((grant) => roles.includes(grant.role)).map((grant) => grant.personId))]
  return {
    leaderId,
    cadres: holders(village, ['village_secretary', 'village_staff']),
    town: holders(town, ['town_officer']),
    police: holders(town, ['police_liaison']),
  }
}

/** The people who handle the case at a level (the group's: its leader, or the village's cadres where it has none). */
export function handlersAt(level: Level, officers: CaseOfficers): string[] {
  if (level === 'group') return officers.leaderId ? [officers.leaderId] : officers.cadres
  return level === 'village' ? officers.cadres : officers.town
}

export function logEntry(
  id: string,
  kind: string,
  at: Date,
  by: { id: string | null; name: string },
  extra: { note?: string | null; attendees?: string[]; place?: string | null; outcome?: string | null } = {},
) {
  return { id, kind, at: at.toISOString(), by, note: extra.note ?? null, attendees: extra.attendees ?? [], place: extra.place ?? null, outcome: extra.outcome ?? null }
}
