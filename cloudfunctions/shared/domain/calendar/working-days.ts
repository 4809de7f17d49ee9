/**
 * Working days (工作日) in Beijing: weekends off, except China's official holidays and the
 * weekend days worked in exchange for them (调休). `chinese-days` knows the State Council's
 * arrangement up to the latest year it publishes (2026 at the time of writing); the city's own
 * table (`CalendarAdjustments`) overrides it, which is how a new year (2027) or a local holiday
 * gets in before a library release does.
 *
 * Deadlines land at 23:59:59 Beijing time: a villager given "3 working days" has all of the third.
 */
import { isWorkday } from 'chinese-days'
import dayjs from 'dayjs'
import timezone from 'dayjs/plugin/timezone'
import utc from 'dayjs/plugin/utc'
import { VILLAGE_TIME_ZONE, villageDate } from '../clock'

dayjs.extend(utc)
dayjs.extend(timezone)

export type CalendarDayKind = 'holiday' | 'workday'

/** `YYYY-MM-DD` → what the city says that day is; wins over the national arrangement. */
export type CalendarAdjustments = Readonly<Record<string, CalendarDayKind>>

const DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/

/** A real calendar date written `YYYY-MM-DD` (2027-02-30 is not). */
export function isCalendarDate(date: string): boolean {
  return DATE_PATTERN.test(date) && dayjs.utc(date).format('YYYY-MM-DD') === date
}

function requireDate(date: string): void {
  if (!isCalendarDate(date)) throw new RangeError(`Not a YYYY-MM-DD date: ${date}`)
}

/** The Beijing calendar day an instant falls on. */
function villageDay(at: Date): string {
  const { year, month, day } = villageDate(at)
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`
}

// Calendar arithmetic on the date alone (UTC midnight), so the process's zone never shifts a day.
const nextDay = (date: string) => dayjs.utc(date).add(1, 'day').format('YYYY-MM-DD')

export function isWorkingDay(date: string, adjustments: CalendarAdjustments): boolean {
  requireDate(date)
  const adjusted = adjustments[date]
  if (adjusted) return adjusted === 'workday'
  // chinese-days reads a YYYY-MM-DD string as that calendar day in zones at or east of UTC (the
  // cloud runs in UTC, villages in UTC+8); its tables shift by a day west of UTC.
  return isWorkday(date)
}

/** 23:59:59 Beijing time of the n-th working day after the Beijing day `start` falls on (n ≥ 1). */
export function addWorkingDays(start: Date, n: number, adjustments: CalendarAdjustments): Date {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`n must be a whole number ≥ 1, got ${n}`)
  let date = villageDay(start)
  for (let found = 0; found < n;) {
    date = nextDay(date)
    if (isWorkingDay(date, adjustments)) found += 1
  }
  return dayjs.tz(`${date} 23:59:59`, VILLAGE_TIME_ZONE).toDate()
}

/**
 * Working days after `from`'s Beijing day, up to and including `to`'s: the same convention as
 * `addWorkingDays`, so `workingDaysBetween(s, addWorkingDays(s, n)) === n`. The day `from` falls on
 * never counts (a request made at 23:00 has not used a day); 0 when `to` is not on a later day.
 */
export function workingDaysBetween(from: Date, to: Date, adjustments: CalendarAdjustments): number {
  const last = villageDay(to)
  let count = 0
  for (let date = nextDay(villageDay(from)); date <= last; date = nextDay(date)) {
    if (isWorkingDay(date, adjustments)) count += 1
  }
  return count
}
