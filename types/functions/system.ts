import { z } from 'zod'
import { action, emptyInputSchema } from '../common'
import { dayName } from '../fields'

const dateSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 2027-01-01')
  // A real day of the calendar: 2027-02-30 is refused.
  .refine((date) => {
    const day = new Date(`${date}T00:00:00Z`)
    return !Number.isNaN(day.getTime()) && day.toISOString().slice(0, 10) === date
  }, '没有这一天')

const yearSchema = z.number().int().min(2000, '年份不对').max(2100, '年份不对')

export const calendarDaySchema = z.object({
  date: z.string(),
  kind: z.enum(['holiday', 'workday']),
  /** e.g. 元旦, 春节调休上班 */
  name: z.string(),
})
export type CalendarDay = z.infer<typeof calendarDaySchema>

const calendarDaysOutput = z.object({ days: z.array(calendarDaySchema) })

export const systemContract = {
  ping: action({
    who: '任何已登录的人',
    input: emptyInputSchema,
    output: z.object({ pong: z.literal(true), at: z.string() }),
  }),
  /** The city's own entries for a year: days that differ from the national holiday arrangement. */
  calendarDays: action({
    who: '任何已登录的人',
    input: z.strictObject({ year: yearSchema }),
    output: calendarDaysOutput,
  }),
  /** Sets one day of the city's table (kind null removes the entry); answers that year's entries. */
  setCalendarDay: action({
    who: '市级干部、管理员（全市范围）',
    input: z
      .strictObject({
        date: dateSchema,
        kind: z.enum(['holiday', 'workday']).nullable(),
        name: dayName.default(''),
      })
      .refine((input) => input.kind === null || input.name.length > 0, { path: ['name'], message: '请填写名称，如“元旦”' }),
    output: calendarDaysOutput,
  }),
}
