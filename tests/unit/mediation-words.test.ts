import type { CaseSummary } from '../../types'
import { byUrgency, calendarDaysLeft, countdownWords, partyStateWords } from '../../src/packages/mediation/words'

/** The mediation screens' words: Beijing calendar days, and the order of a handler's list. */
describe('mediation words', () => {
  const now = Date.parse('2026-12-01T10:00:00+08:00')

  it('counts calendar days in Beijing time, the last day included', () => {
    expect(calendarDaysLeft('2026-12-16T23:59:59.999+08:00', now)).toBe(15)
    expect(countdownWords('2026-12-16T15:59:59.999Z', now)).toEqual({ text: '还剩 15 天', late: false })
    expect(countdownWords('2026-12-01T23:00:00+08:00', now)).toEqual({ text: '今天到期', late: false })
    // 00:30 Beijing on 12月1日 is still 11月30日 in UTC: the day is Beijing's.
    expect(countdownWords('2026-11-29T16:30:00Z', now)).toEqual({ text: '已超期 1 天', late: true })
  })

  it('puts high-risk first, then overdue, then the soonest due', () => {
    const base: CaseSummary = {
      id: 'x',
      number: 'n',
      type: 'neighbours',
      level: 'group',
      state: 'mediating',
      groupName: '',
      villageName: '',
      openedAt: '2026-11-01T00:00:00Z',
      updatedAt: '2026-11-01T00:00:00Z',
      partyNames: [],
      risks: [],
      highRisk: false,
      dueAt: '2026-12-20T00:00:00Z',
      overdue: false,
      outcome: null,
    }
    const soon = { ...base, id: 'soon', dueAt: '2026-12-05T00:00:00Z' }
    const late = { ...base, id: 'late', overdue: true }
    const risky = { ...base, id: 'risky', highRisk: true, risks: ['petition' as const] }
    const done = { ...base, id: 'done', dueAt: null, state: 'agreed' as const }
    expect([done, base, soon, late, risky].sort(byUrgency).map((one) => one.id)).toEqual(['risky', 'late', 'soon', 'x', 'done'])
  })

  it('tells a party where the case is in a sentence', () => {
    expect(partyStateWords({ state: 'awaiting_signature', level: 'group', outcome: null })).toBe('已经交给组长，会尽快联系您')
    expect(partyStateWords({ state: 'mediating', level: 'village', outcome: null })).toBe('村里（村书记、村干部）正在调解')
    expect(partyStateWords({ state: 'closed', level: 'town', outcome: 'resolved' })).toBe('已办结：调解成功')
  })
})
