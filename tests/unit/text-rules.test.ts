/**
 * The text field rules (types/text-rules.ts): what is removed, what is refused, and that an action's
 * field (types/fields.ts) and a roster cell (the import) read any text the same way.
 */
import { describe, expect, it } from '@jest/globals'
import fc from 'fast-check'
import { cellText, readTextCell } from '../../cloudfunctions/shared/domain/roster-import/cells'
import { householdNo, longText, personName, reason } from '../../types/fields'
import { cleanText, TEXT_RULES } from '../../types/text-rules'

const INVISIBLE = ['\u0000', '\u0007', '\u001b', '\u007f', '\u009b', '\u00ad', '\u061c', '\u200b', '\u200e', '\u200f', '\u202a', '\u202e', '\u2060', '\u2066', '\u2069', '\ufeff']
/** What no cleaned one-line text may contain. */
const FORBIDDEN_ONE_LINE = /[\u0000-\u001f\u007f-\u009f\u00ad\u061c\u200b-\u200f\u202a-\u202e\u2028\u2029\u2060\u2066-\u2069\ufeff]/

/** Strings full of what the rules are about: invisible characters, formulas, CJK, spaces. */
const hostileText = fc
  .array(fc.oneof(fc.constantFrom(...INVISIBLE, '\n', '\r', '\t', '\u2028', '\u200c', '\u200d', '=', '+', '-', '@', ' ', '张', '三', '𠀀', 'a'), fc.string({ maxLength: 3 })), {
    maxLength: 40,
  })
  .map((parts) => parts.join(''))

describe('cleaning', () => {
  it('removes control, bidi and invisible characters and trims', () => {
    expect(cleanText(` 张${INVISIBLE.join('')}三\t `, TEXT_RULES.personName)).toBe('张三')
    expect(personName.parse('\u202e三张\u202c')).toBe('三张')
  })

  it('keeps line breaks in long text only, normalised to \\n', () => {
    expect(longText.parse('第一行\r\n第二行\r第三行\u2028第四行\u0000')).toBe('第一行\n第二行\n第三行\n第四行')
    expect(reason.parse('方便\r\n开会')).toBe('方便 开会')
  })

  it('leaves nothing forbidden behind, and cleaning twice changes nothing', () => {
    fc.assert(
      fc.property(hostileText, (raw) => {
        const once = cleanText(raw, TEXT_RULES.personName)
        expect(once).not.toMatch(FORBIDDEN_ONE_LINE)
        expect(cleanText(once, TEXT_RULES.personName)).toBe(once)
        expect(cleanText(raw, TEXT_RULES.longText)).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u202e]/)
      }),
    )
  })
})

describe('limits and formulas', () => {
  const messageOf = (result: { success: boolean; error?: { issues: Array<{ message: string }> } }) => result.error?.issues[0]?.message

  it('bounds length in characters as people count them', () => {
    expect(personName.parse('𠀀'.repeat(20))).toBe('𠀀'.repeat(20))
    expect(messageOf(personName.safeParse('张'.repeat(21)))).toBe('姓名最多 20 个字')
    expect(messageOf(personName.safeParse('x'.repeat(5_242_880)))).toBe('姓名最多 20 个字')
    expect(messageOf(personName.safeParse('\u202e\u0000 '))).toBe('缺少姓名')
    expect(messageOf(reason.safeParse('好'))).toBe('原因至少 2 个字')
    expect(messageOf(longText.safeParse('字'.repeat(2001)))).toBe('内容最多 2000 个字')
  })

  it.each(['=HYPERLINK("http://x","点我")', "=cmd|' /C calc'!A0", '+1+1', '-2+3', '@SUM(1,1)', '\t=1+1', '\r=1+1', ' =1'])(
    'refuses the formula %j in names and household numbers',
    (text) => {
      expect(messageOf(personName.safeParse(text))).toBe('姓名不能以 = + - @ 开头')
      expect(messageOf(householdNo.safeParse(text))).toBe('户号不能以 = + - @ 开头')
    },
  )

  it('lets free text start with a dash or a plus', () => {
    expect(reason.parse('-因为修路')).toBe('-因为修路')
  })
})

describe('one set of rules for actions and imports', () => {
  it('reads any text in a name cell exactly as the action field does', () => {
    fc.assert(
      fc.property(hostileText, (raw) => {
        const field = personName.safeParse(raw)
        const cell = readTextCell(cellText(raw), TEXT_RULES.personName)
        expect(cell.ok).toBe(field.success)
        if (cell.ok && field.success) expect(cell.value).toBe(field.data)
        if (!cell.ok && !field.success) expect(cell.problem).toBe(field.error.issues[0]?.message)
      }),
      { numRuns: 300 },
    )
  })
})
