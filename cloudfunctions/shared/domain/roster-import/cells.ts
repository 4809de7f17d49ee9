/**
 * Reads one cell of the template into the value stored, or says in plain words what is wrong.
 * Lenient where staff commonly vary (1965/3/8, 1965年3月8日, 中共党员, spaces in phone numbers),
 * strict where a guess could store the wrong fact.
 */
import { cleanText, textProblem, type TextRule } from '../../../../types/text-rules'
import type { PartyMembership } from '../roster'
import { LEADER_MARK, PARTY_LABEL } from './columns'

export type CellReading<T> = { ok: true; value: T } | { ok: false; problem: string }

const accept = <T>(value: T): CellReading<T> => ({ ok: true, value })
const reject = <T>(problem: string): CellReading<T> => ({ ok: false, problem })

/** '3', '03' and '3组' all mean group 3. */
const GROUP_NUMBER = /^0*(\d{1,4})\s*组?$/

function groupNumberOf(text: string): number | null {
  const match = GROUP_NUMBER.exec(text)
  const number = match ? Number(match[1]) : 0
  return number >= 1 ? number : null
}

/**
 * A cell as read: invisible, control and bidi characters removed and trimmed, exactly as an
 * action's text field is cleaned (types/text-rules.ts), so what is matched is what would be stored.
 */
export function cellText(raw: string): string {
  return cleanText(raw, { multiline: false })
}

/** A cell quoted in a message, cut short: a problem must not echo a whole oversized cell back. */
function quoted(text: string): string {
  const characters = [...text.slice(0, 64)]
  return characters.length > 20 ? `${characters.slice(0, 20).join('')}…` : characters.join('')
}

export function readGroupNumber(text: string): CellReading<number> {
  if (text === '') return reject('缺少组号')
  const number = groupNumberOf(text)
  return number === null ? reject(`组号“${quoted(text)}”不对，应填正整数，如 3`) : accept(number)
}

/** Free text under its field rule (length, no formulas), the same rule the contract applies to actions. */
export function readTextCell(text: string, rule: TextRule): CellReading<string> {
  const problem = textProblem(text, rule)
  return problem === null ? accept(text) : reject(problem)
}

export function readGender(text: string): CellReading<'男' | '女'> {
  if (text === '') return reject('缺少性别')
  if (text === '男' || text === '男性') return accept('男')
  if (text === '女' || text === '女性') return accept('女')
  return reject(`性别“${quoted(text)}”不对，应填“男”或“女”`)
}

const DATE_FORMS = [/^(\d{4})([-/.])(\d{1,2})\2(\d{1,2})$/, /^(\d{4})(年)(\d{1,2})月(\d{1,2})日?$/]
const pad2 = (value: number): string => String(value).padStart(2, '0')

export function readBirthDate(text: string): CellReading<string> {
  if (text === '') return reject('缺少出生日期')
  const match = DATE_FORMS.map((form) => form.exec(text)).find((found) => found !== null)
  const wrong = reject<string>(`出生日期“${quoted(text)}”不对，应写成 1965-03-08 这样`)
  if (!match) return wrong
  const [year, month, day] = [Number(match[1]), Number(match[3]), Number(match[4])]
  // Date.UTC rolls 2月30日 over into March: a real date survives the round trip unchanged.
  const date = new Date(Date.UTC(year, month - 1, day))
  const real = date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day
  if (!real || year < 1900 || year > 2100) return wrong
  return accept(`${year}-${pad2(month)}-${pad2(day)}`)
}

export function readPhone(text: string): CellReading<string | null> {
  if (text === '') return accept(null)
  const digits = text.replace(/[\s-]/g, '')
  return /^1\d{10}$/.test(digits) ? accept(digits) : reject(`手机号“${quoted(text)}”不对，应为 1 开头的 11 位数字`)
}

/** The usual wordings of 政治面貌 on Chinese forms; members of other bodies count as not in the Party. */
const MEMBERSHIP_OF: Readonly<Record<string, PartyMembership>> = {
  [PARTY_LABEL.full]: 'full',
  中共党员: 'full',
  党员: 'full',
  [PARTY_LABEL.probationary]: 'probationary',
  中共预备党员: 'probationary',
  [PARTY_LABEL.none]: null,
  共青团员: null,
  团员: null,
  '': null,
}

export function readPartyMembership(text: string): CellReading<PartyMembership> {
  if (Object.hasOwn(MEMBERSHIP_OF, text)) return accept(MEMBERSHIP_OF[text])
  return reject(`政治面貌“${quoted(text)}”不对，应填“正式党员”“预备党员”或“群众”`)
}

export function readLeaderMark(text: string): CellReading<boolean> {
  if (text === LEADER_MARK) return accept(true)
  if (text === '' || text === '否') return accept(false)
  return reject(`组长一栏“${quoted(text)}”不对，组长填“是”，其他人不填`)
}

/** Group numbers separated by 、 , ， ; ； or spaces. */
export function readNeighbourNumbers(text: string): CellReading<number[]> {
  const parts = text.split(/[、,，;；\s]+/).filter((part) => part !== '')
  const numbers = parts.map(groupNumberOf)
  const wrong = parts.find((_, index) => numbers[index] === null)
  if (wrong !== undefined) return reject(`相邻组“${quoted(text)}”不对，应填组号，多个用顿号隔开，如 2、5`)
  return accept(numbers.filter((number): number is number => number !== null))
}
