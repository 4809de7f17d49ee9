/**
 * The clock, with no bouncing: it starts when the villager submits (never when someone signs for
 * it), pauses only while the request waits on the villager (returned: dueAt moves by exactly the
 * working days spent there), and otherwise moves only by an approved extension. Supervision (督办):
 * a warning to the handler on the last working day; not signed for within 1 working day, or
 * overdue → the village; still overdue `townAfterDays` working days after dueAt → the town; each
 * level at most once. After done, 3 working days without a rating → the leader calls back.
 */
import dayjs from 'dayjs'
import timezone from 'dayjs/plugin/timezone'
import utc from 'dayjs/plugin/utc'
import { addWorkingDays, isWorkingDay, workingDaysBetween, type CalendarAdjustments } from '../calendar/working-days'
import { VILLAGE_TIME_ZONE } from '../clock'
import type { ErrandState } from './lifecycle'

dayjs.extend(utc)
dayjs.extend(timezone)

export const ACCEPT_WITHIN_DAYS = 1
export const CALLBACK_AFTER_DAYS = 3
export const DEFAULT_TOWN_AFTER_DAYS = 3

export function dueAtFor(submittedAt: Date, days: number, adjustments: CalendarAdjustments): Date {
  return addWorkingDays(submittedAt, days, adjustments)
}

/** dueAt after a return answered: later by the working days the request waited on the villager. */
export function resumedDueAt(dueAt: Date, returnedAt: Date, respondedAt: Date, adjustments: CalendarAdjustments): Date {
  const paused = workingDaysBetween(returnedAt, respondedAt, adjustments)
  return paused > 0 ? addWorkingDays(dueAt, paused, adjustments) : dueAt
}

export function extendedDueAt(dueAt: Date, days: number, adjustments: CalendarAdjustments): Date {
  return addWorkingDays(dueAt, days, adjustments)
}

/** The end (23:59:59 Beijing) of the last working day before `at`'s day: when the warning is due. */
export function lastWorkingDayBefore(at: Date, adjustments: CalendarAdjustments): Date {
  let day = dayjs(at).tz(VILLAGE_TIME_ZONE).startOf('day')
  for (;;) {
    day = day.subtract(1, 'day')
    if (isWorkingDay(day.format('YYYY-MM-DD'), adjustments)) return dayjs.tz(`${day.format('YYYY-MM-DD')} 23:59:59`, VILLAGE_TIME_ZONE).toDate()
  }
}

export interface ClockFacts {
  state: ErrandState
  submittedAt: Date
  acceptedAt: Date | null
  dueAt: Date
  doneAt: Date | null
  warned: boolean
  escalations: ReadonlyArray<{ level: 'village' | 'town' }>
  callbackAsked: boolean
  rated: boolean
  townAfterDays: number
}

export type SupervisionEvent = { kind: 'warn' } | { kind: 'escalate'; level: 'village' | 'town'; why: 'not_accepted' | 'overdue' } | { kind: 'callback' }

/** When each event falls due (null: never, in this state). */
function deadlines(facts: ClockFacts, adjustments: CalendarAdjustments) {
  const running = facts.state === 'submitted' || facts.state === 'accepted' || facts.state === 'collected' || facts.state === 'handed_on'
  const escalated = (level: 'village' | 'town') => facts.escalations.some((escalation) => escalation.level === level)
  return {
    warn: running && !facts.warned ? lastWorkingDayBefore(facts.dueAt, adjustments) : null,
    notAccepted: facts.state === 'submitted' && !escalated('village') ? addWorkingDays(facts.submittedAt, ACCEPT_WITHIN_DAYS, adjustments) : null,
    overdue: running && !escalated('village') ? facts.dueAt : null,
    town: running && !escalated('town') ? addWorkingDays(facts.dueAt, facts.townAfterDays, adjustments) : null,
    callback: facts.state === 'done' && !facts.rated && !facts.callbackAsked && facts.doneAt ? addWorkingDays(facts.doneAt, CALLBACK_AFTER_DAYS, adjustments) : null,
  }
}

/** What supervision has to do now, in order; each at most once (the caller records it). */
export function dueEvents(facts: ClockFacts, now: Date, adjustments: CalendarAdjustments): SupervisionEvent[] {
  const due = deadlines(facts, adjustments)
  const passed = (at: Date | null) => at !== null && now.getTime() > at.getTime()
  const events: SupervisionEvent[] = []
  if (passed(due.warn) && !passed(facts.dueAt)) events.push({ kind: 'warn' })
  if (passed(due.notAccepted)) events.push({ kind: 'escalate', level: 'village', why: 'not_accepted' })
  else if (passed(due.overdue)) events.push({ kind: 'escalate', level: 'village', why: 'overdue' })
  if (passed(due.town)) events.push({ kind: 'escalate', level: 'town', why: 'overdue' })
  if (passed(due.callback)) events.push({ kind: 'callback' })
  return events
}

/** The next moment supervision must look at this request (null: nothing will fall due in this state). */
export function nextCheckAt(facts: ClockFacts, adjustments: CalendarAdjustments): Date | null {
  const due = deadlines(facts, adjustments)
  const times = [due.warn && due.warn < facts.dueAt ? due.warn : null, due.notAccepted, due.overdue, due.town, due.callback].filter((at): at is Date => at !== null)
  if (times.length === 0) return null
  return new Date(Math.min(...times.map((at) => at.getTime())))
}
