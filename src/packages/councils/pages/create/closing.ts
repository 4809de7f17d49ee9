/**
 * Closing times as a village says them: "3 天后" means that day at 20:00 Beijing time (after the
 * day's work, when a meeting can still be held), whatever the phone's time zone.
 */
const BEIJING_OFFSET_MS = 8 * 60 * 60 * 1000
const DAY_MS = 24 * 60 * 60 * 1000
export const CLOSING_HOUR = '20:00'

/** "2026-12-04": the Beijing date `days` after now. */
export function beijingDate(days: number, now: number = Date.now()): string {
  return new Date(now + BEIJING_OFFSET_MS + days * DAY_MS).toISOString().slice(0, 10)
}

/** The ISO time the contract takes: that Beijing date at 20:00, with its +08:00 offset. */
export function closingAt(date: string): string {
  return `${date}T${CLOSING_HOUR}:00+08:00`
}
