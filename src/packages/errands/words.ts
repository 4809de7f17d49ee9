import { ERRAND_STATE_LABEL, RATING_LABEL, type CatalogItem, type ErrandState, type ErrandSummary, type Rating } from '../../services/contract'

/** Plain words for the errands screens, in one place so every screen says it the same way. */

export { ERRAND_STATE_LABEL, RATING_LABEL }

/** Short tag on a row. */
export const STATE_TAG: Record<ErrandState, string> = {
  submitted: '待签收',
  accepted: '已签收',
  collected: '材料已收齐',
  handed_on: '已转办',
  done: '已办好',
  closed: '已办结',
  returned: '已退回',
  cancelled: '已取消',
}

/** The button that moves a request to this state (the handler's words). */
export const STEP_BUTTON: Record<ErrandState, string> = {
  submitted: '提交',
  accepted: '签收',
  collected: '材料收齐',
  handed_on: '转村（镇）办理',
  done: '办好了',
  closed: '办结',
  returned: '退回',
  cancelled: '取消申请',
}

/** A step in the request's history, in words. */
const STEP_KIND: Record<string, string> = {
  submitted: '提交申请',
  submitted_for: '组长代为提交',
  accepted: '组长签收',
  collected: '材料收齐',
  handed_on: '转村（镇）办理',
  done: '已办好',
  closed: '办结',
  returned: '退回补充',
  cancelled: '取消',
  note: '说明',
  extension: '延期',
  escalated: '督办',
  warned: '到期提醒',
  consent: '本人同意',
  consent_withdrawn: '本人撤回同意',
  extension_requested: '申请延期',
  extension_approved: '村里批准延期',
  extension_refused: '村里没有批准延期',
  callback_asked: '提醒回访',
  rated: '评价',
  responded: '村民回复',
  callback: '电话回访',
}

export const stepWords = (kind: string) => STEP_KIND[kind] ?? kind

/** Which steps a handler takes forward, best first (退回 and 取消 are asked separately). */
const FORWARD: readonly ErrandState[] = ['accepted', 'collected', 'done', 'handed_on']

/** The forward steps in `next`, the primary one first. */
export const forwardSteps = (next: readonly ErrandState[]) => FORWARD.filter((state) => next.includes(state))

/**
 * The steps a row on 组长待办 offers before its detail is loaded: what the state machine allows a
 * leader from here (the function decides; a refusal is said on the row).
 */
export const ROW_STEPS: Partial<Record<ErrandState, ErrandState[]>> = {
  submitted: ['accepted'],
  accepted: ['collected', 'done'],
  collected: ['done', 'handed_on'],
  handed_on: ['done'],
}

export const ESCALATION_WORDS = { village: '已督办到村', town: '已督办到镇' } as const

export const HANDLED_BY_WORDS = { village: '村里办理', town: '镇上办理' } as const

export const daysWords = (item: Pick<CatalogItem, 'days'>) => `${item.days} 个工作日内办好`

/** When the villager would like to be called. */
export const CONTACT_TIMES = ['上午', '中午', '下午', '晚上', '什么时候都行'] as const

export const RATINGS_SHOWN: { value: Rating; label: string }[] = (['satisfied', 'fair', 'unsatisfied'] as const).map((value) => ({ value, label: RATING_LABEL[value] }))

const BEIJING_MS = 8 * 60 * 60 * 1000
const DAY_MS = 24 * 60 * 60 * 1000

/** The Beijing calendar day of an instant, as a day number (days since 1970-01-01). */
const beijingDay = (at: number) => Math.floor((at + BEIJING_MS) / DAY_MS)

/** Monday to Friday (1970-01-01 was a Thursday). Holidays and 调休 are the function's to know. */
const weekday = (day: number) => {
  const dow = (day + 4) % 7
  return dow !== 0 && dow !== 6
}

/** "6月3日" in Beijing time. */
export function dayWords(iso: string): string {
  const time = Date.parse(iso)
  if (Number.isNaN(time)) return iso
  const shifted = new Date(time + BEIJING_MS)
  return `${shifted.getUTCMonth() + 1}月${shifted.getUTCDate()}日`
}

/** Working days after today up to the due day (Monday–Friday; the calendar's holidays are not known here). */
export function workingDaysLeft(dueAt: string, now: number = Date.now()): number {
  const due = beijingDay(Date.parse(dueAt))
  let count = 0
  for (let day = beijingDay(now) + 1; day <= due; day += 1) if (weekday(day)) count += 1
  return count
}

/** 「还剩 3 个工作日」 / 「今天到期」 / 「已超期」, for a request still being handled. */
export function dueWords(summary: Pick<ErrandSummary, 'dueAt' | 'overdue' | 'state'>, now: number = Date.now()): { text: string; overdue: boolean } | null {
  if (summary.state === 'done' || summary.state === 'closed' || summary.state === 'cancelled') return null
  if (summary.state === 'returned') return { text: '等您补充，期间不计时', overdue: false }
  const overdue = summary.overdue || Date.parse(summary.dueAt) < now
  if (overdue) return { text: '已超期', overdue: true }
  const left = workingDaysLeft(summary.dueAt, now)
  return { text: left === 0 ? '今天到期' : `还剩 ${left} 个工作日`, overdue: false }
}

/** 「78%」, or 「—」 when there is nothing to count yet. */
export const percent = (rate: number | null) => (rate === null ? '—' : `${Math.round(rate * 100)}%`)

/** Satisfied (满意 + 基本满意) among those rated, or null with none rated. */
export function satisfaction(row: { satisfied: number; fair: number; unsatisfied: number }): number | null {
  const rated = row.satisfied + row.fair + row.unsatisfied
  return rated === 0 ? null : (row.satisfied + row.fair) / rated
}

/** What villagers say for an item, as the catalog names it (低保 → 最低生活保障). */
const SPOKEN: Record<string, string> = {
  低保: '最低生活保障',
  五保: '特困',
  社保卡: '社会保障卡',
  社保: '养老保险',
  农保: '养老保险',
  合作医疗: '医保',
  老年证: '老年人优待证',
  残疾证: '残疾人证',
  上户口: '入户',
  报销: '报销',
}

/** Whether an item matches the words typed: its name or materials, or the catalog's word for what a villager says. */
export function matchesWords(item: Pick<CatalogItem, 'name' | 'materials'>, word: string): boolean {
  const words = [word, ...Object.entries(SPOKEN).flatMap(([spoken, written]) => (word.includes(spoken) ? [written] : []))]
  return words.some((w) => item.name.includes(w) || item.materials.some((m) => m.includes(w)))
}
