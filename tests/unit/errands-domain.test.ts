/**
 * Issue 10's pure errands domain: the sample catalog, the request state machine (every allowed and
 * refused step), and the clock with no bouncing (weekends, National Day 2026, a return that pauses
 * it, an extension) with the supervision it drives (warning, escalation once per level, call-back).
 * All instants are written with an explicit +08:00 offset: the village's day, whatever the process's zone.
 */
import { describe, expect, it } from '@jest/globals'
import fc from 'fast-check'
import { workingDaysBetween, type CalendarAdjustments } from '../../cloudfunctions/shared/domain/calendar/working-days'
import { SAMPLE_CATALOG, SAMPLE_LABEL, catalogItem } from '../../cloudfunctions/shared/domain/errands/catalog'
import {
  DEFAULT_TOWN_AFTER_DAYS,
  dueAtFor,
  dueEvents,
  extendedDueAt,
  lastWorkingDayBefore,
  nextCheckAt,
  resumedDueAt,
  type ClockFacts,
  type SupervisionEvent,
} from '../../cloudfunctions/shared/domain/errands/clock'
import {
  ADVANCES,
  OPEN_STATES,
  advance,
  rate,
  respond,
  withdrawConsent,
  type ErrandFacts,
  type ErrandState,
  type StepBy,
} from '../../cloudfunctions/shared/domain/errands/lifecycle'

const NONE: CalendarAdjustments = {}
const bj = (local: string) => new Date(`${local}+08:00`)
/** 23:59:59 Beijing time of a date: where every deadline lands. */
const endOf = (date: string) => bj(`${date}T23:59:59`)
const iso = (at: Date | null) => (at ? at.toISOString() : null)

// ---- the sample catalog -------------------------------------------------------------------------

describe('the sample catalog', () => {
  const items = SAMPLE_CATALOG.flatMap((category) => category.items)

  it('has 6 categories and 43 items, labelled as a sample', () => {
    expect(SAMPLE_CATALOG).toHaveLength(6)
    expect(items).toHaveLength(43)
    expect(SAMPLE_CATALOG.map((category) => category.name)).toEqual(['社会保障', '民政救助', '户籍证件', '农业农村', '计生卫健 / 就业', '综合服务'])
    expect(SAMPLE_LABEL).toBe('示例事项清单（各村可按实际开关、调整时限）')
  })

  it('gives every category and item a unique short ascii id and a name', () => {
    const ids = [...SAMPLE_CATALOG.map((category) => category.id), ...items.map((entry) => entry.id)]
    expect(new Set(ids).size).toBe(ids.length)
    for (const id of ids) expect([id, /^[a-z][a-z0-9-]{1,31}$/.test(id)]).toEqual([id, true])
    for (const entry of items) expect(entry.name.trim().length).toBeGreaterThan(1)
    expect(new Set(items.map((entry) => entry.name)).size).toBe(items.length)
  })

  it('gives every item a sane time limit, its materials, a handler and whether the villager must come', () => {
    for (const entry of items) {
      expect([entry.id, Number.isInteger(entry.days) && entry.days >= 1 && entry.days <= 20]).toEqual([entry.id, true])
      expect([entry.id, entry.materials.length > 0 && entry.materials.every((material) => material.trim().length > 0)]).toEqual([entry.id, true])
      expect([entry.id, new Set(entry.materials).size]).toEqual([entry.id, entry.materials.length])
      expect(['village', 'town']).toContain(entry.handledBy)
      expect(typeof entry.inPerson).toBe('boolean')
    }
    // Both kinds of handler and both kinds of presence occur: the sample exercises every screen.
    expect(new Set(items.map((entry) => entry.handledBy))).toEqual(new Set(['village', 'town']))
    expect(new Set(items.map((entry) => entry.inPerson))).toEqual(new Set([true, false]))
  })

  it('finds an item by id, and nothing for an unknown one', () => {
    expect(catalogItem('ss-pension-enrol')).toMatchObject({ name: '城乡居民养老保险参保登记', handledBy: 'town' })
    expect(catalogItem('gs-utility-pay')).toMatchObject({ name: '代缴水电费', days: 1, handledBy: 'village' })
    for (const entry of items) expect(catalogItem(entry.id)).toBe(entry)
    expect(catalogItem('no-such-item')).toBeNull()
    expect(catalogItem('')).toBeNull()
  })
})

// ---- the state machine --------------------------------------------------------------------------

const STATES: ErrandState[] = ['submitted', 'accepted', 'collected', 'handed_on', 'done', 'closed', 'returned', 'cancelled']
const BY: StepBy[] = ['leader', 'staff', 'villager']

/**
 * Expected outcome of advance(facts in `state`, to, by), one cell per `to` in STATES order, each
 * cell three letters for leader / staff / villager: o = allowed, c = 409 (CONFLICT), f = 403 (FORBIDDEN).
 */
type Row = [string, string, string, string, string, string, string, string]

// A group with a leader; a request in handed_on was handed to the town.
const WITH_LEADER: Record<ErrandState, Row> = {
  // cells, by target: submitted, accepted, collected, handed_on, done, closed, returned, cancelled
  submitted: ['ccf', 'off', 'ccf', 'ccf', 'ccf', 'ccf', 'oof', 'oof'],
  accepted: ['ccf', 'ccf', 'oof', 'oof', 'oof', 'ccf', 'oof', 'oof'],
  collected: ['ccf', 'ccf', 'ccf', 'oof', 'oof', 'ccf', 'oof', 'oof'],
  handed_on: ['ccf', 'ccf', 'ccf', 'ccf', 'oof', 'ccf', 'fof', 'ccf'],
  done: ['ccf', 'ccf', 'ccf', 'ccf', 'ccf', 'ccf', 'ccf', 'ccf'],
  closed: ['ccf', 'ccf', 'ccf', 'ccf', 'ccf', 'ccf', 'ccf', 'ccf'],
  returned: ['ccf', 'ccf', 'ccf', 'ccf', 'ccf', 'ccf', 'ccf', 'oof'],
  cancelled: ['ccf', 'ccf', 'ccf', 'ccf', 'ccf', 'ccf', 'ccf', 'ccf'],
}

// A group without a leader (the village's cadres sign); nothing handed to anyone yet.
const WITHOUT_LEADER: Record<ErrandState, Row> = {
  // cells, by target: submitted, accepted, collected, handed_on, done, closed, returned, cancelled
  submitted: ['ccf', 'fof', 'ccf', 'ccf', 'ccf', 'ccf', 'oof', 'oof'],
  accepted: ['ccf', 'ccf', 'oof', 'oof', 'oof', 'ccf', 'oof', 'oof'],
  collected: ['ccf', 'ccf', 'ccf', 'oof', 'oof', 'ccf', 'oof', 'oof'],
  handed_on: ['ccf', 'ccf', 'ccf', 'ccf', 'oof', 'ccf', 'oof', 'ccf'],
  done: ['ccf', 'ccf', 'ccf', 'ccf', 'ccf', 'ccf', 'ccf', 'ccf'],
  closed: ['ccf', 'ccf', 'ccf', 'ccf', 'ccf', 'ccf', 'ccf', 'ccf'],
  returned: ['ccf', 'ccf', 'ccf', 'ccf', 'ccf', 'ccf', 'ccf', 'oof'],
  cancelled: ['ccf', 'ccf', 'ccf', 'ccf', 'ccf', 'ccf', 'ccf', 'ccf'],
}

const facts = (state: ErrandState, more: Partial<ErrandFacts> = {}): ErrandFacts => ({
  state,
  returnedFrom: state === 'returned' ? 'accepted' : null,
  groupHasLeader: true,
  handedTo: state === 'handed_on' ? 'town' : null,
  ...more,
})

function outcome(result: { state: ErrandState } | { code: 'CONFLICT' | 'FORBIDDEN'; message: string }, to: ErrandState): string {
  if ('state' in result) {
    expect(result.state).toBe(to)
    return 'o'
  }
  expect(result.message.length).toBeGreaterThan(0)
  return result.code === 'CONFLICT' ? 'c' : 'f'
}

describe('advance: every state × target × person', () => {
  it.each([
    ['a group with a leader, handed to the town', WITH_LEADER, (state: ErrandState) => facts(state)],
    ['a group without a leader, not handed to anyone', WITHOUT_LEADER, (state: ErrandState) => facts(state, { groupHasLeader: false, handedTo: null })],
  ])('%s', (_label, table, factsIn) => {
    const actual = Object.fromEntries(STATES.map((state) => [state, STATES.map((to) => BY.map((by) => outcome(advance(factsIn(state), to, by), to)).join(''))]))
    expect(actual).toEqual(table)
  })

  it('agrees with ADVANCES for whoever may take the step, and never closes by advance', () => {
    for (const state of STATES) {
      for (const to of STATES) {
        const allowedBySomeone = BY.some((by) => 'state' in advance(facts(state, { handedTo: null }), to, by))
        expect([state, to, allowedBySomeone]).toEqual([state, to, ADVANCES[state].includes(to)])
      }
    }
    for (const state of STATES) expect(advance(facts(state), 'closed', 'staff')).toMatchObject({ code: 'CONFLICT' })
  })

  it('lets the leader return a request handed on to the village only through its cadres', () => {
    expect(advance(facts('handed_on', { handedTo: 'village' }), 'returned', 'leader')).toMatchObject({ code: 'FORBIDDEN' })
    expect(advance(facts('handed_on', { handedTo: 'village' }), 'returned', 'staff')).toEqual({ state: 'returned' })
  })

  it('counts only the open states as open', () => {
    expect([...OPEN_STATES].sort()).toEqual(['accepted', 'collected', 'handed_on', 'returned', 'submitted'])
  })
})

describe('respond: the villager answers a return', () => {
  it('goes back to where it was, from every state it can be returned from', () => {
    const returnable = STATES.filter((state) => ADVANCES[state].includes('returned'))
    expect(returnable).toEqual(['submitted', 'accepted', 'collected', 'handed_on'])
    for (const from of returnable) expect(respond(facts('returned', { returnedFrom: from }))).toEqual({ state: from })
  })

  it('refuses in every other state, and a return that does not say where from', () => {
    for (const state of STATES.filter((other) => other !== 'returned')) {
      expect([state, respond(facts(state, { returnedFrom: 'accepted' }))]).toEqual([state, { code: 'CONFLICT', message: '这件事没有退回给您' }])
    }
    expect(respond(facts('returned', { returnedFrom: null }))).toMatchObject({ code: 'CONFLICT' })
  })
})

describe('withdrawConsent: cancels what has not been handed on yet', () => {
  it('answers for every state', () => {
    const expected: Record<ErrandState, string> = {
      submitted: 'cancelled',
      accepted: 'cancelled',
      collected: 'cancelled',
      handed_on: 'CONFLICT',
      done: 'CONFLICT',
      closed: 'CONFLICT',
      returned: 'cancelled', // returned from accepted
      cancelled: 'CONFLICT',
    }
    const actual = Object.fromEntries(STATES.map((state) => [state, ((result) => ('state' in result ? result.state : result.code))(withdrawConsent(facts(state)))]))
    expect(actual).toEqual(expected)
  })

  it('does not cancel a request returned after it was handed on (it has been handed on)', () => {
    for (const from of ['submitted', 'accepted', 'collected'] as const) expect(withdrawConsent(facts('returned', { returnedFrom: from }))).toEqual({ state: 'cancelled' })
    expect(withdrawConsent(facts('returned', { returnedFrom: 'handed_on', handedTo: 'town' }))).toMatchObject({ code: 'CONFLICT' })
  })
})

describe('rate: after done only', () => {
  it('closes on 满意 and 基本满意, reopens to the handler on 不满意, and refuses in every other state', () => {
    for (const state of STATES) {
      const results = (['satisfied', 'fair', 'unsatisfied'] as const).map((rating) => rate(facts(state), rating))
      if (state === 'done') expect(results).toEqual([{ state: 'closed' }, { state: 'closed' }, { state: 'accepted' }])
      else for (const result of results) expect([state, result]).toEqual([state, { code: 'CONFLICT', message: state === 'closed' ? '这件事已经办结' : '办好以后才能评价' }])
    }
  })
})

// ---- the clock ----------------------------------------------------------------------------------

describe('dueAtFor: the clock starts when the villager submits', () => {
  it('skips the weekend: a Friday-afternoon request of 1 working day is due Monday 23:59:59 Beijing', () => {
    expect(iso(dueAtFor(bj('2026-11-27T15:30:00'), 1, NONE))).toBe(iso(endOf('2026-11-30')))
    expect(iso(dueAtFor(bj('2026-11-27T15:30:00'), 2, NONE))).toBe(iso(endOf('2026-12-01')))
    expect(iso(dueAtFor(bj('2026-11-28T10:00:00'), 1, NONE))).toBe(iso(endOf('2026-11-30'))) // a Saturday
    // 00:30 Saturday in Beijing is still Friday in UTC: the village's day counts.
    expect(iso(dueAtFor(bj('2026-11-28T00:30:00'), 1, NONE))).toBe(iso(endOf('2026-11-30')))
    expect(iso(dueAtFor(bj('2026-11-27T23:59:00'), 1, NONE))).toBe(iso(endOf('2026-11-30')))
  })

  it('skips National Day 2026 (Oct 1–7) and counts the 调休 Saturday Oct 10', () => {
    const dayBefore = bj('2026-09-30T16:00:00') // a Wednesday
    expect(iso(dueAtFor(dayBefore, 1, NONE))).toBe(iso(endOf('2026-10-08')))
    expect(iso(dueAtFor(dayBefore, 2, NONE))).toBe(iso(endOf('2026-10-09')))
    expect(iso(dueAtFor(dayBefore, 3, NONE))).toBe(iso(endOf('2026-10-10'))) // Saturday, worked
    expect(iso(dueAtFor(dayBefore, 4, NONE))).toBe(iso(endOf('2026-10-12'))) // Sunday Oct 11 is off
    // Before it: Friday Sep 18 → Sunday Sep 20 (worked); Mid-Autumn Friday Sep 25 is off.
    expect(iso(dueAtFor(bj('2026-09-18T10:00:00'), 1, NONE))).toBe(iso(endOf('2026-09-20')))
    expect(iso(dueAtFor(bj('2026-09-24T10:00:00'), 1, NONE))).toBe(iso(endOf('2026-09-28')))
  })

  it('follows the city’s own table', () => {
    expect(iso(dueAtFor(bj('2026-11-27T15:30:00'), 1, { '2026-11-30': 'holiday' }))).toBe(iso(endOf('2026-12-01')))
    expect(iso(dueAtFor(bj('2026-11-27T15:30:00'), 1, { '2026-11-28': 'workday' }))).toBe(iso(endOf('2026-11-28')))
  })
})

describe('resumedDueAt: a return pauses the clock', () => {
  // Submitted Monday Nov 23, 5 working days: due Monday Nov 30.
  const submittedAt = bj('2026-11-23T09:00:00')
  const dueAt = dueAtFor(submittedAt, 5, NONE)

  it('moves dueAt by exactly the working days spent returned', () => {
    expect(iso(dueAt)).toBe(iso(endOf('2026-11-30')))
    // Returned Tuesday 10:00, answered Thursday 16:00: Wednesday and Thursday spent → due Wednesday Dec 2.
    const resumed = resumedDueAt(dueAt, bj('2026-11-24T10:00:00'), bj('2026-11-26T16:00:00'), NONE)
    expect(iso(resumed)).toBe(iso(endOf('2026-12-02')))
    expect(workingDaysBetween(dueAt, resumed, NONE)).toBe(2)
    // Returned Friday, answered Monday: one working day (the weekend is not counted).
    expect(iso(resumedDueAt(dueAt, bj('2026-11-27T17:00:00'), bj('2026-11-30T08:00:00'), NONE))).toBe(iso(endOf('2026-12-01')))
    // Returned before National Day, answered the first day back: only Oct 8 counts.
    expect(iso(resumedDueAt(endOf('2026-10-09'), bj('2026-09-30T10:00:00'), bj('2026-10-08T09:00:00'), NONE))).toBe(iso(endOf('2026-10-10')))
  })

  it('moves nothing for a return answered the same day, or over a weekend only', () => {
    expect(resumedDueAt(dueAt, bj('2026-11-24T09:00:00'), bj('2026-11-24T18:00:00'), NONE)).toBe(dueAt)
    expect(resumedDueAt(dueAt, bj('2026-11-27T18:00:00'), bj('2026-11-29T20:00:00'), NONE)).toBe(dueAt)
  })

  it('goes with the state machine: returned, answered, back where it was with the later dueAt', () => {
    const accepted = facts('accepted')
    const returned = advance(accepted, 'returned', 'leader')
    expect(returned).toEqual({ state: 'returned' })
    const back = respond({ ...accepted, state: 'returned', returnedFrom: 'accepted' })
    expect(back).toEqual({ state: 'accepted' })
    // While returned nothing falls due, however late.
    const waiting: ClockFacts = { ...clock('returned'), dueAt }
    expect(dueEvents(waiting, bj('2026-12-31T12:00:00'), NONE)).toEqual([])
    expect(nextCheckAt(waiting, NONE)).toBeNull()
  })
})

describe('extendedDueAt: an approved extension', () => {
  it('adds the approved working days to dueAt, skipping weekends and holidays', () => {
    expect(iso(extendedDueAt(endOf('2026-11-30'), 3, NONE))).toBe(iso(endOf('2026-12-03')))
    expect(iso(extendedDueAt(endOf('2026-12-04'), 1, NONE))).toBe(iso(endOf('2026-12-07')))
    expect(iso(extendedDueAt(endOf('2026-09-30'), 2, NONE))).toBe(iso(endOf('2026-10-09')))
  })
})

describe('lastWorkingDayBefore: when the warning is due', () => {
  it('is the end of the previous working day', () => {
    expect(iso(lastWorkingDayBefore(endOf('2026-12-02'), NONE))).toBe(iso(endOf('2026-12-01')))
    expect(iso(lastWorkingDayBefore(endOf('2026-11-30'), NONE))).toBe(iso(endOf('2026-11-27'))) // across a weekend
    expect(iso(lastWorkingDayBefore(endOf('2026-10-08'), NONE))).toBe(iso(endOf('2026-09-30'))) // across National Day
    expect(iso(lastWorkingDayBefore(endOf('2026-10-12'), NONE))).toBe(iso(endOf('2026-10-10'))) // a 调休 Saturday
    expect(iso(lastWorkingDayBefore(endOf('2026-09-21'), NONE))).toBe(iso(endOf('2026-09-20'))) // a 调休 Sunday
    expect(iso(lastWorkingDayBefore(endOf('2026-09-28'), NONE))).toBe(iso(endOf('2026-09-24'))) // Mid-Autumn Friday
  })

  it('reads the Beijing day of the instant', () => {
    // 00:30 Tuesday in Beijing is Monday in UTC: the day before is Monday.
    expect(iso(lastWorkingDayBefore(bj('2026-12-01T00:30:00'), NONE))).toBe(iso(endOf('2026-11-30')))
  })
})

// ---- supervision --------------------------------------------------------------------------------

/** A request submitted Monday Nov 23 09:00, 5 working days (due Monday Nov 30), signed for at once. */
function clock(state: ErrandState, more: Partial<ClockFacts> = {}): ClockFacts {
  return {
    state,
    submittedAt: bj('2026-11-23T09:00:00'),
    acceptedAt: state === 'submitted' ? null : bj('2026-11-23T10:00:00'),
    dueAt: endOf('2026-11-30'),
    doneAt: null,
    warned: false,
    escalations: [],
    callbackAsked: false,
    rated: false,
    townAfterDays: DEFAULT_TOWN_AFTER_DAYS,
    ...more,
  }
}

const WARN: SupervisionEvent = { kind: 'warn' }
const VILLAGE_OVERDUE: SupervisionEvent = { kind: 'escalate', level: 'village', why: 'overdue' }
const VILLAGE_NOT_ACCEPTED: SupervisionEvent = { kind: 'escalate', level: 'village', why: 'not_accepted' }
const TOWN: SupervisionEvent = { kind: 'escalate', level: 'town', why: 'overdue' }
const CALLBACK: SupervisionEvent = { kind: 'callback' }

describe('dueEvents: supervision (督办)', () => {
  it('warns the handler on the last working day only, and only once', () => {
    // Due Wednesday Dec 2: the warning falls due when Tuesday ends.
    const facts = clock('accepted', { dueAt: endOf('2026-12-02') })
    expect(dueEvents(facts, bj('2026-12-01T12:00:00'), NONE)).toEqual([])
    expect(dueEvents(facts, endOf('2026-12-01'), NONE)).toEqual([])
    expect(dueEvents(facts, bj('2026-12-02T08:00:00'), NONE)).toEqual([WARN])
    expect(dueEvents(facts, bj('2026-12-02T23:59:59'), NONE)).toEqual([WARN])
    expect(dueEvents(facts, bj('2026-12-03T08:00:00'), NONE)).toEqual([VILLAGE_OVERDUE]) // too late to warn
    expect(dueEvents({ ...facts, warned: true }, bj('2026-12-02T08:00:00'), NONE)).toEqual([])
    // Due Monday Nov 30: not on Friday.
    expect(dueEvents(clock('collected'), bj('2026-11-27T12:00:00'), NONE)).toEqual([])
    expect(dueEvents(clock('collected'), bj('2026-11-30T09:00:00'), NONE)).toEqual([WARN])
  })

  it('escalates to the village once when not signed for within 1 working day', () => {
    // Submitted Friday afternoon: the leader has until Monday ends.
    const facts = clock('submitted', { submittedAt: bj('2026-11-27T15:30:00'), dueAt: endOf('2026-12-04'), warned: true })
    expect(dueEvents(facts, bj('2026-11-30T20:00:00'), NONE)).toEqual([])
    expect(dueEvents(facts, bj('2026-12-01T08:00:00'), NONE)).toEqual([VILLAGE_NOT_ACCEPTED])
    expect(dueEvents({ ...facts, escalations: [{ level: 'village' }] }, bj('2026-12-01T08:00:00'), NONE)).toEqual([])
    // Signed for in time: nothing.
    expect(dueEvents({ ...facts, state: 'accepted', acceptedAt: bj('2026-11-30T09:00:00') }, bj('2026-12-01T08:00:00'), NONE)).toEqual([])
    // Submitted the day before National Day: the first working day back is Oct 8.
    const holiday = clock('submitted', { submittedAt: bj('2026-09-30T16:00:00'), dueAt: endOf('2026-10-12'), warned: true })
    expect(dueEvents(holiday, bj('2026-10-08T23:00:00'), NONE)).toEqual([])
    expect(dueEvents(holiday, bj('2026-10-09T08:00:00'), NONE)).toEqual([VILLAGE_NOT_ACCEPTED])
  })

  it('escalates an overdue request to the village, then the town after townAfterDays working days, each once', () => {
    const facts = clock('handed_on', { warned: true }) // due Monday Nov 30
    expect(dueEvents(facts, endOf('2026-11-30'), NONE)).toEqual([])
    expect(dueEvents(facts, bj('2026-12-01T00:00:00'), NONE)).toEqual([VILLAGE_OVERDUE])
    const village = { ...facts, escalations: [{ level: 'village' as const }] }
    expect(dueEvents(village, bj('2026-12-03T23:00:00'), NONE)).toEqual([])
    expect(dueEvents(village, bj('2026-12-04T08:00:00'), NONE)).toEqual([TOWN]) // 3 working days after: Dec 3 ends
    const both = { ...facts, escalations: [{ level: 'village' as const }, { level: 'town' as const }] }
    expect(dueEvents(both, bj('2026-12-31T08:00:00'), NONE)).toEqual([])
    // A job that missed every run owes both at once, still once each.
    expect(dueEvents(facts, bj('2026-12-10T08:00:00'), NONE)).toEqual([VILLAGE_OVERDUE, TOWN])
    // The village's own setting: 5 working days → Monday Dec 7 ends.
    const slower = { ...village, townAfterDays: 5 }
    expect(dueEvents(slower, bj('2026-12-07T20:00:00'), NONE)).toEqual([])
    expect(dueEvents(slower, bj('2026-12-08T08:00:00'), NONE)).toEqual([TOWN])
  })

  it('a village escalation for not signing for also counts as the village level for overdue', () => {
    const facts = clock('accepted', { warned: true, escalations: [{ level: 'village' }] })
    expect(dueEvents(facts, bj('2026-12-01T08:00:00'), NONE)).toEqual([])
  })

  it('pauses every event while returned', () => {
    for (const at of ['2026-11-30T09:00:00', '2026-12-01T08:00:00', '2026-12-31T08:00:00']) {
      expect(dueEvents(clock('returned'), bj(at), NONE)).toEqual([])
      expect(dueEvents(clock('returned', { acceptedAt: null }), bj(at), NONE)).toEqual([])
    }
  })

  it('asks for a call-back 3 working days after done when the villager has not rated it', () => {
    const done = clock('done', { doneAt: bj('2026-11-27T10:00:00'), warned: true }) // Friday → Wednesday Dec 2 ends
    expect(dueEvents(done, bj('2026-12-02T20:00:00'), NONE)).toEqual([])
    expect(dueEvents(done, bj('2026-12-03T08:00:00'), NONE)).toEqual([CALLBACK]) // overdue dueAt no longer matters
    expect(dueEvents({ ...done, rated: true }, bj('2026-12-03T08:00:00'), NONE)).toEqual([])
    expect(dueEvents({ ...done, callbackAsked: true }, bj('2026-12-03T08:00:00'), NONE)).toEqual([])
  })

  it('has nothing to do for closed or cancelled requests', () => {
    for (const state of ['closed', 'cancelled'] as const) {
      expect(dueEvents(clock(state, { doneAt: bj('2026-11-27T10:00:00') }), bj('2026-12-31T08:00:00'), NONE)).toEqual([])
    }
  })
})

describe('nextCheckAt: the earliest moment something can fall due', () => {
  it('is the earliest of the due times', () => {
    // Submitted Monday: not signed for by Tuesday's end comes first.
    expect(iso(nextCheckAt(clock('submitted'), NONE))).toBe(iso(endOf('2026-11-24')))
    // Signed for: the warning (Friday's end before Monday's due date).
    expect(iso(nextCheckAt(clock('accepted'), NONE))).toBe(iso(endOf('2026-11-27')))
    // Warned: the due date itself.
    expect(iso(nextCheckAt(clock('collected', { warned: true }), NONE))).toBe(iso(endOf('2026-11-30')))
    // Escalated to the village: the town, 3 working days after.
    expect(iso(nextCheckAt(clock('handed_on', { warned: true, escalations: [{ level: 'village' }] }), NONE))).toBe(iso(endOf('2026-12-03')))
    expect(iso(nextCheckAt(clock('handed_on', { warned: true, escalations: [{ level: 'village' }], townAfterDays: 5 }), NONE))).toBe(iso(endOf('2026-12-07')))
    // Done: the call-back.
    expect(iso(nextCheckAt(clock('done', { doneAt: bj('2026-11-27T10:00:00') }), NONE))).toBe(iso(endOf('2026-12-02')))
  })

  it('is null when nothing more can fall due', () => {
    expect(nextCheckAt(clock('closed'), NONE)).toBeNull()
    expect(nextCheckAt(clock('cancelled'), NONE)).toBeNull()
    expect(nextCheckAt(clock('returned'), NONE)).toBeNull()
    expect(nextCheckAt(clock('done', { doneAt: bj('2026-11-27T10:00:00'), rated: true }), NONE)).toBeNull()
    expect(nextCheckAt(clock('done', { doneAt: bj('2026-11-27T10:00:00'), callbackAsked: true }), NONE)).toBeNull()
    expect(nextCheckAt(clock('accepted', { warned: true, escalations: [{ level: 'village' }, { level: 'town' }] }), NONE)).toBeNull()
  })
})

// ---- properties ---------------------------------------------------------------------------------

const FROM = bj('2026-01-01T00:00:00').getTime()
const UNTIL = bj('2026-12-31T23:59:59').getTime()
const instant = fc.integer({ min: FROM, max: UNTIL }).map((ms) => new Date(ms))
const level = fc.constantFrom<'village' | 'town'>('village', 'town')

describe('properties', () => {
  it('a request of n working days is due exactly n working days after it was submitted', () => {
    fc.assert(
      fc.property(instant, fc.integer({ min: 1, max: 20 }), (submittedAt, days) => {
        const dueAt = dueAtFor(submittedAt, days, NONE)
        expect(workingDaysBetween(submittedAt, dueAt, NONE)).toBe(days)
        expect(dueAt.getTime()).toBeGreaterThan(submittedAt.getTime())
      }),
      { numRuns: 300 },
    )
  })

  it('nothing falls due before nextCheckAt, and nothing ever when it is null', () => {
    fc.assert(
      fc.property(
        instant,
        fc.integer({ min: 1, max: 20 }),
        fc.constantFrom(...STATES),
        fc.record({ warned: fc.boolean(), callbackAsked: fc.boolean(), rated: fc.boolean(), townAfterDays: fc.integer({ min: 1, max: 10 }) }),
        fc.uniqueArray(level, { maxLength: 2 }),
        fc.integer({ min: 0, max: 30 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (submittedAt, days, state, flags, levels, doneAfter, fraction) => {
          const dueAt = dueAtFor(submittedAt, days, NONE)
          const doneAt = state === 'done' || state === 'closed' ? new Date(submittedAt.getTime() + doneAfter * 86_400_000) : null
          const facts: ClockFacts = { state, submittedAt, acceptedAt: null, dueAt, doneAt, escalations: levels.map((at) => ({ level: at })), ...flags }
          const next = nextCheckAt(facts, NONE)
          if (next === null) {
            expect(dueEvents(facts, new Date(UNTIL + 400 * 86_400_000), NONE)).toEqual([])
            return
          }
          const now = new Date(next.getTime() - Math.ceil(fraction * 30 * 86_400_000))
          expect(dueEvents(facts, now, NONE)).toEqual([])
          expect(dueEvents(facts, next, NONE)).toEqual([])
        },
      ),
      { numRuns: 500 },
    )
  })
})
