import dayjs from 'dayjs'
import timezone from 'dayjs/plugin/timezone'
import utc from 'dayjs/plugin/utc'

dayjs.extend(utc)
dayjs.extend(timezone)

/** Villages keep Beijing time whatever the server's zone (CloudBase runs in UTC). */
export const VILLAGE_TIME_ZONE = 'Asia/Shanghai'

export function villageDate(at: Date): { year: number; month: number; day: number } {
  const local = dayjs(at).tz(VILLAGE_TIME_ZONE)
  return { year: local.year(), month: local.month() + 1, day: local.date() }
}

export function villageTimestamp(at: Date): string {
  return dayjs(at).tz(VILLAGE_TIME_ZONE).format('YYYY-MM-DDTHH:mm:ssZ')
}
