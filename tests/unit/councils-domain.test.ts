/**
 * Issue 9's pure councils domain: who may sit on a group council or the village board, the quorum
 * and threshold arithmetic of a matter (ties, two thirds, recusal, a member leaving mid-vote),
 * secret-ballot counting from the sealed counters only, the hash chain over a matter's record, and
 * the matter lifecycle. Storage-level unlinkability of secret ballots is for the integration tests.
 */
import { describe, expect, it } from '@jest/globals'
import fc from 'fast-check'
import { GENESIS, canonical, linkHash, nextLink, verifyChain, type Link } from '../../cloudfunctions/shared/domain/councils/chain'
import {
  BOARD_SOURCES,
  ageOn,
  checkNonStanding,
  followRoster,
  missingSources,
  seatPerson,
  seatsFor,
  unseatPerson,
  withChair,
  type BodyFacts,
  type CompositionProblem,
  type Seat,
  type SeatFacts,
  type SeatHolder,
} from '../../cloudfunctions/shared/domain/councils/composition'
import { afterStep, stepAllowed, voteWindowProblem, type MatterState, type MatterStep } from '../../cloudfunctions/shared/domain/councils/lifecycle'
import {
  choiceProblem,
  moreThanHalf,
  outcomeOf,
  settleTieOutcome,
  tallyOf,
  twoThirds,
  type Choice,
  type Outcome,
  type Slot,
  type TallyInput,
} from '../../cloudfunctions/shared/domain/councils/tally'

// ---- composition ------------------------------------------------------------------------------

const TODAY = '2026-05-10'

const person = (personId: string, facts: Partial<SeatFacts> = {}): SeatFacts => ({
  personId,
  name: `村民${personId}`,
  villageId: 'v1',
  groupId: 'g1',
  birthDate: '1980-01-01',
  partyMember: false,
  villageCadre: false,
  leadsGroup: false,
  ...facts,
})

const council = (memberIds: readonly string[], chairId: string | null = 'leader'): BodyFacts => ({
  kind: 'group_council',
  villageId: 'v1',
  groupId: 'g1',
  chairId,
  members: withChair(
    { chairId },
    memberIds.map((personId) => ({ personId, seat: 'member' as const })),
  ),
})

const board = (seated: ReadonlyArray<readonly [string, Seat]>, chairId: string | null = 'secretary'): BodyFacts => ({
  kind: 'village_board',
  villageId: 'v1',
  groupId: null,
  chairId,
  members: withChair(
    { chairId },
    seated.map(([personId, seat]) => ({ personId, seat })),
  ),
})

type Seating = { members: SeatHolder[] } | { problem: CompositionProblem }

function seated(result: Seating): SeatHolder[] {
  if ('problem' in result) throw new Error(`expected a seating, got ${result.problem.code}: ${result.problem.message}`)
  return result.members
}

function refused(result: Seating): CompositionProblem {
  if (!('problem' in result)) throw new Error(`expected a refusal, got ${JSON.stringify(result.members)}`)
  return result.problem
}

/** Seat people one by one (each on the body the previous seating left), stopping at the first refusal. */
function fill(body: BodyFacts, people: readonly SeatFacts[], seat: Seat): { body: BodyFacts; accepted: number; refusal: CompositionProblem | null } {
  let current = body
  let accepted = 0
  for (const candidate of people) {
    const result = seatPerson(current, candidate, seat, TODAY)
    if ('problem' in result) return { body: current, accepted, refusal: result.problem }
    current = { ...current, members: result.members }
    accepted += 1
  }
  return { body: current, accepted, refusal: null }
}

const many = (prefix: string, count: number, facts: Partial<SeatFacts> = {}) => Array.from({ length: count }, (_, i) => person(`${prefix}${i + 1}`, facts))

describe('ageOn', () => {
  it.each([
    ['2008-05-10', '2026-05-10', 18],
    ['2008-05-11', '2026-05-10', 17],
    ['2008-05-09', '2026-05-10', 18],
    ['2008-06-01', '2026-05-31', 17],
    ['2007-12-31', '2026-01-01', 18],
    ['2008-01-01', '2025-12-31', 17],
    ['2008-02-29', '2026-02-28', 17],
    ['2008-02-29', '2026-03-01', 18],
    ['1950-07-15', '2026-05-10', 75],
  ])('born %s is %i on %s', (birthDate, date, age) => {
    expect(ageOn(birthDate, date)).toBe(age)
  })
})

describe('group council composition', () => {
  it('seats at most 5 people in all, the chair counted: four members then refuses', () => {
    const { body, accepted, refusal } = fill(council([]), many('m', 6), 'member')
    expect(accepted).toBe(4)
    expect(refusal?.code).toBe('FULL')
    expect(body.members).toHaveLength(5)
    expect(body.members[0]).toEqual({ personId: 'leader', seat: 'chair' })
    expect(body.members.filter((member) => member.seat === 'chair')).toHaveLength(1)
  })

  it('still lets a member of a full council be re-seated (moving is not growing)', () => {
    const full = council(['m1', 'm2', 'm3', 'm4'])
    expect(seated(seatPerson(full, person('m2'), 'member', TODAY))).toHaveLength(5)
    expect(refused(seatPerson(full, person('m5'), 'member', TODAY)).code).toBe('FULL')
  })

  it('keeps the chair’s place while the group leader post is vacant, so a new leader never makes 6', () => {
    const { body, accepted, refusal } = fill(council([], null), many('m', 6), 'member')
    expect(accepted).toBe(4)
    expect(refusal?.code).toBe('FULL')
    const afterElection = followRoster({ ...body, chairId: 'newLeader' }, () => true)
    expect(afterElection.members).toHaveLength(5)
    expect(afterElection.members[0]).toEqual({ personId: 'newLeader', seat: 'chair' })
  })

  it('refuses to seat or remove the chair (the group leader) as a member', () => {
    const body = council(['m1'])
    expect(refused(seatPerson(body, person('leader', { leadsGroup: true }), 'member', TODAY)).code).toBe('CHAIR')
    expect(refused(seatPerson(body, person('m2'), 'chair', TODAY)).code).toBe('CHAIR')
    expect(refused(unseatPerson(body, 'leader')).code).toBe('CHAIR')
    expect(seatsFor(body, person('leader'), TODAY)).toEqual([])
  })

  it('removes an ordinary member and keeps the chair; refuses someone not on it', () => {
    const body = council(['m1', 'm2'])
    expect(seated(unseatPerson(body, 'm1'))).toEqual([
      { personId: 'leader', seat: 'chair' },
      { personId: 'm2', seat: 'member' },
    ])
    expect(refused(unseatPerson(body, 'stranger')).code).toBe('NOT_MEMBER')
  })

  it('takes only adults (18 on the given date) of the same group and village', () => {
    const body = council([])
    expect(seated(seatPerson(body, person('a', { birthDate: '2008-05-10' }), 'member', TODAY))).toContainEqual({ personId: 'a', seat: 'member' })
    expect(refused(seatPerson(body, person('b', { birthDate: '2008-05-11' }), 'member', TODAY)).code).toBe('NOT_ELIGIBLE')
    // The same person a day later is an adult.
    expect(seated(seatPerson(body, person('b', { birthDate: '2008-05-11' }), 'member', '2026-05-11'))).toContainEqual({ personId: 'b', seat: 'member' })
    expect(refused(seatPerson(body, person('c', { groupId: 'g2' }), 'member', TODAY)).code).toBe('NOT_ELIGIBLE')
    expect(refused(seatPerson(body, person('d', { groupId: null }), 'member', TODAY)).code).toBe('NOT_ELIGIBLE')
    expect(refused(seatPerson(body, person('e', { villageId: 'v2' }), 'member', TODAY)).code).toBe('NOT_ELIGIBLE')
  })

  it('has only member seats: a board seat is refused even for a Party member', () => {
    const partyMember = person('p', { partyMember: true, villageCadre: true })
    expect(seatsFor(council([]), partyMember, TODAY)).toEqual(['member'])
    for (const seat of BOARD_SOURCES) expect(refused(seatPerson(council([]), partyMember, seat, TODAY)).code).toBe('SEAT')
    expect(missingSources(council([]))).toEqual([])
  })
})

describe('village board composition', () => {
  it('seats at most 7 standing members, the chair counted', () => {
    const { body, accepted, refusal } = fill(board([]), many('r', 9), 'villager_rep')
    expect(accepted).toBe(6)
    expect(refusal?.code).toBe('FULL')
    expect(body.members).toHaveLength(7)
    expect(body.members[0]).toEqual({ personId: 'secretary', seat: 'chair' })
  })

  it('keeps the chair’s place while the Party secretary post is vacant', () => {
    const { accepted, refusal } = fill(board([], null), many('r', 9), 'villager_rep')
    expect(accepted).toBe(6)
    expect(refusal?.code).toBe('FULL')
  })

  it('lets a member of a full board change seat', () => {
    const full = board([
      ['a', 'party_org'],
      ['b', 'committee'],
      ['c', 'group_chair'],
      ['d', 'villager_rep'],
      ['e', 'villager_rep'],
      ['f', 'villager_rep'],
    ])
    const moved = seated(seatPerson(full, person('e', { partyMember: true }), 'party_org', TODAY))
    expect(moved).toHaveLength(7)
    expect(moved).toContainEqual({ personId: 'e', seat: 'party_org' })
    expect(moved.filter((member) => member.personId === 'e')).toHaveLength(1)
    expect(refused(seatPerson(full, person('g'), 'villager_rep', TODAY)).code).toBe('FULL')
  })

  it('refuses the Party secretary as a member and never removes the chair', () => {
    const body = board([['a', 'villager_rep']])
    expect(refused(seatPerson(body, person('secretary', { partyMember: true, villageCadre: true }), 'party_org', TODAY)).code).toBe('CHAIR')
    expect(refused(unseatPerson(body, 'secretary')).code).toBe('CHAIR')
    expect(seatsFor(body, person('secretary', { partyMember: true }), TODAY)).toEqual([])
  })

  // Which of the four sources a person qualifies for, by their facts (group does not matter on a board).
  const cases: Array<[string, Partial<SeatFacts>, Seat[]]> = [
    ['an adult villager of another group', { groupId: 'g7' }, ['villager_rep']],
    ['a Party member', { partyMember: true }, ['party_org', 'villager_rep']],
    ['a village cadre', { villageCadre: true }, ['committee', 'villager_rep']],
    ['a group leader', { leadsGroup: true }, ['group_chair', 'villager_rep']],
    ['a Party member who is a cadre and leads a group', { partyMember: true, villageCadre: true, leadsGroup: true }, ['party_org', 'committee', 'group_chair', 'villager_rep']],
    ['a minor Party member', { partyMember: true, birthDate: '2010-01-01' }, []],
    ['a cadre of another village', { villageCadre: true, villageId: 'v2' }, []],
  ]

  it.each(cases)('seats %s only in the seats they qualify for', (_, facts, expected) => {
    const body = board([])
    const candidate = person('x', facts)
    expect(seatsFor(body, candidate, TODAY)).toEqual(expected)
    for (const seat of [...BOARD_SOURCES, 'member'] as Seat[]) {
      const result = seatPerson(body, candidate, seat, TODAY)
      if (expected.includes(seat)) {
        expect(seated(result)).toContainEqual({ personId: 'x', seat })
      } else {
        expect(refused(result).code).toBe(expected.length === 0 ? 'NOT_ELIGIBLE' : 'SEAT')
      }
    }
  })

  it('names the sources nobody represents yet, until all four are', () => {
    const order: Array<[string, Seat]> = [
      ['c', 'committee'],
      ['r', 'villager_rep'],
      ['p', 'party_org'],
      ['g', 'group_chair'],
    ]
    const expectedMissing = [
      ['party_org', 'committee', 'group_chair', 'villager_rep'],
      ['party_org', 'group_chair', 'villager_rep'],
      ['party_org', 'group_chair'],
      ['group_chair'],
      [],
    ]
    expectedMissing.forEach((missing, count) => {
      expect(missingSources(board(order.slice(0, count)))).toEqual(missing)
    })
    // Two villager representatives do not stand for a Party organisation seat.
    expect(
      missingSources(
        board([
          ['r1', 'villager_rep'],
          ['r2', 'villager_rep'],
        ]),
      ),
    ).toEqual(['party_org', 'committee', 'group_chair'])
  })
})

describe('non-standing members per matter', () => {
  const standing = board([
    ['a', 'party_org'],
    ['b', 'committee'],
  ])
  const outsider = (name: string) => ({ personId: null, name, role: '专业人士' })
  const villagerOf = (personId: string) => ({ personId, name: `村民${personId}`, role: '利害关系人' })

  it('accepts up to 3 on a board, outsiders by name included', () => {
    expect(checkNonStanding(standing, [])).toBeNull()
    expect(checkNonStanding(standing, [villagerOf('x'), outsider('王工程师'), outsider('李律师')])).toBeNull()
  })

  it('refuses a fourth', () => {
    expect(checkNonStanding(standing, [villagerOf('x'), villagerOf('y'), outsider('王工程师'), outsider('李律师')])?.code).toBe('FULL')
  })

  it('refuses them on a group council', () => {
    expect(checkNonStanding(council(['m1']), [villagerOf('x')])?.code).toBe('SEAT')
    expect(checkNonStanding(council(['m1']), [])).toBeNull()
  })

  it('refuses a standing member or the chair', () => {
    expect(checkNonStanding(standing, [villagerOf('x'), villagerOf('a')])).toEqual({ code: 'SEAT', message: expect.stringContaining('村民a') })
    expect(checkNonStanding(standing, [villagerOf('secretary')])?.code).toBe('SEAT')
  })

  it('refuses the same person twice', () => {
    expect(checkNonStanding(standing, [villagerOf('x'), villagerOf('x')])?.code).toBe('SEAT')
    expect(checkNonStanding(standing, [villagerOf('x'), villagerOf('y')])).toBeNull()
  })
})

describe('followRoster', () => {
  it('moves the chair to a new group leader and drops the old chair’s seat', () => {
    const before = council(['m1', 'm2'], 'oldLeader')
    const result = followRoster({ ...before, chairId: 'newLeader' }, () => true)
    expect(result.members).toEqual([
      { personId: 'newLeader', seat: 'chair' },
      { personId: 'm1', seat: 'member' },
      { personId: 'm2', seat: 'member' },
    ])
    expect(result.left).toEqual([])
  })

  it('makes a member who becomes the leader the chair, once', () => {
    const before = council(['m1', 'm2'], 'oldLeader')
    const result = followRoster({ ...before, chairId: 'm1' }, (id) => id !== 'm1')
    expect(result.members).toEqual([
      { personId: 'm1', seat: 'chair' },
      { personId: 'm2', seat: 'member' },
    ])
    expect(result.left).toEqual([])
  })

  it('drops members who left the group and says who', () => {
    const before = council(['m1', 'm2', 'm3'])
    const gone = new Set(['m1', 'm3'])
    const result = followRoster(before, (id) => !gone.has(id))
    expect(result.members).toEqual([
      { personId: 'leader', seat: 'chair' },
      { personId: 'm2', seat: 'member' },
    ])
    expect(result.left).toEqual(['m1', 'm3'])
  })

  it('leaves the chair seat empty when the leader post falls vacant', () => {
    const result = followRoster({ ...council(['m1']), chairId: null }, () => true)
    expect(result.members).toEqual([{ personId: 'm1', seat: 'member' }])
  })
})

// ---- quorum, thresholds, ties -----------------------------------------------------------------

describe('moreThanHalf and twoThirds', () => {
  it.each([
    [1, 1, 1],
    [2, 2, 2],
    [3, 2, 2],
    [4, 3, 3],
    [5, 3, 4],
    [6, 4, 4],
    [7, 4, 5],
    [8, 5, 6],
    [9, 5, 6],
    [10, 6, 7],
  ])('of %i: more than half is %i, two thirds is %i', (total, half, thirds) => {
    expect(moreThanHalf(total)).toBe(half)
    expect(twoThirds(total)).toBe(thirds)
  })

  it('are the least numbers meeting their definitions, up to 500', () => {
    for (let total = 1; total <= 500; total += 1) {
      const half = moreThanHalf(total)
      expect(2 * half > total && 2 * (half - 1) <= total).toBe(true)
      const thirds = twoThirds(total)
      expect(3 * thirds >= 2 * total && 3 * (thirds - 1) < 2 * total).toBe(true)
    }
  })
})

const slot = (voterId: string, choice: Choice | null = null, lost: string | null = null): Slot => ({ voterId, voted: choice !== null, choice, lost })
/** `n` named slots: the given choices first, then members who have not voted. */
const slots = (n: number, choices: ReadonlyArray<Choice>): Slot[] => Array.from({ length: n }, (_, i) => slot(`v${i + 1}`, choices[i] ?? null))
const motion = (slotList: Slot[], extra: Partial<TallyInput> = {}): TallyInput => ({
  kind: 'motion',
  ballot: 'named',
  rule: 'majority',
  optionIds: [],
  winners: 1,
  slots: slotList,
  ...extra,
})
const choice = (optionIds: string[], winners: number, votes: ReadonlyArray<string[]>, extra: Partial<TallyInput> = {}): TallyInput => ({
  kind: 'choice',
  ballot: 'named',
  rule: 'majority',
  optionIds,
  winners,
  slots: votes.map((picked, i) => slot(`v${i + 1}`, picked)),
  ...extra,
})
const repeat = <T>(value: T, n: number): T[] => Array.from({ length: n }, () => value)

describe('motions: quorum and threshold', () => {
  it('passes with more than half of all eligible agreeing, and not one fewer', () => {
    const pass = outcomeOf(motion(slots(7, [...repeat('agree' as const, 4), ...repeat('oppose' as const, 3)])))
    expect(pass).toMatchObject({ passed: true, rule: 'majority' })
    const fail = outcomeOf(motion(slots(7, [...repeat('agree' as const, 3), ...repeat('oppose' as const, 2), ...repeat('abstain' as const, 2)])))
    expect(fail).toMatchObject({ passed: false, rule: 'majority' })
  })

  it('counts agreement against all eligible voters, not against the votes cast', () => {
    // 4 of 7 vote (quorum), 3 agree: a majority of votes cast but not of the eligible.
    const outcome = outcomeOf(motion(slots(7, ['agree', 'agree', 'agree', 'oppose'])))
    expect(outcome).toMatchObject({ passed: false, rule: 'majority' })
    expect(outcome.statement).toContain('4 票')
  })

  it('does not pass a tie of an even body', () => {
    expect(outcomeOf(motion(slots(6, ['agree', 'agree', 'agree', 'oppose', 'oppose', 'oppose']))).passed).toBe(false)
  })

  it('needs two thirds for a village rule: the same votes pass under majority and fail under two thirds', () => {
    const votes = slots(7, ['agree', 'agree', 'agree', 'agree', 'oppose', 'oppose', 'oppose'])
    expect(outcomeOf(motion(votes))).toMatchObject({ passed: true, rule: 'majority' })
    expect(outcomeOf(motion(votes, { rule: 'two_thirds' }))).toMatchObject({ passed: false, rule: 'two_thirds' })
    const five = slots(7, ['agree', 'agree', 'agree', 'agree', 'agree', 'oppose', 'oppose'])
    expect(outcomeOf(motion(five, { rule: 'two_thirds' }))).toMatchObject({ passed: true, rule: 'two_thirds' })
    // Exactly two thirds is enough.
    expect(outcomeOf(motion(slots(6, ['agree', 'agree', 'agree', 'agree', 'oppose', 'oppose']), { rule: 'two_thirds' })).passed).toBe(true)
    expect(outcomeOf(motion(slots(6, ['agree', 'agree', 'agree', 'oppose', 'oppose', 'oppose']), { rule: 'two_thirds' })).passed).toBe(false)
  })

  it('says how many more votes quorum needs, and fails with rule quorum below it', () => {
    for (let voted = 0; voted <= 7; voted += 1) {
      const input = motion(slots(7, repeat('agree' as const, voted)))
      const tally = tallyOf(input)
      expect(tally).toMatchObject({ eligible: 7, voted, quorumMet: voted >= 4, quorumNeeds: Math.max(0, 4 - voted) })
      expect(tally.tally).toEqual({ agree: voted, oppose: 0, abstain: 0 })
      const outcome = outcomeOf(input)
      if (voted < 4) expect(outcome).toMatchObject({ passed: false, rule: 'quorum' })
      else expect(outcome).toMatchObject({ passed: true, rule: 'majority' })
    }
  })

  it('fails for quorum when nobody is eligible', () => {
    expect(tallyOf(motion([]))).toMatchObject({ eligible: 0, quorumMet: false, quorumNeeds: 1 })
    expect(outcomeOf(motion([]))).toMatchObject({ passed: false, rule: 'quorum' })
  })

  it('counts only the three motion answers, whatever a stored choice says', () => {
    const tally = tallyOf(motion([slot('a', 'agree'), slot('b', 'constructor' as Choice), slot('c', 'toString' as Choice), slot('d', 'oppose')]))
    expect(tally.tally).toEqual({ agree: 1, oppose: 1, abstain: 0 })
    expect(Object.keys(tally.tally)).toEqual(['agree', 'oppose', 'abstain'])
  })
})

describe('recusal and members leaving mid-vote', () => {
  it('named: a lost slot is out of the eligible, the votes and the counts, and the threshold follows', () => {
    const before = slots(5, ['agree', 'agree', 'agree', 'oppose'])
    expect(outcomeOf(motion(before))).toMatchObject({ passed: true })
    const after = before.map((s) => (s.voterId === 'v1' ? { ...s, lost: '利害关系人回避' } : s))
    expect(tallyOf(motion(after))).toMatchObject({ eligible: 4, voted: 3, tally: { agree: 2, oppose: 1, abstain: 0 } })
    // 2 of the 4 left is not more than half.
    expect(outcomeOf(motion(after))).toMatchObject({ passed: false, rule: 'majority' })
  })

  it('named: a member who had not voted leaving lowers the quorum', () => {
    const open = slots(4, ['agree', 'agree'])
    expect(tallyOf(motion(open))).toMatchObject({ eligible: 4, quorumMet: false, quorumNeeds: 1 })
    const left = open.map((s) => (s.voterId === 'v4' ? { ...s, lost: '迁出本组' } : s))
    expect(tallyOf(motion(left))).toMatchObject({ eligible: 3, voted: 2, quorumMet: true, quorumNeeds: 0 })
    expect(outcomeOf(motion(left))).toMatchObject({ passed: true, rule: 'majority' })
  })

  it('named choice: a lost slot’s picks are not counted', () => {
    const input = choice(['x', 'y'], 1, [['x'], ['x'], ['y']])
    expect(outcomeOf(input).winners).toEqual(['x'])
    const lost = { ...input, slots: input.slots.map((s, i) => (i < 2 ? { ...s, lost: '回避' } : s)) }
    expect(tallyOf(lost)).toMatchObject({ eligible: 1, voted: 1, tally: { x: 0, y: 1 } })
    expect(outcomeOf(lost).winners).toEqual(['y'])
  })

  it('secret: a lost slot that already voted still counts (its ballot is sealed), one that had not is excluded', () => {
    const secretSlots: Slot[] = [
      { voterId: 'a', voted: true, choice: null, lost: '迁出本组' },
      { voterId: 'b', voted: false, choice: null, lost: '回避' },
      { voterId: 'c', voted: true, choice: null, lost: null },
      { voterId: 'd', voted: false, choice: null, lost: null },
    ]
    const input: TallyInput = { kind: 'motion', ballot: 'secret', rule: 'majority', optionIds: [], winners: 1, slots: secretSlots, secretCounts: { agree: 2 } }
    expect(tallyOf(input)).toMatchObject({ eligible: 3, voted: 2, quorumMet: true, tally: { agree: 2, oppose: 0, abstain: 0 } })
    // The same slots on a named ballot drop the voter who left.
    expect(tallyOf({ ...input, ballot: 'named' })).toMatchObject({ eligible: 2, voted: 1 })
  })
})

describe('choices and elections: plurality and ties', () => {
  it('elects the top places when nobody ties at the last one', () => {
    const votes = [['a'], ['a'], ['a'], ['a'], ['b'], ['b'], ['b'], ['c'], ['c'], ['d']]
    expect(outcomeOf(choice(['a', 'b', 'c', 'd'], 2, votes))).toMatchObject({ passed: true, rule: 'plurality', winners: ['a', 'b'] })
    expect(outcomeOf(choice(['a', 'b', 'c', 'd'], 2, votes)).tie).toBeUndefined()
  })

  it('ignores a tie below the last place, and a tie that fits in the places', () => {
    const below = outcomeOf(choice(['a', 'b', 'c', 'd'], 2, [['a'], ['a'], ['a'], ['b'], ['b'], ['c'], ['d']]))
    expect(below).toMatchObject({ passed: true, winners: ['a', 'b'] })
    expect(below.tie).toBeUndefined()
    expect(outcomeOf(choice(['a', 'b', 'c'], 2, [['a'], ['b'], ['a'], ['b'], ['c']]))).toMatchObject({ passed: true, winners: ['a', 'b'] })
  })

  it('gives a tie at the single place to the chair', () => {
    const outcome = outcomeOf(choice(['a', 'b', 'c'], 1, [['a'], ['b'], ['a'], ['b'], ['c']]))
    expect(outcome).toMatchObject({ passed: false, rule: 'plurality', winners: [], tie: ['a', 'b'] })
  })

  it('gives a tie at the last of several places to the chair, keeping those above', () => {
    const votes = [['a'], ['a'], ['a'], ['b'], ['b'], ['c'], ['c'], ['d']]
    const outcome = outcomeOf(choice(['a', 'b', 'c', 'd'], 2, votes, { kind: 'election', ballot: 'secret', secretCounts: { a: 3, b: 2, c: 2, d: 1 } }))
    expect(outcome).toMatchObject({ passed: false, winners: ['a'], tie: ['b', 'c'] })
  })

  it('fails for quorum before looking at places', () => {
    const noQuorum: TallyInput = { ...choice(['a', 'b'], 1, []), slots: [slot('v1', ['a']), slot('v2'), slot('v3')] }
    expect(outcomeOf(noQuorum)).toMatchObject({ passed: false, rule: 'quorum' })
    expect(outcomeOf(noQuorum).winners).toBeUndefined()
  })

  it('counts multiple picks per ballot', () => {
    expect(tallyOf(choice(['a', 'b', 'c'], 2, [['a', 'b'], ['b', 'c'], ['b']])).tally).toEqual({ a: 1, b: 3, c: 1 })
  })
})

describe('settleTieOutcome', () => {
  const tied = outcomeOf(choice(['a', 'b', 'c', 'd'], 2, [['a'], ['a'], ['a'], ['b'], ['b'], ['c'], ['c'], ['d']]))
  const threeWay = outcomeOf(choice(['a', 'b', 'c'], 2, [['a'], ['b'], ['c']]))

  it('fills the places left from the tie, with the chair’s note', () => {
    const settled = settleTieOutcome(tied, ['c'], 2, '抽签') as Outcome
    expect(settled).toMatchObject({ passed: true, rule: 'plurality', winners: ['a', 'c'] })
    expect(settled.statement).toContain('抽签')
    expect(settleTieOutcome(threeWay, ['c', 'a'], 2, '抽签')).toMatchObject({ passed: true, winners: ['c', 'a'] })
  })

  it('refuses picks outside the tie, too many or too few, repeats, and a result with no tie', () => {
    expect(threeWay.tie).toEqual(['a', 'b', 'c'])
    expect(settleTieOutcome(tied, ['a'], 2, '')).toHaveProperty('problem')
    expect(settleTieOutcome(tied, ['d'], 2, '')).toHaveProperty('problem')
    expect(settleTieOutcome(tied, ['b', 'c'], 2, '')).toHaveProperty('problem')
    expect(settleTieOutcome(tied, [], 2, '')).toHaveProperty('problem')
    expect(settleTieOutcome(threeWay, ['a', 'a'], 2, '')).toHaveProperty('problem')
    const clear = outcomeOf(choice(['a', 'b'], 1, [['a'], ['a'], ['b']]))
    expect(settleTieOutcome(clear, ['a'], 1, '')).toHaveProperty('problem')
  })
})

describe('choiceProblem', () => {
  // Choices arrive from the wire: a motion answer may be any string.
  it.each<[string, TallyInput['kind'], string | string[], boolean]>([
    ['agree to a motion', 'motion', 'agree', true],
    ['oppose a motion', 'motion', 'oppose', true],
    ['abstain on a motion', 'motion', 'abstain', true],
    ['a made-up motion answer', 'motion', 'maybe', false],
    ['an inherited property name as a motion answer', 'motion', 'constructor', false],
    ['options for a motion', 'motion', ['a'], false],
    ['a motion answer for a choice', 'choice', 'agree', false],
    ['one option', 'choice', ['a'], true],
    ['two options within the maximum', 'choice', ['a', 'b'], true],
    ['three options over the maximum', 'choice', ['a', 'b', 'c'], false],
    ['the same option twice', 'choice', ['a', 'a'], false],
    ['an unknown option', 'election', ['z'], false],
    ['a candidate in an election', 'election', ['c'], true],
  ])('%s', (_, kind, picked, accepted) => {
    const problem = choiceProblem(kind, picked as Choice, ['a', 'b', 'c'], 2)
    if (accepted) expect(problem).toBeNull()
    else expect(typeof problem).toBe('string')
  })
})

describe('secret ballots: counted from the sealed counters only', () => {
  const secret = (slotList: Slot[], secretCounts: Record<string, number>): TallyInput => ({
    kind: 'choice',
    ballot: 'secret',
    rule: 'majority',
    optionIds: ['a', 'b', 'c'],
    winners: 1,
    slots: slotList,
    secretCounts,
  })

  it('ignores any choice left on a slot, and any counter that is not an option', () => {
    const slotList = [slot('v1', ['a']), slot('v2', ['a']), slot('v3', ['a'])]
    const input = secret(slotList, { b: 2, c: 1, zz: 9 })
    expect(tallyOf(input).tally).toEqual({ a: 0, b: 2, c: 1 })
    expect(outcomeOf(input).winners).toEqual(['b'])
    // The same slots on a named ballot are read: the check above can tell the difference.
    expect(tallyOf({ ...input, ballot: 'named' }).tally).toEqual({ a: 3, b: 0, c: 0 })
  })

  it('property: whatever the slots hold, the tally is the counters', () => {
    const pick = fc.constantFrom<Choice | null>(null, 'agree', 'oppose', ['a'], ['b', 'c'], ['c'])
    fc.assert(
      fc.property(fc.array(fc.tuple(pick, fc.boolean()), { minLength: 1, maxLength: 12 }), fc.record({ a: fc.nat(20), b: fc.nat(20), c: fc.nat(20) }), (held, counts) => {
        const slotList = held.map(([picked, voted], i) => ({ voterId: `v${i}`, voted, choice: picked, lost: null }))
        const bare = slotList.map((s) => ({ ...s, choice: null }))
        const withChoices = tallyOf(secret(slotList, counts))
        expect(withChoices.tally).toEqual(counts)
        expect(withChoices).toEqual(tallyOf(secret(bare, counts)))
      }),
      { numRuns: 200 },
    )
  })
})

// ---- hash chain -------------------------------------------------------------------------------

function buildChain(entries: ReadonlyArray<{ type: string; at: string; payload: unknown }>): Link[] {
  const links: Link[] = []
  for (const entry of entries) {
    const head = links.length === 0 ? { hash: GENESIS, length: 0 } : { hash: links[links.length - 1].hash, length: links.length }
    links.push(nextLink(head, entry.type, entry.at, entry.payload))
  }
  return links
}

const headOf = (links: readonly Link[]) => ({ hash: links.length === 0 ? GENESIS : links[links.length - 1].hash, length: links.length })

const TYPES = ['created', 'published', 'opened', 'ballot', 'ballot', 'ballot', 'ballot', 'ballot', 'closed', 'minuted']
const chain = buildChain(
  TYPES.map((type, i) => ({
    type,
    at: new Date(Date.UTC(2026, 4, 10, 1, i)).toISOString(),
    payload: type === 'ballot' ? { voterId: `p${i}`, choice: i % 2 ? 'agree' : 'oppose', by: { self: true } } : { state: type, n: i },
  })),
)
const expectedHead = headOf(chain)
const copy = (links: readonly Link[]): Link[] => links.map((link) => ({ ...link }))
/** The ballot's payload with its choice turned the other way. */
const flipped = (payload: unknown) => {
  const ballot = payload as { choice: string }
  return { ...ballot, choice: ballot.choice === 'agree' ? 'oppose' : 'agree' }
}

describe('hash chain', () => {
  it('verifies an untouched chain and recomputes its head', () => {
    expect(chain).toHaveLength(10)
    expect(chain.map((link) => link.seq)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9])
    expect(chain[0].prev).toBe(GENESIS)
    chain.slice(1).forEach((link, i) => expect(link.prev).toBe(chain[i].hash))
    expect(verifyChain(chain, expectedHead)).toEqual({ ok: true, head: expectedHead.hash, length: 10, problems: [] })
    expect(verifyChain([], { hash: GENESIS, length: 0 }).ok).toBe(true)
  })

  it('does not depend on the order links or payload keys come back from the store', () => {
    const reversedKeys = (value: unknown): unknown =>
      value && typeof value === 'object' && !Array.isArray(value)
        ? Object.fromEntries(
            Object.entries(value)
              .reverse()
              .map(([k, v]) => [k, reversedKeys(v)]),
          )
        : value
    const reread = [...copy(chain)].reverse().map((link) => ({ ...link, payload: reversedKeys(link.payload) }))
    expect(Object.keys(reread[5].payload as object)).toEqual(['by', 'choice', 'voterId'])
    expect(verifyChain(reread, expectedHead).ok).toBe(true)
    expect(canonical({ b: 1, a: [{ d: 2, c: 3 }] })).toBe(canonical({ a: [{ c: 3, d: 2 }], b: 1 }))
    expect(linkHash(GENESIS, 0, 't', 'x', { a: 1, b: 2 })).toBe(linkHash(GENESIS, 0, 't', 'x', { b: 2, a: 1 }))
    expect(linkHash(GENESIS, 0, 't', 'x', { a: 1 })).not.toBe(linkHash(GENESIS, 0, 't', 'x', { a: 2 }))
  })

  const tampered: Array<[string, (links: Link[]) => Link[]]> = [
    ['a ballot’s payload altered', (links) => ((links[4] = { ...links[4], payload: flipped(links[4].payload) }), links)],
    ['a nested payload field altered', (links) => ((links[5] = { ...links[5], payload: { ...(links[5].payload as object), by: { self: false } } }), links)],
    ['a payload field added', (links) => ((links[0] = { ...links[0], payload: { ...(links[0].payload as object), extra: 1 } }), links)],
    ['a state change’s type altered', (links) => ((links[8] = { ...links[8], type: 'opened' }), links)],
    ['a link’s time altered', (links) => ((links[2] = { ...links[2], at: '2026-05-09T00:00:00.000Z' }), links)],
    ['the last link’s payload altered', (links) => ((links[9] = { ...links[9], payload: { state: 'minuted', n: 10 } }), links)],
    ['the first link removed', (links) => links.slice(1)],
    ['a middle link removed', (links) => [...links.slice(0, 5), ...links.slice(6)]],
    ['the last link removed', (links) => links.slice(0, 9)],
    ['two links reordered (seq swapped)', (links) => ((links[3] = { ...links[3], seq: 6 }), (links[6] = { ...links[6], seq: 3 }), links)],
    ['two neighbours reordered (seq swapped)', (links) => ((links[4] = { ...links[4], seq: 5 }), (links[5] = { ...links[5], seq: 4 }), links)],
    ['a link duplicated', (links) => [...links, { ...links[4] }]],
    ['a seq renumbered', (links) => ((links[7] = { ...links[7], seq: 70 }), links)],
    [
      'a forged link with a recomputed hash inserted in the middle (later seqs shifted)',
      (links) => {
        const forged = nextLink({ hash: links[4].hash, length: 5 }, 'ballot', links[4].at, { voterId: 'ghost', choice: 'agree' })
        return [...links.slice(0, 5), forged, ...links.slice(5).map((link) => ({ ...link, seq: link.seq + 1 }))]
      },
    ],
    [
      'a forged link inserted and every later link re-hashed',
      (links) => {
        const forged = buildChain([
          ...links.slice(0, 5).map(({ type, at, payload }) => ({ type, at, payload })),
          { type: 'ballot', at: links[4].at, payload: { voterId: 'ghost', choice: 'agree' } },
          ...links.slice(5).map(({ type, at, payload }) => ({ type, at, payload })),
        ])
        return forged
      },
    ],
    [
      'a payload altered and the whole chain re-hashed',
      (links) => buildChain(links.map(({ type, at, payload }, i) => ({ type, at, payload: i === 4 ? flipped(payload) : payload }))),
    ],
  ]

  it.each(tampered)('detects %s', (_, tamper) => {
    const check = verifyChain(tamper(copy(chain)), expectedHead)
    expect(check.ok).toBe(false)
    expect(check.problems.length).toBeGreaterThan(0)
    // The original still verifies: the mutation did not touch the shared chain.
    expect(verifyChain(chain, expectedHead).ok).toBe(true)
  })

  it('detects a truncated chain whose head was faked from what is left, by the stored length', () => {
    const truncated = copy(chain).slice(0, 7)
    const fakedHead = headOf(truncated).hash
    // On its own the truncated chain is self-consistent…
    expect(verifyChain(truncated, { hash: fakedHead, length: 7 }).ok).toBe(true)
    // …but the matter stored a length of 10.
    const check = verifyChain(truncated, { hash: fakedHead, length: expectedHead.length })
    expect(check.ok).toBe(false)
    expect(check.problems.join()).toContain('10')
  })

  it('detects a stored head that does not match', () => {
    expect(verifyChain(chain, { hash: chain[8].hash, length: 10 }).ok).toBe(false)
  })

  // Property: any single mutation of a random chain is detected against the head kept on the matter.
  type Mutation = { kind: 'payload' | 'type' | 'at' | 'prev' | 'hash' | 'remove' | 'duplicate' | 'renumber' | 'forge'; at: number } | { kind: 'swap'; at: number; other: number }

  const entryArb = fc.record({
    type: fc.constantFrom('created', 'published', 'opened', 'ballot', 'receipt', 'lost', 'closed', 'sealed', 'minuted', 'note', 'tie'),
    at: fc.integer({ min: 0, max: 10_000_000 }).map((ms) => new Date(Date.UTC(2026, 0, 1) + ms * 1000).toISOString()),
    payload: fc.record({
      voterId: fc.string({ maxLength: 6 }),
      n: fc.integer(),
      choice: fc.oneof(fc.constantFrom('agree', 'oppose', 'abstain'), fc.array(fc.string({ maxLength: 3 }), { maxLength: 3 })),
    }),
  })

  const caseArb = fc.array(entryArb, { minLength: 1, maxLength: 15 }).chain((entries) =>
    fc.tuple(
      fc.constant(entries),
      fc.oneof(
        fc.record({
          kind: fc.constantFrom(
            'payload' as const,
            'type' as const,
            'at' as const,
            'prev' as const,
            'hash' as const,
            'remove' as const,
            'duplicate' as const,
            'renumber' as const,
            'forge' as const,
          ),
          at: fc.nat(entries.length - 1),
        }),
        fc.record({ kind: fc.constant('swap' as const), at: fc.nat(entries.length - 1), other: fc.nat(entries.length - 1) }),
      ),
    ),
  )

  function mutate(links: Link[], mutation: Mutation): Link[] | null {
    const i = mutation.at
    const link = links[i]
    switch (mutation.kind) {
      case 'payload':
        links[i] = { ...link, payload: { ...(link.payload as { n: number }), n: (link.payload as { n: number }).n + 1 } }
        return links
      case 'type':
        links[i] = { ...link, type: `${link.type}x` }
        return links
      case 'at':
        links[i] = { ...link, at: new Date(Date.parse(link.at) + 1000).toISOString() }
        return links
      case 'prev':
        links[i] = { ...link, prev: link.prev === GENESIS ? '1'.repeat(64) : GENESIS }
        return links
      case 'hash':
        links[i] = { ...link, hash: linkHash(link.hash, 0, '', '', null) }
        return links
      case 'remove':
        return links.filter((_, j) => j !== i)
      case 'duplicate':
        return [...links.slice(0, i + 1), { ...link }, ...links.slice(i + 1)]
      case 'renumber':
        links[i] = { ...link, seq: link.seq + links.length }
        return links
      case 'forge': {
        const forged = nextLink({ hash: link.prev, length: i }, 'ballot', link.at, { voterId: 'ghost', n: 0, choice: 'agree' })
        return [...links.slice(0, i), forged, ...links.slice(i).map((l) => ({ ...l, seq: l.seq + 1 }))]
      }
      case 'swap': {
        if (mutation.other === i) return null
        const j = mutation.other
        const [a, b] = [links[i], links[j]]
        // Swapping two links whose stored content is identical apart from seq changes nothing.
        if (a.type === b.type && a.at === b.at && canonical(a.payload) === canonical(b.payload) && a.prev === b.prev) return null
        links[i] = { ...a, seq: b.seq }
        links[j] = { ...b, seq: a.seq }
        return links
      }
    }
  }

  it('property: any single mutation of a random chain is detected', () => {
    fc.assert(
      fc.property(caseArb, ([entries, mutation]) => {
        const links = buildChain(entries)
        const head = headOf(links)
        expect(verifyChain(links, head).ok).toBe(true)
        const mutated = mutate(copy(links), mutation)
        fc.pre(mutated !== null)
        expect(verifyChain(mutated!, head).ok).toBe(false)
      }),
      { numRuns: 500 },
    )
  })

  it('property: the stored order of the links does not matter, only their seq', () => {
    fc.assert(
      fc.property(
        fc
          .array(entryArb, { minLength: 1, maxLength: 12 })
          .chain((entries) => fc.tuple(fc.constant(entries), fc.shuffledSubarray(buildChain(entries), { minLength: entries.length }))),
        ([entries, shuffled]) => {
          expect(verifyChain(shuffled, headOf(buildChain(entries))).ok).toBe(true)
        },
      ),
      { numRuns: 200 },
    )
  })
})

// ---- lifecycle --------------------------------------------------------------------------------

const STATES: MatterState[] = ['draft', 'published', 'voting', 'closed', 'minuted']
const STEPS: MatterStep[] = ['publish', 'open', 'close', 'recordMinutes', 'appendNote', 'comment', 'recuse', 'settleTie']

/** Every step from every state: the state after it, or null when it is refused. Written from issue 9. */
const LIFECYCLE: Record<MatterStep, Record<MatterState, MatterState | null>> = {
  publish: { draft: 'published', published: null, voting: null, closed: null, minuted: null },
  open: { draft: 'voting', published: 'voting', voting: null, closed: null, minuted: null },
  close: { draft: null, published: null, voting: 'closed', closed: null, minuted: null },
  recordMinutes: { draft: null, published: null, voting: null, closed: 'minuted', minuted: null },
  appendNote: { draft: null, published: null, voting: null, closed: null, minuted: 'minuted' },
  comment: { draft: null, published: 'published', voting: 'voting', closed: 'closed', minuted: null },
  recuse: { draft: 'draft', published: 'published', voting: 'voting', closed: null, minuted: null },
  settleTie: { draft: null, published: null, voting: null, closed: 'closed', minuted: null },
}

describe('matter lifecycle', () => {
  const table = STEPS.flatMap((step) => STATES.map((state) => [step, state, LIFECYCLE[step][state]] as const))

  it.each(table)('%s from %s → %s', (step, state, expected) => {
    expect(stepAllowed(step, state)).toBe(expected !== null)
    const after = afterStep(step, state)
    if (expected === null) {
      expect(after).toEqual({ problem: expect.any(String) })
    } else {
      expect(after).toEqual({ state: expected })
    }
  })

  it('never goes back to an earlier state', () => {
    for (const step of STEPS) {
      for (const state of STATES) {
        const after = afterStep(step, state)
        if ('state' in after) expect(STATES.indexOf(after.state)).toBeGreaterThanOrEqual(STATES.indexOf(state))
      }
    }
  })
})

describe('voteWindowProblem', () => {
  const closesAt = '2026-05-10T20:00:00+08:00'
  const closing = Date.parse(closesAt)

  it.each([
    ['a day before', -86_400_000, true],
    ['a millisecond before', -1, true],
    ['at closesAt', 0, false],
    ['a millisecond after', 1, false],
    ['a day after', 86_400_000, false],
  ])('while voting, %s: accepted %s', (_, offset, accepted) => {
    const problem = voteWindowProblem('voting', closesAt, new Date(closing + offset))
    if (accepted) expect(problem).toBeNull()
    else expect(problem).toEqual(expect.any(String))
  })

  it.each(STATES.filter((state) => state !== 'voting'))('refuses any vote while %s, even before closesAt', (state) => {
    expect(voteWindowProblem(state, closesAt, new Date(closing - 3_600_000))).toEqual(expect.any(String))
  })

  it('accepts nothing when the closing time cannot be read', () => {
    expect(voteWindowProblem('voting', 'not a date', new Date(closing))).toEqual(expect.any(String))
    expect(voteWindowProblem('voting', '', new Date(closing))).toEqual(expect.any(String))
  })
})
