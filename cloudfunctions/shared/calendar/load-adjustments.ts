/**
 * The city's working-day table (collection `calendarDays`), read whole: it holds only the days
 * that differ from the national arrangement, a few dozen a year, so one batch covers it.
 */
import type { CalendarAdjustments, CalendarDayKind } from '../domain/calendar/working-days'
import type { Database, StoredDoc } from '../db/port'
import { readAll } from '../records/read-all'

/** `_id` is the date itself, so setting a day twice replaces it rather than adding a second entry. */
export interface CalendarDayRecord extends StoredDoc {
  date: string
  kind: CalendarDayKind
  name: string
  /** personId of the officer who set it, and when (Beijing timestamp). */
  by: string
  at: string
}

export async function loadCalendarAdjustments(db: Database): Promise<CalendarAdjustments> {
  const days = await readAll<CalendarDayRecord>(db, 'calendarDays', {})
  return Object.fromEntries(days.map((day) => [day.date, day.kind]))
}

/** One year's entries in date order, for the table's editing screen. */
export async function calendarDaysOf(db: Database, year: number): Promise<CalendarDayRecord[]> {
  const _ = db.command
  const days = await readAll<CalendarDayRecord>(db, 'calendarDays', { date: _.gte(`${year}-01-01`).and(_.lte(`${year}-12-31`)) })
  return days.sort((a, b) => a.date.localeCompare(b.date))
}
