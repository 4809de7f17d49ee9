/**
 * The rules for text people type or import: one table, used by the contract's zod fields
 * (./fields.ts) and by the roster import's cell reading (cloudfunctions/shared/domain/roster-import),
 * so a name refused in an action is refused in a spreadsheet too, with the same words.
 *
 * Plain functions and constants with no imports at all: it is the one module of types/ the pure
 * domain may import (see the domain-is-pure rule in .dependency-cruiser.cjs).
 */

export interface TextRule {
  /** What the field is called in messages, e.g. 姓名. */
  label: string
  /** At most this many characters (code points: a rare 𠀀 counts once), after cleaning. */
  max: number
  /** At least this many characters after cleaning; 0 when the field may be empty. */
  min: number
  /** Keeps line breaks (long free text); everything else is one line. */
  multiline: boolean
  /**
   * Refuses text a spreadsheet would run as a formula (=, +, -, @ at the start) — for names and
   * the like, which end up in exported tables and have no reason to start that way. Free text
   * (reasons, notes) is neutralised on export instead, since "-" may start an honest sentence.
   */
  noFormula: boolean
}

const rule = (label: string, max: number, options: Partial<Omit<TextRule, 'label' | 'max'>> = {}): TextRule => ({
  label,
  max,
  min: options.min ?? 0,
  multiline: options.multiline ?? false,
  noFormula: options.noFormula ?? false,
})

/** Every kind of free text that reaches the store. */
export const TEXT_RULES = {
  /** A villager's name: Chinese names are 2–4 characters; 20 leaves room for minority names. */
  personName: rule('姓名', 20, { min: 1, noFormula: true }),
  /** A villager group's, a Party group's or a service point's name. */
  placeName: rule('名称', 40, { noFormula: true }),
  /** A day of the working-day calendar, e.g. 元旦. */
  dayName: rule('名称', 20, { noFormula: true }),
  /** 户号, e.g. 02-007. */
  householdNo: rule('户号', 32, { min: 1, noFormula: true }),
  address: rule('地址', 100, { noFormula: true }),
  /** Phone numbers may start with + (a country code): no formula rule, the number rules check them. */
  phone: rule('手机号', 20),
  /** A file's name as the person chose it. */
  fileName: rule('文件名', 200, { min: 1 }),
  shortText: rule('内容', 200),
  /** Why an override or a change was made: shown in the ledger. */
  reason: rule('原因', 200, { min: 2 }),
  longText: rule('内容', 2000, { multiline: true }),
} as const satisfies Record<string, TextRule>

export type TextRuleName = keyof typeof TEXT_RULES

/*
 * Removed everywhere: C0 and C1 control characters (NUL, ESC, …), bidi controls that can make a
 * name read backwards (U+202A–U+202E, U+2066–U+2069, U+200E/F, U+061C), and invisible characters
 * that only serve to make two names look alike (zero-width space U+200B, word joiner U+2060, BOM
 * U+FEFF, soft hyphen U+00AD). Line and paragraph separators become line breaks or go.
 * Zero-width (non-)joiners U+200C/D are kept in free text (emoji sequences need them) and removed
 * from one-line fields such as names, where they are never needed.
 */
const ALWAYS_REMOVED = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u00AD\u061C\u200B\u200E\u200F\u202A-\u202E\u2060\u2066-\u2069\uFEFF]/g
const JOINERS = /[\u200C\u200D]/g
const LINE_BREAKS = /\r\n|[\r\n\u2028\u2029\u0085]/g
const TABS = /\t/g

/** The text as stored: invisible and control characters removed, spaces at both ends trimmed. */
export function cleanText(raw: string, rule: Pick<TextRule, 'multiline'>): string {
  if (rule.multiline) {
    // Line breaks are normalised first, since U+0085 (NEL) is also a C1 control.
    return raw.replace(LINE_BREAKS, '\n').replace(TABS, ' ').replace(ALWAYS_REMOVED, '').trim()
  }
  return raw.replace(LINE_BREAKS, ' ').replace(TABS, ' ').replace(ALWAYS_REMOVED, '').replace(JOINERS, '').trim()
}

/** Characters as people count them (code points), stopping once past `limit` so a 5 MB string costs no array. */
function lengthUpTo(text: string, limit: number): number {
  let count = 0
  for (const _ of text) {
    count += 1
    if (count > limit) break
  }
  return count
}

/** Leading = + - @ make Excel, WPS and LibreOffice evaluate the cell (after cleaning, tabs and CRs are gone). */
export function looksLikeFormula(text: string): boolean {
  return /^[=+\-@＝＋－＠]/.test(text)
}

/** What is wrong with cleaned text under a rule, in plain words; null when it is fine. */
export function textProblem(text: string, rule: TextRule): string | null {
  const length = lengthUpTo(text, rule.max)
  if (rule.min > 0 && length === 0) return `缺少${rule.label}`
  if (length < rule.min) return `${rule.label}至少 ${rule.min} 个字`
  // Before the length: a formula is refused for what it is, however long.
  if (rule.noFormula && looksLikeFormula(text)) return `${rule.label}不能以 = + - @ 开头`
  if (length > rule.max) return `${rule.label}最多 ${rule.max} 个字`
  return null
}

/** Clean, then check: the stored value, or the problem. */
export function readText(raw: string, rule: TextRule): { ok: true; value: string } | { ok: false; problem: string } {
  const value = cleanText(raw, rule)
  const problem = textProblem(value, rule)
  return problem === null ? { ok: true, value } : { ok: false, problem }
}
