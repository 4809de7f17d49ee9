import {
  CASE_LEVEL_LABEL,
  CASE_STATE_LABEL,
  CASE_TYPE_LABEL,
  CASE_TYPES,
  FOLLOW_UP_RESULT_LABEL,
  LOG_KIND_LABEL,
  OUTCOME_LABEL,
  PARTY_ROLE_LABEL,
  RISK_LABEL,
  type CaseDetail,
  type CaseLevel,
  type CaseSummary,
} from '../../services/contract'

/** Plain words for the mediation screens, in one place so every screen says it the same way. */

export { CASE_LEVEL_LABEL, CASE_STATE_LABEL, CASE_TYPE_LABEL, FOLLOW_UP_RESULT_LABEL, LOG_KIND_LABEL, OUTCOME_LABEL, PARTY_ROLE_LABEL, RISK_LABEL }

export const TYPE_OPTIONS = CASE_TYPES.map((value) => ({ value, label: CASE_TYPE_LABEL[value] }))

/** Who mediates at a level, as a villager says it. */
export const LEVEL_WHO: Record<CaseLevel, string> = { group: '组长', village: '村里（村书记、村干部）', town: '镇里（镇干部）' }

/** The level and who mediates there: 组里（组长）. */
export const LEVEL_FULL: Record<CaseLevel, string> = { group: '组里（组长）', village: '村里（村书记、村干部）', town: '镇里（镇干部）' }

/** The case's state for a party, in a sentence. */
export function partyStateWords(found: Pick<CaseDetail, 'state' | 'level' | 'outcome'>): string {
  if (found.state === 'awaiting_signature') return `已经交给${LEVEL_WHO[found.level]}，会尽快联系您`
  if (found.state === 'mediating') return `${LEVEL_WHO[found.level]}正在调解`
  if (found.state === 'agreed') return '已经达成调解协议'
  return found.outcome ? `已办结：${OUTCOME_LABEL[found.outcome]}` : '已办结'
}

/** The log's own entries (the handler's kinds are in LOG_KIND_LABEL). */
const LOG_WORDS: Record<string, string> = {
  ...LOG_KIND_LABEL,
  opened: '受理',
  signed: '签收',
  escalated: '上报',
  flagged: '标记风险',
  agreed: '达成协议',
  signed_agreement: '上传签字件',
  closed: '办结',
  extended: '延长调解期限',
  follow_up: '回访',
  follow_up_scheduled: '安排回访',
  clock: '时限提醒',
}

export const logWords = (kind: string) => LOG_WORDS[kind] ?? kind

export const ESCALATED_BY: Record<'handler' | 'risk' | 'limit', string> = { handler: '调解人上报', risk: '有高风险，自动上报', limit: '时限到了，自动上报' }

export const NEXT_WORDS = { urge: '督促履行', reopen: '重新调解', court: '已告知可以去法院，办结' } as const

const BEIJING_MS = 8 * 60 * 60 * 1000
const DAY_MS = 24 * 60 * 60 * 1000
const beijingDay = (time: number) => Math.floor((time + BEIJING_MS) / DAY_MS)

/** 「12月1日」 in Beijing time. */
export function dayWords(iso: string): string {
  const time = Date.parse(iso)
  if (Number.isNaN(time)) return iso
  const shifted = new Date(time + BEIJING_MS)
  return `${shifted.getUTCMonth() + 1}月${shifted.getUTCDate()}日`
}

/** Calendar days from today to the deadline's day (0: today is the last day; negative: passed). */
export function calendarDaysLeft(iso: string, now: number = Date.now()): number {
  return beijingDay(Date.parse(iso)) - beijingDay(now)
}

/** 「还剩 5 天」「今天到期」「已超期 2 天」 */
export function countdownWords(iso: string, now: number = Date.now()): { text: string; late: boolean } {
  const left = calendarDaysLeft(iso, now)
  if (left > 0) return { text: `还剩 ${left} 天`, late: false }
  if (left === 0) return { text: '今天到期', late: false }
  return { text: `已超期 ${-left} 天`, late: true }
}

/** High-risk first, then overdue, then the soonest due, then the newest. */
export const byUrgency = (a: CaseSummary, b: CaseSummary) =>
  Number(b.highRisk) - Number(a.highRisk) ||
  Number(b.overdue) - Number(a.overdue) ||
  (a.dueAt && b.dueAt ? Date.parse(a.dueAt) - Date.parse(b.dueAt) : a.dueAt ? -1 : b.dueAt ? 1 : 0) ||
  Date.parse(b.openedAt) - Date.parse(a.openedAt)

/** 「78%」, or 「—」 when there is nothing to count yet. */
export const percent = (rate: number | null) => (rate === null ? '—' : `${Math.round(rate * 100)}%`)

/** Today in Beijing as YYYY-MM-DD, `days` on. */
export function beijingDate(days = 0, now: number = Date.now()): string {
  const shifted = new Date(now + BEIJING_MS + days * DAY_MS)
  return shifted.toISOString().slice(0, 10)
}
