import { addWorkingDays, isCalendarDate, isWorkingDay, workingDaysBetween, type CalendarAdjustments } from '../../cloudfunctions/shared/domain/calendar/working-days'

const NONE: CalendarAdjustments = {}
/** 23:59:59 Beijing time of a date, as an ISO instant in UTC. */
const endOfBeijingDay = (date: string) => new Date(`${date}T23:59:59+08:00`).toISOString()
const at = (iso: string) => new Date(iso)

function days(from: string, to: string): string[] {
  const out: string[] = []
  for (let day = new Date(`${from}T00:00:00Z`); day <= new Date(`${to}T00:00:00Z`); day = new Date(day.getTime() + 86_400_000)) {
    out.push(day.toISOString().slice(0, 10))
  }
  return out
}

describe('isWorkingDay: the national arrangement for 2026', () => {
  it('keeps the whole Spring Festival week (Feb 15–23) off and works the Saturdays Feb 14 and Feb 28', () => {
    for (const date of days('2026-02-15', '2026-02-23')) expect([date, isWorkingDay(date, NONE)]).toEqual([date, false])
    expect(isWorkingDay('2026-02-14', NONE)).toBe(true)
    expect(isWorkingDay('2026-02-28', NONE)).toBe(true)
    expect(isWorkingDay('2026-02-13', NONE)).toBe(true)
    expect(isWorkingDay('2026-02-24', NONE)).toBe(true)
    expect(isWorkingDay('2026-03-01', NONE)).toBe(false) // an ordinary Sunday
  })

  it('keeps National Day week (Oct 1–7) off and works Sunday Sep 20 and Saturday Oct 10', () => {
    for (const date of days('2026-10-01', '2026-10-07')) expect([date, isWorkingDay(date, NONE)]).toEqual([date, false])
    expect(isWorkingDay('2026-09-20', NONE)).toBe(true)
    expect(isWorkingDay('2026-10-10', NONE)).toBe(true)
    expect(isWorkingDay('2026-10-11', NONE)).toBe(false)
    expect(isWorkingDay('2026-09-25', NONE)).toBe(false) // 中秋 falls on a Friday in 2026
    expect(isWorkingDay('2026-09-30', NONE)).toBe(true)
    expect(isWorkingDay('2026-10-08', NONE)).toBe(true)
  })

  it('knows nothing of 2027 beyond weekends until the city’s table says so', () => {
    expect(isWorkingDay('2027-01-01', NONE)).toBe(true) // a Friday: no 2027 arrangement in the library
    expect(isWorkingDay('2027-01-01', { '2027-01-01': 'holiday' })).toBe(false)
  })

  it('lets the table override both ways', () => {
    expect(isWorkingDay('2026-10-03', { '2026-10-03': 'workday' })).toBe(true) // a national holiday worked
    expect(isWorkingDay('2026-10-10', { '2026-10-10': 'holiday' })).toBe(false) // a 调休 Saturday given back
    expect(isWorkingDay('2026-11-28', { '2026-11-28': 'workday' })).toBe(true) // an ordinary Saturday worked
    expect(isWorkingDay('2026-11-27', { '2026-11-27': 'holiday' })).toBe(false) // an ordinary Friday off
    expect(isWorkingDay('2026-11-27', { '2026-11-28': 'workday' })).toBe(true) // other days untouched
  })

  it('refuses what is not a date', () => {
    expect(() => isWorkingDay('2026-02-30', NONE)).toThrow(RangeError)
    expect(() => isWorkingDay('2026/10/10', NONE)).toThrow(RangeError)
    expect(isCalendarDate('2028-02-29')).toBe(true)
    expect(isCalendarDate('2027-02-29')).toBe(false)
  })
})

describe('addWorkingDays', () => {
  it('counts from the next day and ends at 23:59:59 Beijing time', () => {
    // Thursday 2026-11-26 10:00 Beijing: 1 → Fri 27, 2 → Mon 30 (the weekend skipped).
    expect(addWorkingDays(at('2026-11-26T10:00:00+08:00'), 1, NONE).toISOString()).toBe(endOfBeijingDay('2026-11-27'))
    expect(addWorkingDays(at('2026-11-26T10:00:00+08:00'), 2, NONE).toISOString()).toBe(endOfBeijingDay('2026-11-30'))
  })

  it('jumps the Spring Festival week and uses the working Saturdays', () => {
    // Friday Feb 13: the next working day is Saturday Feb 14, then nothing until Tuesday Feb 24.
    expect(addWorkingDays(at('2026-02-13T09:00:00+08:00'), 1, NONE).toISOString()).toBe(endOfBeijingDay('2026-02-14'))
    expect(addWorkingDays(at('2026-02-13T09:00:00+08:00'), 2, NONE).toISOString()).toBe(endOfBeijingDay('2026-02-24'))
    // Tue 24 … Fri 27 are 1–4, Saturday Feb 28 is the 5th.
    expect(addWorkingDays(at('2026-02-23T09:00:00+08:00'), 5, NONE).toISOString()).toBe(endOfBeijingDay('2026-02-28'))
  })

  it('takes a start late in the Beijing evening as that Beijing day, not the UTC one', () => {
    // 2026-09-30 20:00 Beijing is 12:00 UTC the same day; 2026-09-30 23:30 Beijing is 15:30 UTC.
    expect(addWorkingDays(at('2026-09-30T12:00:00Z'), 1, NONE).toISOString()).toBe(endOfBeijingDay('2026-10-08'))
    expect(addWorkingDays(at('2026-09-30T15:30:00Z'), 3, NONE).toISOString()).toBe(endOfBeijingDay('2026-10-10'))
    // 16:30 UTC on Sep 30 is already 00:30 on Oct 1 in Beijing: the count starts after Oct 1.
    expect(addWorkingDays(at('2026-09-30T16:30:00Z'), 1, NONE).toISOString()).toBe(endOfBeijingDay('2026-10-08'))
    // 2026-10-09 23:00 Beijing (15:00 UTC, a Friday): the next working day is Saturday Oct 10.
    expect(addWorkingDays(at('2026-10-09T15:00:00Z'), 1, NONE).toISOString()).toBe(endOfBeijingDay('2026-10-10'))
  })

  it('follows the city’s table: New Year 2027 off, a worked Saturday in', () => {
    const table: CalendarAdjustments = { '2027-01-01': 'holiday' }
    expect(addWorkingDays(at('2026-12-31T09:00:00+08:00'), 1, NONE).toISOString()).toBe(endOfBeijingDay('2027-01-01'))
    expect(addWorkingDays(at('2026-12-31T09:00:00+08:00'), 1, table).toISOString()).toBe(endOfBeijingDay('2027-01-04'))
    const worked: CalendarAdjustments = { ...table, '2027-01-02': 'workday' }
    expect(addWorkingDays(at('2026-12-31T09:00:00+08:00'), 1, worked).toISOString()).toBe(endOfBeijingDay('2027-01-02'))
    expect(addWorkingDays(at('2026-10-09T09:00:00+08:00'), 1, { '2026-10-10': 'holiday' }).toISOString()).toBe(endOfBeijingDay('2026-10-12'))
  })

  it('refuses n that is not a whole number ≥ 1', () => {
    expect(() => addWorkingDays(at('2026-11-26T10:00:00+08:00'), 0, NONE)).toThrow(RangeError)
    expect(() => addWorkingDays(at('2026-11-26T10:00:00+08:00'), 1.5, NONE)).toThrow(RangeError)
  })
})

describe('workingDaysBetween', () => {
  it('counts the days after from’s Beijing day up to and including to’s', () => {
    // After Sep 30: Oct 8, 9, 10 (Saturday, worked) and 12 → 4 by Monday Oct 12.
    expect(workingDaysBetween(at('2026-09-30T12:00:00Z'), at('2026-10-12T00:30:00+08:00'), NONE)).toBe(4)
    expect(workingDaysBetween(at('2026-09-30T12:00:00Z'), at('2026-10-07T23:59:59+08:00'), NONE)).toBe(0)
    expect(workingDaysBetween(at('2026-02-13T08:00:00+08:00'), at('2026-02-28T08:00:00+08:00'), NONE)).toBe(6)
  })

  it('is 0 on the same Beijing day and when to is earlier', () => {
    expect(workingDaysBetween(at('2026-11-26T01:00:00+08:00'), at('2026-11-26T23:00:00+08:00'), NONE)).toBe(0)
    expect(workingDaysBetween(at('2026-11-27T10:00:00+08:00'), at('2026-11-20T10:00:00+08:00'), NONE)).toBe(0)
  })

  it('undoes addWorkingDays across the holiday weeks', () => {
    const table: CalendarAdjustments = { '2027-01-01': 'holiday', '2026-12-26': 'workday' }
    for (const start of ['2026-02-10T21:00:00+08:00', '2026-09-18T23:45:00+08:00', '2026-12-20T07:00:00+08:00']) {
      for (let n = 1; n <= 25; n += 1) {
        expect(workingDaysBetween(at(start), addWorkingDays(at(start), n, table), table)).toBe(n)
      }
    }
  })
})
