/**
 * CloudBase's 7-field timer cron (second minute hour day month weekday year), read the way its
 * timer triggers read it: in Beijing time. Fields take `*`, numbers, `a-b`, `a,b,c` and `/step`.
 * Only what the manifest's jobs use is needed, but the grammar is the whole of CloudBase's.
 */
import dayjs from 'dayjs'
import timezone from 'dayjs/plugin/timezone'
import utc from 'dayjs/plugin/utc'

dayjs.extend(utc)
dayjs.extend(timezone)

const FIELD_RANGES: Array<[number, number]> = [
  [0, 59], // second
  [0, 59], // minute
  [0, 23], // hour
  [1, 31], // day of month
  [1, 12], // month
  [0, 6], // weekday, 0 = Sunday
  [1970, 2199], // year
]

export type CronSchedule = Array<Set<number>>

function parseField(text: string, [min, max]: [number, number], cron: string): Set<number> {
  const values = new Set<number>()
  for (const part of text.split(',')) {
    const [range, stepText] = part.split('/')
    const step = stepText === undefined ? 1 : Number(stepText)
    let [from, to] = [min, max]
    if (range !== '*') {
      const [a, b] = range.split('-').map(Number)
      from = a
      to = b ?? (stepText === undefined ? a : max)
    }
    if (![from, to, step].every(Number.isInteger) || step < 1 || from < min || to > max || from > to) {
      throw new Error(`Bad cron "${cron}": field "${text}" must lie in ${min}-${max}`)
    }
    for (let value = from; value <= to; value += step) values.add(value)
  }
  return values
}

export function parseCron(cron: string): CronSchedule {
  const fields = cron.trim().split(/\s+/)
  if (fields.length !== 7) throw new Error(`Bad cron "${cron}": CloudBase timers have 7 fields`)
  return fields.map((field, index) => parseField(field, FIELD_RANGES[index], cron))
}

export function cronMatches(schedule: CronSchedule, at: Date): boolean {
  const t = dayjs(at).tz('Asia/Shanghai')
  const parts = [t.second(), t.minute(), t.hour(), t.date(), t.month() + 1, t.day(), t.year()]
  return parts.every((value, index) => schedule[index].has(value))
}
