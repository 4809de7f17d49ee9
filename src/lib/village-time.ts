/**
 * Times as a village reads them: Beijing time whatever the phone's or the server's zone. China
 * has kept UTC+8 with no daylight saving since 1991, so a fixed offset is exact and needs no Intl
 * time-zone data (which WeChat's JS engines do not all carry).
 */
const BEIJING_OFFSET_MS = 8 * 60 * 60 * 1000

function beijingParts(iso: string) {
  const time = Date.parse(iso)
  if (Number.isNaN(time)) return null
  const shifted = new Date(time + BEIJING_OFFSET_MS)
  return { month: shifted.getUTCMonth() + 1, day: shifted.getUTCDate(), hour: shifted.getUTCHours(), minute: shifted.getUTCMinutes() }
}

/** "11月26日 07:25" */
export function villageDateTime(iso: string): string {
  const parts = beijingParts(iso)
  if (!parts) return iso
  const two = (n: number) => String(n).padStart(2, '0')
  return `${parts.month}月${parts.day}日 ${two(parts.hour)}:${two(parts.minute)}`
}
