/**
 * Issue 11's pure mediation domain: the ladder (group → village → town) and a case's states as a
 * table of every step × every state × every level (and every level asking), the automatic
 * escalation rules (a high-risk flag, a level's time limit), the clocks in Beijing calendar days
 * (24 hours to sign for and make contact, the levels' limits, the 30-day norm, the judicial
 * confirmation countdown, follow-ups), and the lists and counters a case is on. The expectations
 * are written from the words, not read off the code.
 */
import { describe, expect, it } from '@jest/globals'
import fc from 'fast-check'
import {
  calendarDeadline,
  confirmBy,
  daysLeft,
  DEFAULT_LIMITS,
  dueEvents,
  levelDueAt,
  mustEndBy,
  nextCheckAt,
  startBy,
  type CaseClockFacts,
  type ClockEvent,
  type Limits,
} from '../../cloudfunctions/shared/domain/mediation/clock'
import {
  close,
  escalate,
  isHighRisk,
  limitPassed,
  mayFollowUp,
  raiseRisks,
  recordAgreement,
  refused,
  reopen,
  signFor,
  type CaseState,
  type LadderFacts,
  type Level,
  type Move,
  type Outcome,
  type Refusal,
  type Risk,
} from '../../cloudfunctions/shared/domain/mediation/ladder'
import { bucketDelta, entryKeys, openBuckets } from '../../cloudfunctions/shared/mediation/steps'

// Written out here (not imported) so a reordering or a renaming in the domain fails.
const LEVELS: Level[] = ['group', 'village', 'town']
const STATES: CaseState[] = ['awaiting_signature', 'mediating', 'agreed', 'closed']
const RISKS: Risk[] = ['petition', 'violence', 'mass', 'vulnerable']
const OUTCOMES: Outcome[] = ['resolved', 'referred', 'failed', 'withdrawn']
const order = (level: Level) => LEVELS.indexOf(level)
const UP: Record<Level, Level | null> = { group: 'village', village: 'town', town: null }
/** The levels a case that climbed the ladder to `level` has reached. */
const reachedUpTo = (level: Level): Level[] => LEVELS.slice(0, order(level) + 1)

const facts = (level: Level, state: CaseState, more: Partial<LadderFacts> = {}): LadderFacts => ({
  level,
  state,
  levels: reachedUpTo(level),
  risks: [],
  outcome: state === 'closed' ? 'resolved' : null,
  ...more,
})

const refusal = (code: Refusal['code']) => ({ code, message: expect.any(String) })
const grid = <A, B, C>(as: readonly A[], bs: readonly B[], cs: readonly C[]) => as.flatMap((a) => bs.flatMap((b) => cs.map((c) => [a, b, c] as const)))

// ── The ladder: every step × every state × every level ─────────────────────────────────────────

describe('signFor (签收)', () => {
  // Only a case waiting to be signed for; by a handler of its level or above (not one it has left behind).
  const expected = (level: Level, state: CaseState, by: Level) =>
    state !== 'awaiting_signature' ? refusal('CONFLICT') : order(by) < order(level) ? refusal('FORBIDDEN') : { level, state: 'mediating', levels: reachedUpTo(level) }

  it.each(grid(LEVELS, STATES, LEVELS))('at %s, %s, asked by the %s handler', (level, state, by) => {
    expect(signFor(facts(level, state), by)).toEqual(expected(level, state, by))
  })

  it('keeps the levels that were told (the town told of a high-risk flag while the case is at the village)', () => {
    const told = facts('village', 'awaiting_signature', { levels: ['group', 'village', 'town'] })
    expect(signFor(told, 'town')).toEqual({ level: 'village', state: 'mediating', levels: ['group', 'village', 'town'] })
  })
})

describe('escalate (上报, by hand with a reason)', () => {
  // While the level's clock runs; not by a level the case has left; not past the town.
  const expected = (level: Level, state: CaseState, by: Level) => {
    if (state === 'agreed' || state === 'closed') return refusal('CONFLICT')
    if (order(by) < order(level)) return refusal('FORBIDDEN')
    const up = UP[level]
    return up ? { level: up, state: 'awaiting_signature', levels: reachedUpTo(up) } : refusal('CONFLICT')
  }

  it.each(grid(LEVELS, STATES, LEVELS))('at %s, %s, asked by the %s handler', (level, state, by) => {
    expect(escalate(facts(level, state), by)).toEqual(expected(level, state, by))
  })

  it('keeps the levels in ladder order, each once, when the next level had already been told', () => {
    // Agreed at the group, flagged (the village and the town told), reopened, then taken up by hand.
    const reopened = facts('group', 'mediating', { levels: ['group', 'village', 'town'], risks: ['petition'] })
    expect(escalate(reopened, 'group')).toEqual({ level: 'village', state: 'awaiting_signature', levels: ['group', 'village', 'town'] })
  })
})

describe('recordAgreement', () => {
  // Only while mediating: a case not yet signed for, already agreed or closed is refused.
  it.each(grid(LEVELS, STATES, [null]))('at %s, %s', (level, state) => {
    const expected = state === 'mediating' ? { level, state: 'agreed', levels: reachedUpTo(level) } : refusal('CONFLICT')
    expect(recordAgreement(facts(level, state), level)).toEqual(expected)
  })

  it.each(grid(LEVELS, LEVELS, [null]))('mediating at %s, asked by a handler at %s', (level, by) => {
    const lower = LEVELS.indexOf(by) < LEVELS.indexOf(level)
    const expected = lower ? refusal('FORBIDDEN') : { level, state: 'agreed', levels: reachedUpTo(level) }
    expect(recordAgreement(facts(level, 'mediating'), by)).toEqual(expected)
  })
})

describe('close', () => {
  // resolved needs an agreement; failed needs a mediation tried (signed for); a closed case stays closed.
  const allowed = (state: CaseState, outcome: Outcome) =>
    state !== 'closed' && !(outcome === 'resolved' && state !== 'agreed') && !(outcome === 'failed' && state === 'awaiting_signature')
  const table = LEVELS.flatMap((level) => grid(STATES, OUTCOMES, [level]))

  it.each(table)('from %s as %s, at %s', (state, outcome, level) => {
    const expected = allowed(state, outcome) ? { level, state: 'closed', levels: reachedUpTo(level) } : refusal('CONFLICT')
    expect(close(facts(level, state), outcome, level)).toEqual(expected)
  })

  it.each(grid(LEVELS, LEVELS, [null]))('an agreed case at %s, closed by a handler at %s', (level, by) => {
    const lower = LEVELS.indexOf(by) < LEVELS.indexOf(level)
    expect(close(facts(level, 'agreed'), 'resolved', by)).toEqual(lower ? refusal('FORBIDDEN') : { level, state: 'closed', levels: reachedUpTo(level) })
  })

  it('lets withdrawn and referred close a case not yet signed for', () => {
    expect(refused(close(facts('group', 'awaiting_signature'), 'withdrawn', 'group'))).toBe(false)
    expect(refused(close(facts('group', 'awaiting_signature'), 'referred', 'group'))).toBe(false)
  })
})

describe('reopen (a failed follow-up) and mayFollowUp', () => {
  // Agreed, or closed as resolved: both may be followed up, and a failed follow-up reopens them.
  const table = LEVELS.flatMap((level) => [
    ...STATES.filter((state) => state !== 'closed').map((state) => [level, state, null] as const),
    ...OUTCOMES.map((outcome) => [level, 'closed' as const, outcome] as const),
  ])
  const reopens = (state: CaseState, outcome: Outcome | null) => state === 'agreed' || (state === 'closed' && outcome === 'resolved')

  it.each(table)('at %s, %s (outcome %s)', (level, state, outcome) => {
    const before = facts(level, state, { outcome })
    expect(reopen(before)).toEqual(reopens(state, outcome) ? { level, state: 'mediating', levels: reachedUpTo(level) } : refusal('CONFLICT'))
    expect(mayFollowUp(before)).toBe(reopens(state, outcome))
  })
})

// ── Automatic escalation ──────────────────────────────────────────────────────────────────────

describe('raiseRisks: a high-risk flag sends the case to the village and tells the town', () => {
  const ALL: Level[] = ['group', 'village', 'town']
  it.each<[string, LadderFacts, Risk[], { risks: Risk[]; move: Move | null; tellTown: boolean; tellPolice: boolean }]>([
    [
      'petition at the group → the village, the town told',
      facts('group', 'mediating'),
      ['petition'],
      { risks: ['petition'], move: { level: 'village', state: 'awaiting_signature', levels: ALL }, tellTown: true, tellPolice: false },
    ],
    [
      'violence at the group, not yet signed for → the village, the town and the police told',
      facts('group', 'awaiting_signature'),
      ['violence'],
      { risks: ['violence'], move: { level: 'village', state: 'awaiting_signature', levels: ALL }, tellTown: true, tellPolice: true },
    ],
    [
      'mass at the group → the village, the town told',
      facts('group', 'mediating'),
      ['mass'],
      { risks: ['mass'], move: { level: 'village', state: 'awaiting_signature', levels: ALL }, tellTown: true, tellPolice: false },
    ],
    ['vulnerable alone → nothing moves, nobody told', facts('group', 'mediating'), ['vulnerable'], { risks: ['vulnerable'], move: null, tellTown: false, tellPolice: false }],
    [
      'petition at the village → stays there, the town now sees it',
      facts('village', 'mediating'),
      ['petition'],
      { risks: ['petition'], move: { level: 'village', state: 'mediating', levels: ALL }, tellTown: true, tellPolice: false },
    ],
    [
      'violence at the town → stays, the police told',
      facts('town', 'awaiting_signature'),
      ['violence'],
      { risks: ['violence'], move: { level: 'town', state: 'awaiting_signature', levels: ALL }, tellTown: true, tellPolice: true },
    ],
    [
      'petition on a case agreed at the group → stays agreed at the group, the village and town see it',
      facts('group', 'agreed'),
      ['petition'],
      { risks: ['petition'], move: { level: 'group', state: 'agreed', levels: ALL }, tellTown: true, tellPolice: false },
    ],
    [
      'a flag already raised → nothing new',
      facts('village', 'mediating', { risks: ['petition'], levels: ALL }),
      ['petition'],
      { risks: ['petition'], move: null, tellTown: false, tellPolice: false },
    ],
    [
      'violence already flagged, petition new → the police are not told again',
      facts('village', 'mediating', { risks: ['violence'], levels: ALL }),
      ['violence', 'petition'],
      { risks: ['violence', 'petition'], move: { level: 'village', state: 'mediating', levels: ALL }, tellTown: true, tellPolice: false },
    ],
    [
      'the same flag twice in one call counts once',
      facts('group', 'mediating'),
      ['mass', 'mass', 'vulnerable'],
      { risks: ['mass', 'vulnerable'], move: { level: 'village', state: 'awaiting_signature', levels: ALL }, tellTown: true, tellPolice: false },
    ],
  ])('%s', (_, before, raised, expected) => {
    expect(raiseRisks(before, raised)).toEqual(expected)
  })

  it.each(LEVELS)('refuses a closed case at %s', (level) => {
    expect(raiseRisks(facts(level, 'closed'), ['petition'])).toEqual(refusal('CONFLICT'))
  })

  it.each(RISKS.map((risk) => [risk, risk !== 'vulnerable'] as const))('%s is high risk: %s', (risk, high) => {
    expect(isHighRisk([risk])).toBe(high)
    expect(isHighRisk(['vulnerable', risk])).toBe(high)
  })
})

describe('limitPassed: a level’s time limit sends the case up, at the town marks it overdue', () => {
  const expected = (level: Level, state: CaseState) => {
    if (state === 'agreed' || state === 'closed') return null
    const up = UP[level]
    return up ? { move: { level: up, state: 'awaiting_signature', levels: reachedUpTo(up) } } : { overdue: true }
  }
  it.each(grid(LEVELS, STATES, [null]))('at %s, %s', (level, state) => {
    expect(limitPassed(facts(level, state))).toEqual(expected(level, state))
  })
})

// ── Properties of the whole ladder ────────────────────────────────────────────────────────────

type Step =
  { kind: 'signFor' | 'escalate'; by: Level } | { kind: 'raiseRisks'; risks: Risk[] } | { kind: 'limitPassed' | 'recordAgreement' | 'reopen' } | { kind: 'close'; outcome: Outcome }

const levelArb = fc.constantFrom<Level>(...LEVELS)
const stepArb: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ kind: fc.constantFrom('signFor' as const, 'escalate' as const), by: levelArb }),
  fc.record({ kind: fc.constant('raiseRisks' as const), risks: fc.subarray(RISKS, { minLength: 1 }) }),
  fc.record({ kind: fc.constantFrom('limitPassed' as const, 'recordAgreement' as const, 'reopen' as const) }),
  fc.record({ kind: fc.constant('close' as const), outcome: fc.constantFrom(...OUTCOMES) }),
)

/** One step as the function would take it: the case after it, or the refusal. */
function apply(before: LadderFacts, step: Step): LadderFacts | Refusal {
  const moved = (move: Move | Refusal, more: Partial<LadderFacts> = {}): LadderFacts | Refusal =>
    refused(move) ? move : { ...before, level: move.level, state: move.state, levels: move.levels, ...more }
  switch (step.kind) {
    case 'signFor':
      return moved(signFor(before, step.by))
    case 'escalate':
      return moved(escalate(before, step.by))
    case 'recordAgreement':
      return moved(recordAgreement(before, before.level))
    case 'close':
      return moved(close(before, step.outcome, before.level), { outcome: step.outcome })
    case 'reopen':
      return moved(reopen(before), { outcome: null })
    case 'limitPassed': {
      const passed = limitPassed(before)
      return passed && 'move' in passed ? moved(passed.move) : before
    }
    case 'raiseRisks': {
      const plan = raiseRisks(before, step.risks)
      if (refused(plan)) return plan
      return plan.move ? moved(plan.move, { risks: plan.risks }) : { ...before, risks: plan.risks }
    }
  }
}

describe('the ladder as a whole', () => {
  const start = facts('group', 'awaiting_signature')

  it('a case only ever goes up, one level at a time, and waits to be signed for wherever it arrives', () => {
    fc.assert(
      fc.property(fc.array(stepArb, { maxLength: 30 }), (steps) => {
        let now = start
        for (const step of steps) {
          const after = apply(now, step)
          if (refused(after)) {
            expect(['CONFLICT', 'FORBIDDEN']).toContain(after.code)
            expect(after.message.length).toBeGreaterThan(0)
            continue
          }
          expect(order(after.level)).toBeGreaterThanOrEqual(order(now.level))
          if (after.level !== now.level) {
            expect(order(after.level)).toBe(order(now.level) + 1)
            expect(after.state).toBe('awaiting_signature')
          }
          // Nothing lost on the way up: every level that saw it still does, in ladder order, once each.
          for (const level of now.levels) expect(after.levels).toContain(level)
          expect(after.levels).toContain(after.level)
          expect(after.levels).toEqual(LEVELS.filter((level) => after.levels.includes(level)))
          now = after
        }
      }),
      { numRuns: 500 },
    )
  })

  it('once a high-risk flag is on a case, the village and the town see it, and it is no longer at the group unless it had already agreed', () => {
    fc.assert(
      fc.property(fc.array(stepArb, { maxLength: 30 }), (steps) => {
        let now = start
        let agreedAtGroup = false
        for (const step of steps) {
          const after = apply(now, step)
          if (refused(after)) continue
          if (after.level === 'group' && (after.state === 'agreed' || after.state === 'closed')) agreedAtGroup = true
          now = after
          if (isHighRisk(now.risks)) {
            expect(now.levels).toEqual(LEVELS)
            if (!agreedAtGroup) expect(now.level).not.toBe('group')
          }
        }
      }),
      { numRuns: 500 },
    )
  })

  it('a closed case takes no step but reopening (when resolved), whoever asks', () => {
    fc.assert(
      fc.property(levelArb, fc.constantFrom(...OUTCOMES), stepArb, (level, outcome, step) => {
        const closed = facts(level, 'closed', { outcome })
        const after = apply(closed, step)
        if (step.kind === 'reopen' && outcome === 'resolved') expect(after).toMatchObject({ state: 'mediating', level })
        else if (step.kind === 'limitPassed') expect(after).toBe(closed)
        else expect(after).toEqual(refusal('CONFLICT'))
      }),
    )
  })
})

// ── Clocks: Beijing calendar days ─────────────────────────────────────────────────────────────

const at = (iso: string) => new Date(iso)
const ms = (date: Date, offset: number) => new Date(date.getTime() + offset)
const HOUR = 3_600_000
const DAY = 24 * HOUR

describe('calendarDeadline: the end of the N-th Beijing day after the day of `from`', () => {
  it.each([
    ['10:00 Beijing, 7 days', '2026-03-10T02:00:00Z', 7, '2026-03-17T15:59:59.999Z'],
    ['00:00 Beijing (16:00 UTC the day before), 7 days', '2026-03-09T16:00:00Z', 7, '2026-03-17T15:59:59.999Z'],
    ['23:59:59.999 Beijing, 7 days', '2026-03-10T15:59:59.999Z', 7, '2026-03-17T15:59:59.999Z'],
    ['16:30 UTC: already the next day in Beijing', '2026-03-10T16:30:00Z', 7, '2026-03-18T15:59:59.999Z'],
    ['23:59 UTC: 07:59 the next day in Beijing', '2026-03-10T23:59:00Z', 15, '2026-03-26T15:59:59.999Z'],
    ['0 days: the end of the same Beijing day', '2026-03-10T20:00:00Z', 0, '2026-03-11T15:59:59.999Z'],
    ['over the new year', '2026-12-28T04:00:00Z', 7, '2027-01-04T15:59:59.999Z'],
    ['over the end of February', '2026-02-20T04:00:00Z', 15, '2026-03-07T15:59:59.999Z'],
    ['30 days from intake', '2026-03-10T02:00:00Z', 30, '2026-04-09T15:59:59.999Z'],
  ])('%s', (_, from, days, expected) => {
    expect(calendarDeadline(at(from), days).toISOString()).toBe(expected)
  })

  it('levelDueAt, mustEndBy and confirmBy count the limits, the norm and the 30 confirmation days', () => {
    const from = at('2026-03-10T02:00:00Z')
    expect(levelDueAt(from, 'group', DEFAULT_LIMITS).toISOString()).toBe('2026-03-17T15:59:59.999Z')
    expect(levelDueAt(from, 'village', DEFAULT_LIMITS).toISOString()).toBe('2026-03-25T15:59:59.999Z')
    expect(levelDueAt(from, 'town', { group: 3, village: 5, town: 20 }).toISOString()).toBe('2026-03-30T15:59:59.999Z')
    expect(mustEndBy(from, 0).toISOString()).toBe('2026-04-09T15:59:59.999Z')
    expect(mustEndBy(from, 10).toISOString()).toBe('2026-04-19T15:59:59.999Z')
    expect(confirmBy(from).toISOString()).toBe('2026-04-09T15:59:59.999Z')
    expect(startBy(from).toISOString()).toBe('2026-03-11T02:00:00.000Z')
  })

  it('the defaults are 7, 15 and 15 days', () => {
    expect(DEFAULT_LIMITS).toEqual({ group: 7, village: 15, town: 15 })
  })
})

describe('daysLeft: whole Beijing days to the deadline’s day', () => {
  const deadline = at('2026-03-17T15:59:59.999Z') // the end of 17 March, Beijing
  it.each([
    ['a week before', '2026-03-10T02:00:00Z', 7],
    ['the evening before, Beijing', '2026-03-16T15:59:59.999Z', 1],
    ['midnight of the last day, Beijing (still the 16th in UTC)', '2026-03-16T16:00:00Z', 0],
    ['the last day', '2026-03-17T08:00:00Z', 0],
    ['the day after, Beijing (still the 17th in UTC)', '2026-03-17T16:00:00Z', -1],
    ['three days late', '2026-03-20T12:00:00Z', -3],
  ])('%s: %i', (_, now, expected) => {
    expect(daysLeft(deadline, at(now))).toBe(expected)
  })
})

// ── Clocks: what falls due ────────────────────────────────────────────────────────────────────

const OPENED = at('2026-03-10T02:00:00Z') // 10:00, 10 March, Beijing
const clock = (more: Partial<CaseClockFacts> = {}): CaseClockFacts => ({
  level: 'group',
  state: 'awaiting_signature',
  openedAt: OPENED,
  levelSince: OPENED,
  signedAt: null,
  firstContactAt: null,
  lateStartTold: false,
  limitEscalated: [],
  overdue: false,
  extraDays: 0,
  normTold: false,
  agreementEffectiveAt: null,
  confirmReminded: false,
  followUps: [],
  limits: DEFAULT_LIMITS,
  ...more,
})
/** Signed for and first contact made at once: only the limit and the norm run. */
const started = (more: Partial<CaseClockFacts> = {}) => clock({ state: 'mediating', signedAt: OPENED, firstContactAt: OPENED, ...more })
const END_OF_DAY_7 = at('2026-03-17T15:59:59.999Z')
const END_OF_DAY_15 = at('2026-03-25T15:59:59.999Z')
const END_OF_DAY_30 = at('2026-04-09T15:59:59.999Z')

describe('late start: 24 hours to sign for and make first contact, or the next level is told', () => {
  const DUE = ms(OPENED, DAY)
  it.each<[string, Partial<CaseClockFacts>, Date, ClockEvent[]]>([
    ['at exactly 24 hours: not yet', {}, DUE, []],
    ['a moment after 24 hours, at the group: the village told', {}, ms(DUE, 1), [{ kind: 'late_start', level: 'group', notify: 'village' }]],
    ['at the village: the town told', { level: 'village' }, ms(DUE, 1), [{ kind: 'late_start', level: 'village', notify: 'town' }]],
    ['at the town: the town told (nobody above)', { level: 'town' }, ms(DUE, 1), [{ kind: 'late_start', level: 'town', notify: 'town' }]],
    ['signed for but no contact', { state: 'mediating', signedAt: OPENED }, ms(DUE, 1), [{ kind: 'late_start', level: 'group', notify: 'village' }]],
    ['contact noted but not signed for', { firstContactAt: OPENED }, ms(DUE, 1), [{ kind: 'late_start', level: 'group', notify: 'village' }]],
    ['signed for and contacted', { state: 'mediating', signedAt: OPENED, firstContactAt: ms(OPENED, HOUR) }, ms(DUE, 1), []],
    ['already told for this arrival', { lateStartTold: true }, ms(DUE, 1), []],
    ['counted from the arrival at the level', { level: 'village', levelSince: ms(OPENED, 2 * DAY) }, ms(DUE, 1), []],
    ['agreed', { state: 'agreed' }, ms(DUE, 1), []],
    ['closed', { state: 'closed' }, ms(DUE, 1), []],
  ])('%s', (_, more, now, expected) => {
    expect(dueEvents(clock(more), now)).toEqual(expected)
  })
})

describe('level limits: up a level when passed, at the town overdue; each at most once', () => {
  it.each<[string, Partial<CaseClockFacts>, Date, ClockEvent[]]>([
    ['the last moment of the 7th day at the group', {}, END_OF_DAY_7, []],
    ['the first moment of the 8th day at the group', {}, ms(END_OF_DAY_7, 1), [{ kind: 'limit', level: 'group' }]],
    ['the group’s limit already used', { limitEscalated: ['group'] }, ms(END_OF_DAY_7, 1), []],
    ['at the village on day 8', { level: 'village', limitEscalated: ['group'] }, ms(END_OF_DAY_7, 1), []],
    ['at the village after its 15 days', { level: 'village', limitEscalated: ['group'] }, ms(END_OF_DAY_15, 1), [{ kind: 'limit', level: 'village' }]],
    ['at the town after its 15 days', { level: 'town' }, ms(END_OF_DAY_15, 1), [{ kind: 'limit', level: 'town' }]],
    ['at the town, already overdue', { level: 'town', overdue: true }, ms(END_OF_DAY_15, 1), []],
    ['a town’s own limit (3 days at the group)', { limits: { group: 3, village: 15, town: 15 } }, at('2026-03-13T16:00:00Z'), [{ kind: 'limit', level: 'group' }]],
    ['agreed: the limit does not run', { state: 'agreed' }, ms(END_OF_DAY_15, 1), []],
    ['closed: the limit does not run', { state: 'closed' }, ms(END_OF_DAY_15, 1), []],
    ['reopened at the village: counted from the reopening', { level: 'village', levelSince: at('2026-03-20T02:00:00Z') }, ms(END_OF_DAY_15, 1), []],
  ])('%s', (_, more, now, expected) => {
    expect(dueEvents(started(more), now)).toEqual(expected)
  })

  it('the limit is counted in Beijing days: arriving at 00:30 Beijing (16:30 UTC) gives to the end of the 7th Beijing day after', () => {
    const since = at('2026-03-10T16:30:00Z') // 00:30, 11 March, Beijing
    const facts = started({ levelSince: since, signedAt: since, firstContactAt: since })
    expect(dueEvents(facts, at('2026-03-18T15:59:59.999Z'))).toEqual([])
    expect(dueEvents(facts, at('2026-03-18T16:00:00Z'))).toEqual([{ kind: 'limit', level: 'group' }])
  })
})

describe('the 30-day norm from intake', () => {
  const LONG: Limits = { group: 60, village: 60, town: 90 }
  it.each<[string, Partial<CaseClockFacts>, Date, ClockEvent[]]>([
    ['the last moment of day 30', {}, END_OF_DAY_30, []],
    ['after day 30', {}, ms(END_OF_DAY_30, 1), [{ kind: 'norm' }]],
    ['extended by 10 days, on day 31', { extraDays: 10 }, ms(END_OF_DAY_30, 1), []],
    ['extended by 10 days, after day 40', { extraDays: 10 }, at('2026-04-19T16:00:00Z'), [{ kind: 'norm' }]],
    ['already told', { normTold: true }, ms(END_OF_DAY_30, 1), []],
    ['agreed', { state: 'agreed' }, ms(END_OF_DAY_30, 1), []],
    ['counted from intake, not from the level', { level: 'town', levelSince: at('2026-04-01T02:00:00Z') }, ms(END_OF_DAY_30, 1), [{ kind: 'norm' }]],
  ])('%s', (_, more, now, expected) => {
    expect(dueEvents(started({ limits: LONG, ...more }), now)).toEqual(expected)
  })
})

describe('judicial confirmation (司法确认): 30 days from taking effect, a reminder when 7 are left', () => {
  const EFFECTIVE = at('2026-04-01T03:00:00Z') // 11:00, 1 April, Beijing: confirm by the end of 1 May
  const LAST_DAY = at('2026-05-01T15:59:59.999Z')
  const REMIND_FROM = at('2026-04-23T16:00:00Z') // 00:00, 24 April, Beijing: the 23rd day after
  const agreed = (more: Partial<CaseClockFacts> = {}) => started({ state: 'agreed', agreementEffectiveAt: EFFECTIVE, normTold: true, ...more })

  it('confirmBy is the end of the 30th Beijing day after taking effect', () => {
    expect(confirmBy(EFFECTIVE)).toEqual(LAST_DAY)
    expect(daysLeft(LAST_DAY, at('2026-05-01T12:00:00Z'))).toBe(0)
  })

  it('the reminder falls due on the 23rd day after, when the countdown shows 7 days left, not before', () => {
    expect(dueEvents(agreed(), ms(REMIND_FROM, -1))).toEqual([])
    expect(daysLeft(LAST_DAY, ms(REMIND_FROM, -1))).toBe(8)
    expect(dueEvents(agreed(), REMIND_FROM)).toEqual([{ kind: 'confirm_reminder' }])
    expect(daysLeft(LAST_DAY, REMIND_FROM)).toBe(7)
    expect(nextCheckAt(agreed())).toEqual(ms(REMIND_FROM, -1))
  })

  it.each<[string, Partial<CaseClockFacts>, ClockEvent[]]>([
    ['agreed', {}, [{ kind: 'confirm_reminder' }]],
    ['closed as resolved', { state: 'closed' }, [{ kind: 'confirm_reminder' }]],
    ['already reminded', { confirmReminded: true }, []],
    ['not yet in effect (a written one waiting for the signed paper)', { agreementEffectiveAt: null }, []],
    // Reopened on the 20th day (a failed follow-up): the level's clock runs again from then.
    ['reopened: mediating again', { state: 'mediating', levelSince: at('2026-04-21T02:00:00Z') }, []],
    [
      'reopened and sent up a level: waiting to be signed for',
      { state: 'awaiting_signature', level: 'village', levelSince: at('2026-04-23T20:00:00Z'), limitEscalated: ['group'] },
      [],
    ],
  ])('%s', (_, more, expected) => {
    expect(dueEvents(agreed(more), ms(REMIND_FROM, HOUR))).toEqual(expected)
  })
})

describe('follow-ups (回访)', () => {
  const visit = (id: string, dueAt: string, more: Partial<{ doneAt: Date | null; reminded: boolean }> = {}) => ({ id, dueAt: at(dueAt), doneAt: null, reminded: false, ...more })
  const NOW = at('2026-04-10T00:00:00Z')
  it.each<[string, CaseState, CaseClockFacts['followUps'], ClockEvent[]]>([
    ['one due, agreed', 'agreed', [visit('f1', '2026-04-09T00:00:00Z')], [{ kind: 'follow_up_due', id: 'f1' }]],
    ['one due, closed as resolved', 'closed', [visit('f1', '2026-04-09T00:00:00Z')], [{ kind: 'follow_up_due', id: 'f1' }]],
    ['due exactly now: not yet', 'agreed', [visit('f1', '2026-04-10T00:00:00Z')], []],
    ['not due yet', 'agreed', [visit('f1', '2026-04-11T00:00:00Z')], []],
    ['already reminded', 'agreed', [visit('f1', '2026-04-09T00:00:00Z', { reminded: true })], []],
    ['already done', 'agreed', [visit('f1', '2026-04-09T00:00:00Z', { doneAt: at('2026-04-09T01:00:00Z') })], []],
    [
      'two due, one later',
      'agreed',
      [visit('f1', '2026-04-01T00:00:00Z'), visit('f2', '2026-04-20T00:00:00Z'), visit('f3', '2026-04-05T00:00:00Z')],
      [
        { kind: 'follow_up_due', id: 'f1' },
        { kind: 'follow_up_due', id: 'f3' },
      ],
    ],
    ['reopened: mediating again', 'mediating', [visit('f1', '2026-04-09T00:00:00Z')], []],
  ])('%s', (_, state, followUps, expected) => {
    const facts = started({ state, followUps, normTold: true, limits: { group: 60, village: 60, town: 90 } })
    expect(dueEvents(facts, NOW)).toEqual(expected)
  })

  it('nextCheckAt is the earliest visit pending', () => {
    const facts = started({
      state: 'agreed',
      followUps: [visit('f1', '2026-04-20T00:00:00Z'), visit('f2', '2026-04-15T00:00:00Z'), visit('f3', '2026-04-01T00:00:00Z', { reminded: true })],
    })
    expect(nextCheckAt(facts)).toEqual(at('2026-04-15T00:00:00Z'))
  })
})

describe('nextCheckAt: the earliest pending deadline', () => {
  it.each<[string, CaseClockFacts, Date | null]>([
    ['not signed for: 24 hours after arrival', clock(), ms(OPENED, DAY)],
    ['started at the group: the end of day 7', started(), END_OF_DAY_7],
    ['the group’s limit used (still at the group): the norm', started({ limitEscalated: ['group'] }), END_OF_DAY_30],
    ['started at the town with the norm told: the town’s limit', started({ level: 'town', normTold: true }), END_OF_DAY_15],
    ['overdue at the town, norm told: nothing', started({ level: 'town', overdue: true, normTold: true }), null],
    ['closed with nothing pending: nothing', clock({ state: 'closed' }), null],
    ['agreed without an effective agreement or visits: nothing', started({ state: 'agreed' }), null],
  ])('%s', (_, facts, expected) => {
    expect(nextCheckAt(facts)).toEqual(expected)
  })
})

// ── Properties of the clocks ──────────────────────────────────────────────────────────────────

const T0 = Date.UTC(2026, 0, 1)
const dateArb = fc.integer({ min: 0, max: 150 * DAY }).map((offset) => new Date(T0 + offset))
const maybeDate = fc.option(dateArb, { nil: null })
const limitsArb = fc.record({ group: fc.integer({ min: 1, max: 60 }), village: fc.integer({ min: 1, max: 60 }), town: fc.integer({ min: 1, max: 90 }) })
const clockArb: fc.Arbitrary<CaseClockFacts> = fc.record({
  level: levelArb,
  state: fc.constantFrom(...STATES),
  openedAt: dateArb,
  levelSince: dateArb,
  signedAt: maybeDate,
  firstContactAt: maybeDate,
  lateStartTold: fc.boolean(),
  limitEscalated: fc.subarray(LEVELS),
  overdue: fc.boolean(),
  extraDays: fc.nat(60),
  normTold: fc.boolean(),
  agreementEffectiveAt: maybeDate,
  confirmReminded: fc.boolean(),
  followUps: fc
    .array(fc.record({ dueAt: dateArb, doneAt: maybeDate, reminded: fc.boolean() }), { maxLength: 4 })
    .map((visits) => visits.map((visit, index) => ({ id: `f${index + 1}`, ...visit }))),
  limits: limitsArb,
})

/** What the job records for an event (jobs.ts), so the same event is not due again. */
function record(facts: CaseClockFacts, event: ClockEvent, now: Date): CaseClockFacts {
  switch (event.kind) {
    case 'late_start':
      return { ...facts, lateStartTold: true }
    case 'limit': {
      const passed = limitPassed({ level: facts.level, state: facts.state, levels: reachedUpTo(facts.level), risks: [], outcome: null })
      if (!passed) return facts
      if ('overdue' in passed) return { ...facts, overdue: true }
      return {
        ...facts,
        level: passed.move.level,
        state: passed.move.state,
        levelSince: now,
        signedAt: null,
        firstContactAt: null,
        lateStartTold: false,
        limitEscalated: [...facts.limitEscalated, event.level],
      }
    }
    case 'norm':
      return { ...facts, normTold: true }
    case 'confirm_reminder':
      return { ...facts, confirmReminded: true }
    case 'follow_up_due':
      return { ...facts, followUps: facts.followUps.map((visit) => (visit.id === event.id ? { ...visit, reminded: true } : visit)) }
  }
}

describe('the clocks as a whole', () => {
  it('nothing falls due until nextCheckAt; right after it, something does', () => {
    fc.assert(
      fc.property(clockArb, dateArb, (facts, now) => {
        const next = nextCheckAt(facts)
        if (next === null || now.getTime() <= next.getTime()) expect(dueEvents(facts, now)).toEqual([])
        else expect(dueEvents(facts, now).length).toBeGreaterThan(0)
        if (next !== null) {
          expect(dueEvents(facts, next)).toEqual([])
          expect(dueEvents(facts, ms(next, 1)).length).toBeGreaterThan(0)
        }
      }),
      { numRuns: 1000 },
    )
  })

  it('each event falls due at most once once the job records it', () => {
    fc.assert(
      fc.property(clockArb, dateArb, (facts, now) => {
        const events = dueEvents(facts, now)
        const after = events.reduce((current, event) => record(current, event, now), facts)
        // Nothing is due again at the same moment: not the same events, and a level the case has just
        // reached starts its clocks now.
        expect(dueEvents(after, now)).toEqual([])
      }),
      { numRuns: 1000 },
    )
  })

  it('left alone, a case climbs group → village → town once each, is told late once per level, and ends overdue', () => {
    fc.assert(
      fc.property(limitsArb, fc.array(fc.integer({ min: 1, max: 5 * DAY }), { minLength: 1, maxLength: 80 }), (limits, gaps) => {
        let facts = clock({ limits })
        let now = OPENED
        const fired: ClockEvent[] = []
        const run = () => {
          for (const event of dueEvents(facts, now)) {
            fired.push(event)
            facts = record(facts, event, now)
          }
          expect(dueEvents(facts, now)).toEqual([])
        }
        for (const gap of gaps) {
          now = ms(now, gap)
          run()
        }
        // Then the job wakes when the case says it must, until nothing is left.
        for (let next = nextCheckAt(facts), runs = 0; next !== null && runs < 10; next = nextCheckAt(facts), runs += 1) {
          now = new Date(Math.max(now.getTime(), next.getTime() + 1))
          run()
        }
        const limitsFired = fired.filter((event) => event.kind === 'limit').map((event) => (event as { level: Level }).level)
        expect(limitsFired).toEqual(['group', 'village', 'town'])
        const lateLevels = fired.filter((event) => event.kind === 'late_start').map((event) => (event as { level: Level }).level)
        expect(new Set(lateLevels).size).toBe(lateLevels.length)
        expect(fired.filter((event) => event.kind === 'norm')).toHaveLength(1)
        expect(facts).toMatchObject({ level: 'town', overdue: true, limitEscalated: ['group', 'village'] })
        expect(nextCheckAt(facts)).toBeNull()
      }),
      { numRuns: 300 },
    )
  })

  it('the limit never runs on an agreed or closed case, whenever asked', () => {
    fc.assert(
      fc.property(clockArb, dateArb, fc.constantFrom<CaseState>('agreed', 'closed'), (facts, now, state) => {
        const kinds = dueEvents({ ...facts, state }, now).map((event) => event.kind)
        expect(kinds).not.toContain('limit')
        expect(kinds).not.toContain('late_start')
        expect(kinds).not.toContain('norm')
      }),
    )
  })
})

// ── Lists and counters ────────────────────────────────────────────────────────────────────────

describe('entryKeys: the lists a case is on', () => {
  const place = { partyIds: ['p-1', 'p-2'], groupId: 'g-1', villageId: 'v-1', townId: 't-1' }
  it.each<[string, { levels: Level[]; risks: Risk[] }, boolean, string[]]>([
    ['at the group, with a leader', { levels: ['group'], risks: [] }, true, ['party:p-1', 'party:p-2', 'group:g-1']],
    ['at the group, no leader: the village’s cadres from the start', { levels: ['group'], risks: [] }, false, ['party:p-1', 'party:p-2', 'group:g-1', 'village:v-1']],
    ['reached the village', { levels: ['group', 'village'], risks: [] }, true, ['party:p-1', 'party:p-2', 'group:g-1', 'village:v-1']],
    ['reached the town', { levels: ['group', 'village', 'town'], risks: ['vulnerable'] }, true, ['party:p-1', 'party:p-2', 'group:g-1', 'village:v-1', 'town:t-1']],
    [
      'violence: the town’s police liaison',
      { levels: ['group', 'village', 'town'], risks: ['violence'] },
      true,
      ['party:p-1', 'party:p-2', 'group:g-1', 'village:v-1', 'town:t-1', 'police:t-1'],
    ],
    ['petition: no police', { levels: ['group', 'village', 'town'], risks: ['petition'] }, true, ['party:p-1', 'party:p-2', 'group:g-1', 'village:v-1', 'town:t-1']],
  ])('%s', (_, more, groupHasLeader, expected) => {
    expect(entryKeys({ ...place, ...more }, groupHasLeader)).toEqual(expected)
  })

  it('lists a party named twice once', () => {
    expect(entryKeys({ ...place, partyIds: ['p-1', 'p-1'], levels: ['group'], risks: [] }, true)).toEqual(['party:p-1', 'group:g-1'])
  })
})

describe('openBuckets and bucketDelta: the dashboard counters', () => {
  type Counted = Parameters<typeof openBuckets>[0]
  const open = (more: Partial<Counted> = {}): Counted => ({ state: 'mediating', level: 'group', type: 'land', risks: [], overdue: false, normTold: false, ...more })

  it.each<[string, Counted, string[]]>([
    ['a plain open case', open(), ['open', 'level:group', 'type:land']],
    ['waiting to be signed for at the village', open({ state: 'awaiting_signature', level: 'village', type: 'family' }), ['open', 'level:village', 'type:family']],
    ['high risk', open({ risks: ['mass'] }), ['open', 'level:group', 'type:land', 'highRisk']],
    ['vulnerable only: not high risk', open({ risks: ['vulnerable'] }), ['open', 'level:group', 'type:land']],
    ['overdue at the town', open({ level: 'town', overdue: true }), ['open', 'level:town', 'type:land', 'overdue']],
    ['past the 30-day norm while mediating', open({ normTold: true }), ['open', 'level:group', 'type:land', 'pastNorm']],
    ['past the norm but agreed: not counted past it', open({ state: 'agreed', normTold: true }), ['open', 'level:group', 'type:land']],
    ['closed: in no bucket', open({ state: 'closed', risks: ['violence'], overdue: true, normTold: true }), []],
  ])('%s', (_, found, expected) => {
    expect(openBuckets(found)).toEqual(expected)
  })

  it.each<[string, Counted | null, Counted, Record<string, number>]>([
    ['opened', null, open(), { open: 1, 'level:group': 1, 'type:land': 1 }],
    ['nothing counted changed', open(), open({ state: 'agreed' }), {}],
    ['sent up to the village', open(), open({ level: 'village', state: 'awaiting_signature' }), { 'level:group': -1, 'level:village': 1 }],
    ['flagged high risk and sent up', open(), open({ level: 'village', risks: ['petition'] }), { 'level:group': -1, 'level:village': 1, highRisk: 1 }],
    [
      'closed',
      open({ level: 'town', risks: ['violence'], overdue: true }),
      open({ level: 'town', state: 'closed' }),
      { open: -1, 'level:town': -1, 'type:land': -1, highRisk: -1, overdue: -1 },
    ],
    ['reopened', open({ state: 'closed' }), open(), { open: 1, 'level:group': 1, 'type:land': 1 }],
  ])('%s', (_, before, after, expected) => {
    expect(bucketDelta(before, after)).toEqual(expected)
  })

  it('sums to the buckets a case ends in, whatever it went through', () => {
    const countedArb = fc.record({
      state: fc.constantFrom(...STATES),
      level: levelArb,
      type: fc.constantFrom('neighbours' as const, 'family' as const, 'land' as const),
      risks: fc.subarray(RISKS),
      overdue: fc.boolean(),
      normTold: fc.boolean(),
    })
    fc.assert(
      fc.property(fc.array(countedArb, { minLength: 1, maxLength: 10 }), (history) => {
        const totals: Record<string, number> = {}
        history.forEach((now, index) => {
          for (const [bucket, change] of Object.entries(bucketDelta(index === 0 ? null : history[index - 1], now))) totals[bucket] = (totals[bucket] ?? 0) + change
        })
        const expected = Object.fromEntries(openBuckets(history[history.length - 1]).map((bucket) => [bucket, 1]))
        expect(Object.fromEntries(Object.entries(totals).filter(([, count]) => count !== 0))).toEqual(expected)
      }),
    )
  })
})
