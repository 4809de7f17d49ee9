/**
 * A case's clocks, in calendar days, Beijing time. A level's clock starts when the case reaches it:
 * its handler signs for it and makes first contact within 24 hours, or the next level is told
 * (once per arrival); its time limit (group 7 days, village 15, town 15 by default, each town may
 * change them) ends at the end of the N-th day after arrival — then the case goes up a level, or at
 * the town is marked overdue, each at most once. A mediation should end within 30 days of intake
 * (longer only with both parties' agreement, recorded as an extension). An agreement may be taken
 * to court for confirmation (司法确认) within 30 days of taking effect: a reminder when 7 days are
 * left. Follow-up visits remind the handler when due. Pure: the job records what it did.
 */
import { levelAbove, limitRuns, type CaseState, type Level } from './ladder'

export interface Limits {
  group: number
  village: number
  town: number
}

export const DEFAULT_LIMITS: Readonly<Limits> = { group: 7, village: 15, town: 15 }
export const START_WITHIN_HOURS = 24
export const NORM_DAYS = 30
export const CONFIRM_DAYS = 30
export const CONFIRM_REMIND_DAYS_LEFT = 7

/**
 * Beijing time (VILLAGE_TIME_ZONE in ../clock, Asia/Shanghai) is UTC+8 all year, with no daylight
 * saving since 1991: a calendar day is plain arithmetic. dayjs's zone conversion costs ~0.5 ms a
 * call, and the clock asks for several deadlines per case step (and the seed for 50,000 cases).
 */
const OFFSET_MS = 8 * 3_600_000
const DAY_MS = 24 * 3_600_000
const beijingDay = (at: Date) => Math.floor((at.getTime() + OFFSET_MS) / DAY_MS)

/** The end (23:59:59.999 Beijing) of the day `days` calendar days after `from`'s day. */
export function calendarDeadline(from: Date, days: number): Date {
  return new Date((beijingDay(from) + days + 1) * DAY_MS - OFFSET_MS - 1)
}

/** Whole Beijing calendar days from `now`'s day to the deadline's day (0 on the last day, negative once passed). */
export function daysLeft(deadline: Date, now: Date): number {
  return beijingDay(deadline) - beijingDay(now)
}

export const levelDueAt = (levelSince: Date, level: Level, limits: Limits) => calendarDeadline(levelSince, limits[level])
export const mustEndBy = (openedAt: Date, extraDays: number) => calendarDeadline(openedAt, NORM_DAYS + extraDays)
export const confirmBy = (effectiveAt: Date) => calendarDeadline(effectiveAt, CONFIRM_DAYS)
export const startBy = (levelSince: Date) => new Date(levelSince.getTime() + START_WITHIN_HOURS * 3_600_000)

export interface CaseClockFacts {
  level: Level
  state: CaseState
  openedAt: Date
  /** When the case reached its current level (or was reopened there). */
  levelSince: Date
  signedAt: Date | null
  /** First contact made at the current level. */
  firstContactAt: Date | null
  /** The next level was told that the current one did not sign or make contact in time (this arrival). */
  lateStartTold: boolean
  /** Levels the time limit has already moved the case up from. */
  limitEscalated: readonly Level[]
  overdue: boolean
  extraDays: number
  normTold: boolean
  agreementEffectiveAt: Date | null
  confirmReminded: boolean
  followUps: ReadonlyArray<{ id: string; dueAt: Date; doneAt: Date | null; reminded: boolean }>
  limits: Limits
}

export type ClockEvent =
  { kind: 'late_start'; level: Level; notify: Level } | { kind: 'limit'; level: Level } | { kind: 'norm' } | { kind: 'confirm_reminder' } | { kind: 'follow_up_due'; id: string }

/** When each event falls due (null: never, as things stand). */
function deadlines(facts: CaseClockFacts) {
  const running = limitRuns(facts.state)
  const started = facts.signedAt !== null && facts.firstContactAt !== null
  const limitDone = facts.level === 'town' ? facts.overdue : facts.limitEscalated.includes(facts.level)
  return {
    lateStart: running && !started && !facts.lateStartTold ? startBy(facts.levelSince) : null,
    limit: running && !limitDone ? levelDueAt(facts.levelSince, facts.level, facts.limits) : null,
    norm: running && !facts.normTold ? mustEndBy(facts.openedAt, facts.extraDays) : null,
    // Due from the start of the day whose countdown (daysLeft to confirmBy) shows 7, i.e. after the
    // end of the day before; only while the agreement stands (agreed, or closed after it), not once
    // a failed follow-up reopened the case, wherever it has gone since.
    confirm:
      facts.agreementEffectiveAt && !facts.confirmReminded && (facts.state === 'agreed' || facts.state === 'closed')
        ? calendarDeadline(facts.agreementEffectiveAt, CONFIRM_DAYS - CONFIRM_REMIND_DAYS_LEFT - 1)
        : null,
    followUps: facts.state === 'agreed' || facts.state === 'closed' ? facts.followUps.filter((visit) => !visit.doneAt && !visit.reminded) : [],
  }
}

/** What the clock has to do now, in order; each at most once (the caller records it). */
export function dueEvents(facts: CaseClockFacts, now: Date): ClockEvent[] {
  const due = deadlines(facts)
  const passed = (at: Date | null) => at !== null && now.getTime() > at.getTime()
  const events: ClockEvent[] = []
  if (passed(due.lateStart)) events.push({ kind: 'late_start', level: facts.level, notify: levelAbove(facts.level) ?? facts.level })
  if (passed(due.limit)) events.push({ kind: 'limit', level: facts.level })
  if (passed(due.norm)) events.push({ kind: 'norm' })
  if (passed(due.confirm)) events.push({ kind: 'confirm_reminder' })
  for (const visit of due.followUps) if (passed(visit.dueAt)) events.push({ kind: 'follow_up_due', id: visit.id })
  return events
}

/** The next moment the clock must look at the case (null: nothing can fall due as things stand). */
export function nextCheckAt(facts: CaseClockFacts): Date | null {
  const due = deadlines(facts)
  const times = [due.lateStart, due.limit, due.norm, due.confirm, ...due.followUps.map((visit) => visit.dueAt)].filter((at): at is Date => at !== null)
  if (times.length === 0) return null
  return new Date(Math.min(...times.map((at) => at.getTime())))
}
