import { describe, expect, it } from '@jest/globals'
import {
  formPartyGroups,
  groupFactsFrom,
  partyMemberFactsFrom,
  type FormationInput,
  type FormationResult,
  type GroupFacts,
  type MoveGroupOverride,
  type AppointLeaderOverride,
  type PartyGroupResult,
} from '../../cloudfunctions/shared/domain/party-groups'

// ---- helpers -------------------------------------------------------------------------------

type Leader = 'P' | 'N' | '-' // Party member / not a Party member / vacant post

/** Group number n has id `g<n>`, name `<n>组`, leader `L<n>`. */
function g(number: number, partyMembers: number, leader: Leader, neighbours: number[] = []): GroupFacts {
  return {
    id: `g${number}`,
    number,
    name: `${number}组`,
    leaderId: leader === '-' ? null : `L${number}`,
    leaderIsPartyMember: leader === 'P',
    partyMemberCount: partyMembers,
    neighbours: neighbours.map((n) => `g${n}`),
  }
}

function form(groups: GroupFacts[], extra: Omit<FormationInput, 'groups'> = {}): FormationResult {
  return formPartyGroups({ groups, ...extra })
}

function pgOf(result: FormationResult, groupId: string): PartyGroupResult {
  const found = result.partyGroups.find((pg) => pg.groupIds.includes(groupId))
  if (!found) throw new Error(`${groupId} is in no Party group`)
  return found
}

function reasonsOf(result: FormationResult, groupId: string): string[] {
  return pgOf(result, groupId)
    .reasons.filter((r) => r.groupId === groupId)
    .map((r) => `${r.code}:${r.message}`)
}

const AT = '2025-03-01T09:00:00+08:00'
const BY = 'secretary-1'

function move(groupId: string, toGroupId: string, at = AT): MoveGroupOverride {
  return { kind: 'MOVE_GROUP', groupId, toGroupId, by: BY, at, why: '村民意愿' }
}

function appoint(partyGroupId: string, leaderId: string, at = AT): AppointLeaderOverride {
  return { kind: 'APPOINT_LEADER', partyGroupId, leaderId, by: BY, at, why: '党员大会推选' }
}

/** Deterministic shuffle (a small LCG) so failures reproduce. */
function shuffled<T>(items: readonly T[], seed: number): T[] {
  const copy = [...items]
  let state = seed
  for (let i = copy.length - 1; i > 0; i -= 1) {
    state = (state * 1103515245 + 12345) % 2147483648
    const j = state % (i + 1)
    ;[copy[i], copy[j]] = [copy[j] as T, copy[i] as T]
  }
  return copy
}

// ---- pass 1 --------------------------------------------------------------------------------

describe('pass 1: a group that can stand alone forms its own Party group', () => {
  it('forms pg-<group> led by the group leader with the OWN_GROUP reason', () => {
    const result = form([g(1, 3, 'P')])
    expect(result.partyGroups).toEqual([
      {
        id: 'pg-g1',
        anchorGroupId: 'g1',
        origin: 'OWN_GROUP',
        groupIds: ['g1'],
        leaderId: 'L1',
        crossGroup: false,
        partyMemberCount: 3,
        reasons: [{ groupId: 'g1', code: 'OWN_GROUP', message: '以村民小组为单位建立党小组' }],
        flags: [],
        appliedOverrides: [],
      },
    ])
    expect(result.uncovered).toEqual([])
  })

  it('does not let a group with fewer than 3 Party members stand alone (党员少于3名)', () => {
    const result = form([g(1, 2, 'P'), g(2, 4, 'P', [1])])
    expect(pgOf(result, 'g1').id).toBe('pg-g2')
    expect(reasonsOf(result, 'g1')).toEqual(['TOO_FEW_PARTY_MEMBERS:党员少于3名', 'JOINED_NEIGHBOUR:与2组跨组设立'])
  })

  it('does not let a group whose leader is not a Party member stand alone (村民小组长不是党员)', () => {
    const result = form([g(1, 7, 'N', [2]), g(2, 3, 'P')])
    expect(pgOf(result, 'g1').id).toBe('pg-g2')
    expect(pgOf(result, 'g1').leaderId).toBe('L2')
    expect(reasonsOf(result, 'g1')).toEqual(['LEADER_NOT_PARTY_MEMBER:村民小组长不是党员', 'JOINED_NEIGHBOUR:与2组跨组设立'])
  })

  it('counts a vacant leader post as a leader who is not a Party member, whatever the flag says', () => {
    const vacant: GroupFacts = { ...g(1, 6, '-', [2]), leaderIsPartyMember: true }
    const result = form([vacant, g(2, 3, 'P')])
    expect(pgOf(result, 'g1').id).toBe('pg-g2')
    expect(reasonsOf(result, 'g1')).toEqual(['LEADER_NOT_PARTY_MEMBER:村民小组长不是党员', 'JOINED_NEIGHBOUR:与2组跨组设立'])
  })

  it('lists both weaknesses when a group has both', () => {
    const result = form([g(1, 1, 'N', [2]), g(2, 3, 'P')])
    expect(reasonsOf(result, 'g1')).toEqual(['TOO_FEW_PARTY_MEMBERS:党员少于3名', 'LEADER_NOT_PARTY_MEMBER:村民小组长不是党员', 'JOINED_NEIGHBOUR:与2组跨组设立'])
  })
})

// ---- pass 2 --------------------------------------------------------------------------------

describe('pass 2: weak groups join a neighbouring Party group (跨组设立)', () => {
  it('lets a chain of weak groups reach a Party group through its neighbours', () => {
    // A strong – B weak – C weak
    const result = form([g(1, 3, 'P', [2]), g(2, 0, 'N', [3]), g(3, 1, 'P')])
    const pg = pgOf(result, 'g3')
    expect(pg).toMatchObject({ id: 'pg-g1', groupIds: ['g1', 'g2', 'g3'], leaderId: 'L1', crossGroup: true, partyMemberCount: 4 })
    expect(reasonsOf(result, 'g2')).toEqual(['TOO_FEW_PARTY_MEMBERS:党员少于3名', 'LEADER_NOT_PARTY_MEMBER:村民小组长不是党员', 'JOINED_NEIGHBOUR:与1组跨组设立'])
    expect(reasonsOf(result, 'g3')).toEqual(['TOO_FEW_PARTY_MEMBERS:党员少于3名', 'JOINED_NEIGHBOUR:与2组跨组设立'])
    expect(reasonsOf(result, 'g1')).toEqual(['OWN_GROUP:以村民小组为单位建立党小组'])
  })

  it('names the neighbour by its name, adding 组 only when missing, or by number when unnamed', () => {
    const named: GroupFacts = { ...g(1, 3, 'P', [2, 3]), name: '东风' }
    const unnamed: GroupFacts = { ...g(2, 0, 'N') }
    delete unnamed.name
    const result = form([named, unnamed, g(3, 0, 'N')])
    expect(reasonsOf(result, 'g2')).toContain('JOINED_NEIGHBOUR:与东风组跨组设立')
    const viaUnnamed = form([g(1, 3, 'P', [2]), unnamed, { ...g(3, 0, 'N', [2]) }])
    expect(reasonsOf(viaUnnamed, 'g3')).toContain('JOINED_NEIGHBOUR:与2组跨组设立')
  })

  it('joins through the lowest-numbered neighbour of the chosen Party group', () => {
    // g4 touches g2 and g3, both already in pg-g1 after round 1.
    const result = form([g(1, 3, 'P', [2, 3]), g(2, 0, 'N', [4]), g(3, 0, 'N', [4]), g(4, 0, 'N')])
    expect(reasonsOf(result, 'g4')).toContain('JOINED_NEIGHBOUR:与2组跨组设立')
  })

  it('tie-break 1: prefers the Party group with the fewest groups', () => {
    // pg-g1 grows to 3 groups (g1, g3, g5) in round 1, pg-g2 to 2 (g2, g4); g6 touches g3 and g4.
    const result = form([g(1, 8, 'P', [3, 5]), g(2, 3, 'P', [4]), g(3, 0, 'N', [6]), g(4, 0, 'N', [6]), g(5, 0, 'N'), g(6, 0, 'N')])
    expect(pgOf(result, 'g6').id).toBe('pg-g2')
    expect(reasonsOf(result, 'g6')).toContain('JOINED_NEIGHBOUR:与4组跨组设立')
  })

  it('tie-break 2: with equal sizes, prefers the most Party members', () => {
    const result = form([g(1, 3, 'P', [3]), g(2, 5, 'P', [3]), g(3, 0, 'N')])
    expect(pgOf(result, 'g3').id).toBe('pg-g2')
  })

  it('tie-break 3: with equal sizes and Party members, prefers the lowest group number (not id, not input order)', () => {
    const low: GroupFacts = { ...g(1, 4, 'P'), id: 'z-low' }
    const high: GroupFacts = { ...g(2, 4, 'P'), id: 'a-high' }
    const weak: GroupFacts = { ...g(3, 0, 'N'), neighbours: ['a-high', 'z-low'] }
    const result = form([weak, high, low])
    expect(pgOf(result, 'g3').id).toBe('pg-z-low')
  })

  it('decides each round on the start-of-round state (two joiners in one round both pick the same group)', () => {
    // g3 and g4 each touch pg-g1 and pg-g2 (equal). Deciding one after the other would send the second
    // to pg-g2 (fewer groups by then); start-of-round state sends both to pg-g1 (lowest number).
    const result = form([g(1, 3, 'P', [3, 4]), g(2, 3, 'P', [3, 4]), g(3, 0, 'N'), g(4, 0, 'N')])
    expect(pgOf(result, 'g3').id).toBe('pg-g1')
    expect(pgOf(result, 'g4').id).toBe('pg-g1')
    expect(pgOf(result, 'g2').groupIds).toEqual(['g2'])
  })

  it('treats adjacency as symmetric: a neighbour listed on one side only still counts', () => {
    const result = form([g(1, 3, 'P'), g(2, 1, 'N', [1])])
    expect(pgOf(result, 'g2').id).toBe('pg-g1')
  })

  it('ignores neighbour ids outside the village and self-loops without crashing', () => {
    const result = form([g(1, 1, 'P', [1, 99]), { ...g(2, 3, 'P'), neighbours: ['elsewhere'] }])
    expect(result.partyGroups.map((pg) => pg.id)).toEqual(['pg-g2'])
    expect(result.uncovered.map((u) => u.groupId)).toEqual(['g1'])
  })
})

// ---- pass 3 --------------------------------------------------------------------------------

describe('pass 3: leftover weak groups merge with weak neighbours', () => {
  it('leaves an isolated weak group uncovered, saying it has no neighbour on record', () => {
    const result = form([g(1, 2, 'P'), g(2, 3, 'P')])
    expect(result.uncovered).toEqual([
      {
        groupId: 'g1',
        reason: { code: 'NO_NEIGHBOURS', message: '没有登记相邻小组，无法跨组设立' },
        weaknesses: [{ code: 'TOO_FEW_PARTY_MEMBERS', message: '党员少于3名' }],
      },
    ])
  })

  it('leaves a weak group whose neighbours are all weak and too few uncovered with 临近小组党员不足', () => {
    const result = form([g(1, 1, 'P', [2]), g(2, 1, 'P', [1])])
    expect(result.uncovered.map((u) => [u.groupId, u.reason.code, u.reason.message])).toEqual([
      ['g1', 'NEIGHBOURS_TOO_FEW_PARTY_MEMBERS', '临近小组党员不足'],
      ['g2', 'NEIGHBOURS_TOO_FEW_PARTY_MEMBERS', '临近小组党员不足'],
    ])
  })

  it('merges two weak neighbours, anchored at the lower number, led by the Party-member leader with most members', () => {
    const result = form([g(1, 1, 'P', [2]), g(2, 2, 'P')])
    expect(result.partyGroups).toHaveLength(1)
    const pg = pgOf(result, 'g1')
    expect(pg).toMatchObject({
      id: 'pg-g1',
      anchorGroupId: 'g1',
      origin: 'MERGED',
      groupIds: ['g1', 'g2'],
      leaderId: 'L2',
      crossGroup: true,
      partyMemberCount: 3,
      flags: [],
    })
    expect(reasonsOf(result, 'g1')).toEqual(['TOO_FEW_PARTY_MEMBERS:党员少于3名', 'JOINED_NEIGHBOUR:与2组跨组设立'])
    expect(reasonsOf(result, 'g2')).toEqual(['TOO_FEW_PARTY_MEMBERS:党员少于3名', 'JOINED_NEIGHBOUR:与1组跨组设立'])
  })

  it('breaks a leader tie by the lowest group number', () => {
    const result = form([g(1, 1, 'N', [2]), g(2, 1, 'P', [3]), g(3, 1, 'P')])
    expect(pgOf(result, 'g1')).toMatchObject({ groupIds: ['g1', 'g2', 'g3'], leaderId: 'L2' })
  })

  it('leaves the leader empty and flags 待指定党小组长 when no group leader is a Party member', () => {
    const result = form([g(1, 1, 'N', [2]), g(2, 2, '-')])
    const pg = pgOf(result, 'g1')
    expect(pg.leaderId).toBeNull()
    expect(pg.flags).toEqual([{ code: 'LEADER_TO_BE_APPOINTED', message: '待指定党小组长' }])
    expect(result.stats.leaderToBeAppointed).toBe(1)
  })

  it('leaves a weak set that cannot reach 3 Party members uncovered', () => {
    const result = form([g(1, 1, 'P', [2]), g(2, 1, 'N')])
    expect(result.partyGroups).toEqual([])
    expect(result.uncovered.map((u) => [u.groupId, u.reason.code])).toEqual([
      ['g1', 'NEIGHBOURS_TOO_FEW_PARTY_MEMBERS'],
      ['g2', 'NEIGHBOURS_TOO_FEW_PARTY_MEMBERS'],
    ])
  })

  it('merges breadth-first in group-number order and stops at 3 Party members', () => {
    // g1 touches g3, g2, g5; BFS takes g1, g2, g3 (3 members) and stops before g5.
    const result = form([g(1, 1, 'N', [3, 2, 5]), g(2, 1, 'N'), g(3, 1, 'N'), g(5, 1, 'N')])
    const pg = pgOf(result, 'g1')
    expect(pg.partyMemberCount).toBeGreaterThanOrEqual(3)
    // g5 could not reach 3 on its own, so it joined the merged Party group next to it.
    expect(pg.groupIds).toEqual(['g1', 'g2', 'g3', 'g5'])
    expect(reasonsOf(result, 'g5')).toContain('JOINED_NEIGHBOUR:与1组跨组设立')
  })

  it('forms as many merged Party groups as possible before leftovers join them', () => {
    const result = form([g(1, 2, 'N', [2]), g(2, 1, 'N', [3]), g(3, 2, 'N', [4]), g(4, 1, 'N')])
    expect(result.partyGroups.map((pg) => [pg.id, pg.groupIds])).toEqual([
      ['pg-g1', ['g1', 'g2']],
      ['pg-g3', ['g3', 'g4']],
    ])
  })

  it('lets a leftover set that cannot reach 3 join an adjacent merged Party group, through its chain', () => {
    // {g1,g2} merge; g3 (0) – g4 (1) cannot reach 3, so g3 joins through g2 and g4 through g3.
    const result = form([g(1, 2, 'N', [2]), g(2, 1, 'P', [3]), g(3, 0, 'N', [4]), g(4, 1, 'N')])
    const pg = pgOf(result, 'g4')
    expect(pg).toMatchObject({ id: 'pg-g1', groupIds: ['g1', 'g2', 'g3', 'g4'], leaderId: 'L2' })
    expect(reasonsOf(result, 'g3')).toContain('JOINED_NEIGHBOUR:与2组跨组设立')
    expect(reasonsOf(result, 'g4')).toContain('JOINED_NEIGHBOUR:与3组跨组设立')
    expect(result.uncovered).toEqual([])
  })

  it("lets a joining leftover with a Party-member leader fill a merged Party group's vacant leader post", () => {
    // {g1,g2} merge without a Party-member leader; g3 (1 member, Party leader) joins it.
    const result = form([g(1, 2, 'N', [2]), g(2, 1, '-', [3]), g(3, 1, 'P')])
    expect(pgOf(result, 'g3')).toMatchObject({ id: 'pg-g1', leaderId: 'L3', flags: [] })
  })

  it('covers a weak group with ≥ 3 members but a non-member leader on its own when no neighbour is covered', () => {
    const result = form([g(1, 4, 'N', [2]), g(2, 0, 'N')])
    const pg = pgOf(result, 'g1')
    expect(pg).toMatchObject({ id: 'pg-g1', origin: 'MERGED', groupIds: ['g1', 'g2'], leaderId: null })
    expect(reasonsOf(result, 'g1')).toEqual(['LEADER_NOT_PARTY_MEMBER:村民小组长不是党员', 'JOINED_NEIGHBOUR:与2组跨组设立'])
    const alone = form([g(1, 4, 'N')])
    expect(alone.partyGroups[0]).toMatchObject({ groupIds: ['g1'], crossGroup: false, leaderId: null })
    expect(reasonsOf(alone, 'g1')).toEqual(['LEADER_NOT_PARTY_MEMBER:村民小组长不是党员'])
  })

  it('prefers pass 2 over pass 3: a weak group next to a Party group joins it rather than merging', () => {
    const result = form([g(1, 3, 'P', [2]), g(2, 2, 'P', [3]), g(3, 2, 'P')])
    expect(result.partyGroups.map((pg) => pg.groupIds)).toEqual([['g1', 'g2', 'g3']])
  })
})

// ---- determinism ---------------------------------------------------------------------------

describe('same input, same output', () => {
  const village = [
    g(1, 3, 'P', [2, 4]),
    g(2, 0, 'N', [3]),
    g(3, 1, 'P', [7]),
    g(4, 2, 'N', [5]),
    g(5, 5, 'P', [6]),
    g(6, 1, '-', [9]),
    g(7, 1, 'N', [8]),
    g(8, 1, 'P'),
    g(9, 0, 'N'),
    g(10, 2, 'P'),
  ]

  it('gives a deep-equal result for shuffled groups and shuffled neighbour lists', () => {
    const expected = form(village)
    for (const seed of [1, 7, 42, 2025]) {
      const shuffledVillage = shuffled(village, seed).map((group, i) => ({ ...group, neighbours: shuffled(group.neighbours, seed + i) }))
      expect(form(shuffledVillage)).toEqual(expected)
    }
  })

  it('gives the same result for shuffled overrides', () => {
    const overrides = [appoint('pg-g1', 'M2', '2025-01-02'), appoint('pg-g1', 'M3', '2025-01-01'), move('g9', 'g5', '2025-01-03')]
    const partyMembers = [
      { id: 'M2', groupId: 'g2' },
      { id: 'M3', groupId: 'g3' },
    ]
    const expected = form(village, { overrides, partyMembers })
    expect(form(village, { overrides: [...overrides].reverse(), partyMembers: [...partyMembers].reverse() })).toEqual(expected)
  })

  it('does not modify its input', () => {
    const copy = JSON.parse(JSON.stringify(village)) as GroupFacts[]
    form(village, { overrides: [move('g9', 'g1')] })
    expect(village).toEqual(copy)
  })

  it('keeps Party-group ids stable when an unrelated group changes', () => {
    const before = form(village).partyGroups.map((pg) => pg.id)
    const changed = village.map((group) => (group.id === 'g10' ? { ...group, partyMemberCount: 1 } : group))
    expect(form(changed).partyGroups.map((pg) => pg.id)).toEqual(before)
  })
})

// ---- overrides -----------------------------------------------------------------------------

describe('overrides by the village secretary', () => {
  // pg-g1 = g1 (strong) + g3 (weak); pg-g2 = g2 (strong). g3 touches both; computed: pg-g1 (lowest number).
  const base = [g(1, 3, 'P', [3]), g(2, 3, 'P', [3]), g(3, 1, 'N')]
  const members = [
    { id: 'L1', groupId: 'g1' },
    { id: 'M3', groupId: 'g3' },
    { id: 'L2', groupId: 'g2' },
  ]

  it('APPOINT_LEADER: appoints another Party member of the Party group and records it', () => {
    const override = appoint('pg-g1', 'M3')
    const result = form(base, { overrides: [override], partyMembers: members })
    expect(pgOf(result, 'g1')).toMatchObject({ leaderId: 'M3', appliedOverrides: [override] })
    expect(result.overrideIssues).toEqual([])
  })

  it('APPOINT_LEADER: fills a leader post flagged 待指定党小组长 and clears the flag', () => {
    const groups = [g(1, 1, 'N', [2]), g(2, 2, 'N')]
    const result = form(groups, { overrides: [appoint('pg-g1', 'M2')], partyMembers: [{ id: 'M2', groupId: 'g2' }] })
    expect(pgOf(result, 'g1')).toMatchObject({ leaderId: 'M2', flags: [] })
    expect(result.stats.leaderToBeAppointed).toBe(0)
  })

  it('APPOINT_LEADER: flags it when the appointee is no longer a Party member of the Party group', () => {
    const override = appoint('pg-g1', 'M3')
    const movedAway = [{ id: 'M3', groupId: 'g2' }]
    const result = form(base, { overrides: [override], partyMembers: movedAway })
    expect(pgOf(result, 'g1').leaderId).toBe('L1')
    expect(result.overrideIssues).toEqual([
      {
        override,
        code: 'OVERRIDE_INVALID',
        problem: 'APPOINTEE_NOT_MEMBER',
        message: '被指定人已不是该党小组党员',
      },
    ])
    const leftTheParty = form(base, { overrides: [override], partyMembers: [] })
    expect(leftTheParty.overrideIssues.map((i) => i.problem)).toEqual(['APPOINTEE_NOT_MEMBER'])
  })

  it('APPOINT_LEADER: flags it when the Party group no longer exists', () => {
    const override = appoint('pg-g1', 'L1')
    const weakened = base.map((group) => (group.id === 'g1' ? { ...group, partyMemberCount: 2 } : group))
    const result = form(weakened, { overrides: [override], partyMembers: members })
    expect(result.overrideIssues).toEqual([expect.objectContaining({ override, problem: 'PARTY_GROUP_GONE', message: '该党小组已不存在' })])
  })

  it('APPOINT_LEADER: a later appointment supersedes an earlier one, which is reported, not dropped', () => {
    const first = appoint('pg-g1', 'M3', '2025-01-01')
    const second = appoint('pg-g1', 'L1', '2025-02-01')
    const result = form(base, { overrides: [second, first], partyMembers: members })
    expect(pgOf(result, 'g1')).toMatchObject({ leaderId: 'L1', appliedOverrides: [second] })
    expect(result.overrideIssues).toEqual([{ override: first, code: 'OVERRIDE_SUPERSEDED', problem: 'SUPERSEDED', message: '已被之后的调整取代' }])
  })

  it('MOVE_GROUP: moves a weak group to another neighbouring Party group, keeping its leader', () => {
    const override = move('g3', 'g2')
    const result = form(base, { overrides: [override] })
    expect(pgOf(result, 'g3')).toMatchObject({ id: 'pg-g2', groupIds: ['g2', 'g3'], leaderId: 'L2', partyMemberCount: 4, appliedOverrides: [override] })
    expect(pgOf(result, 'g1')).toMatchObject({ groupIds: ['g1'], crossGroup: false, partyMemberCount: 3 })
    expect(reasonsOf(result, 'g3')).toEqual([
      'TOO_FEW_PARTY_MEMBERS:党员少于3名',
      'LEADER_NOT_PARTY_MEMBER:村民小组长不是党员',
      'JOINED_NEIGHBOUR:与2组跨组设立',
      'MOVED_BY_SECRETARY:由村党组织书记调整',
    ])
    expect(result.overrideIssues).toEqual([])
  })

  it('MOVE_GROUP: flags it when the group can now stand alone (该组已能单独成立党小组)', () => {
    const override = move('g3', 'g2')
    const strengthened = base.map((group) => (group.id === 'g3' ? { ...group, partyMemberCount: 3, leaderIsPartyMember: true } : group))
    const result = form(strengthened, { overrides: [override] })
    expect(pgOf(result, 'g3').id).toBe('pg-g3')
    expect(result.overrideIssues).toEqual([
      {
        override,
        code: 'OVERRIDE_INVALID',
        problem: 'GROUP_CAN_STAND_ALONE',
        message: '该组已能单独成立党小组',
      },
    ])
  })

  it('MOVE_GROUP: flags it when the group no longer touches the target Party group (该组已不与目标党小组相邻)', () => {
    const override = move('g3', 'g2')
    const redrawn = [g(1, 3, 'P', [3]), g(2, 3, 'P'), g(3, 1, 'N')]
    const result = form(redrawn, { overrides: [override] })
    expect(pgOf(result, 'g3').id).toBe('pg-g1')
    expect(result.overrideIssues).toEqual([
      {
        override,
        code: 'OVERRIDE_INVALID',
        problem: 'NOT_ADJACENT',
        message: '该组已不与目标党小组相邻',
      },
    ])
  })

  it('MOVE_GROUP: flags it when the group or the target Party group is gone', () => {
    const gone = move('g9', 'g2')
    const noTarget = move('g3', 'g8')
    const result = form(base, { overrides: [gone, noTarget] })
    expect(result.overrideIssues.map((i) => [i.override, i.problem, i.message])).toEqual([
      [noTarget, 'TARGET_NOT_COVERED', '目标组已不在任何党小组'],
      [gone, 'GROUP_GONE', '该组已不存在'],
    ])
  })

  it('MOVE_GROUP: refuses to move the anchor of a merged Party group (its id would change)', () => {
    // Two merges side by side: pg-g1 = {g1, g2}, pg-g3 = {g3, g4}; g1 touches g3.
    const groups = [g(1, 1, 'N', [2, 3]), g(2, 2, 'N'), g(3, 2, 'N', [4]), g(4, 1, 'N')]
    expect(form(groups).partyGroups.map((pg) => [pg.id, pg.groupIds])).toEqual([
      ['pg-g1', ['g1', 'g2']],
      ['pg-g3', ['g3', 'g4']],
    ])
    const override = move('g1', 'g3')
    const result = form(groups, { overrides: [override] })
    expect(result.overrideIssues).toEqual([
      {
        override,
        code: 'OVERRIDE_INVALID',
        problem: 'ANCHOR_CANNOT_MOVE',
        message: '该组是原党小组的牵头组，不能移出',
      },
    ])
    expect(pgOf(result, 'g1').id).toBe('pg-g1')
  })

  it('MOVE_GROUP: refuses a move that leaves the old Party group below 3 Party members', () => {
    // A path g1(1) – g2(1) – g3(1) – g4(2) – g5(1): merges {g1, g2, g3} and {g4, g5}.
    const groups = [g(1, 1, 'N', [2]), g(2, 1, 'N', [3]), g(3, 1, 'N', [4]), g(4, 2, 'N', [5]), g(5, 1, 'N')]
    expect(form(groups).partyGroups.map((pg) => pg.groupIds)).toEqual([
      ['g1', 'g2', 'g3'],
      ['g4', 'g5'],
    ])
    const result = form(groups, { overrides: [move('g3', 'g4')] })
    expect(result.overrideIssues.map((i) => [i.problem, i.message])).toEqual([['SOURCE_TOO_FEW_PARTY_MEMBERS', '移出后原党小组党员少于3名']])
    expect(pgOf(result, 'g3').id).toBe('pg-g1')
  })

  it('MOVE_GROUP: refuses a move that splits the old Party group in two', () => {
    // {g1, g2} merge; {g3, g4} merge; g5 joins through g4. Moving g4 would cut g5 off from g3.
    const groups = [g(1, 2, 'N', [2]), g(2, 1, 'N', [3, 4]), g(3, 2, 'N', [4]), g(4, 2, 'N', [5]), g(5, 1, 'N')]
    expect(form(groups).partyGroups.map((pg) => pg.groupIds)).toEqual([
      ['g1', 'g2'],
      ['g3', 'g4', 'g5'],
    ])
    const result = form(groups, { overrides: [move('g4', 'g2')] })
    expect(result.overrideIssues.map((i) => [i.problem, i.message])).toEqual([['SOURCE_DISCONNECTED', '移出后原党小组不再相连']])
    expect(pgOf(result, 'g4').id).toBe('pg-g3')
  })

  it('MOVE_GROUP: a later move of the same group supersedes an earlier one', () => {
    const there = move('g3', 'g2', '2025-01-01')
    const back = move('g3', 'g1', '2025-02-01')
    const result = form(base, { overrides: [back, there] })
    expect(pgOf(result, 'g3')).toMatchObject({ id: 'pg-g1', appliedOverrides: [back] })
    expect(pgOf(result, 'g2').appliedOverrides).toEqual([])
    expect(result.overrideIssues).toEqual([expect.objectContaining({ override: there, code: 'OVERRIDE_SUPERSEDED' })])
    // Back where the rules put it: not reported as moved.
    expect(reasonsOf(result, 'g3')).not.toContain('MOVED_BY_SECRETARY:由村党组织书记调整')
  })

  it('MOVE_GROUP: an invalid override leaves the computed result untouched', () => {
    const plain = form(base)
    const result = form(base, { overrides: [move('g3', 'g9')] })
    expect({ ...result, overrideIssues: [] }).toEqual(plain)
    expect(result.overrideIssues).toHaveLength(1)
  })

  it('applies moves before appointments, so an appointee who moved out with their group is flagged', () => {
    const result = form(base, { overrides: [appoint('pg-g1', 'M3', '2025-01-01'), move('g3', 'g2', '2025-02-01')], partyMembers: members })
    expect(pgOf(result, 'g3').id).toBe('pg-g2')
    expect(pgOf(result, 'g1').leaderId).toBe('L1')
    expect(result.overrideIssues.map((i) => i.problem)).toEqual(['APPOINTEE_NOT_MEMBER'])
  })

  it("re-chooses a merged Party group's leader when the leader's group is moved out", () => {
    // pg-g1 = {g1, g2}; pg-g3 = {g3, g4}; g6 (the only Party-member leader) cannot reach 3 alone and
    // joins pg-g3 (more Party members than pg-g1); the secretary moves it to pg-g1, which it also touches.
    const groups = [g(1, 2, 'N', [2]), g(2, 1, 'N', [6]), g(3, 2, 'N', [4]), g(4, 2, 'N', [6]), g(6, 1, 'P')]
    const computed = form(groups)
    expect(computed.partyGroups.map((pg) => [pg.groupIds, pg.leaderId])).toEqual([
      [['g1', 'g2'], null],
      [['g3', 'g4', 'g6'], 'L6'],
    ])
    const result = form(groups, { overrides: [move('g6', 'g1')] })
    expect(result.partyGroups.map((pg) => [pg.groupIds, pg.leaderId])).toEqual([
      [['g1', 'g2', 'g6'], 'L6'],
      [['g3', 'g4'], null],
    ])
    expect(pgOf(result, 'g3').flags.map((f) => f.code)).toEqual(['LEADER_TO_BE_APPOINTED'])
  })
})

// ---- stats ---------------------------------------------------------------------------------

describe('stats and coverage', () => {
  it('counts Party groups, cross-group ones, coverage and leader vacancies', () => {
    const result = form([
      g(1, 3, 'P', [2]),
      g(2, 0, 'N'), // pg-g1 cross-group
      g(3, 4, 'P'), // pg-g3 own
      g(4, 1, 'N', [5]),
      g(5, 2, 'N'), // pg-g4 merged, no leader
      g(6, 1, 'P'), // uncovered
    ])
    expect(result.stats).toEqual({ groups: 6, partyGroups: 3, crossGroup: 2, coverage: 5 / 6, uncovered: 1, leaderToBeAppointed: 1 })
  })

  it('reports full coverage for an empty village', () => {
    expect(form([])).toEqual({
      partyGroups: [],
      uncovered: [],
      overrideIssues: [],
      stats: { groups: 0, partyGroups: 0, crossGroup: 0, coverage: 1, uncovered: 0, leaderToBeAppointed: 0 },
    })
  })

  it('reports zero coverage when nothing can be covered', () => {
    expect(form([g(1, 0, 'N'), g(2, 2, 'P')]).stats.coverage).toBe(0)
  })
})

// ---- roster helpers ------------------------------------------------------------------------

describe('groupFactsFrom', () => {
  const groups = [
    { id: 'a', number: 1, name: '1组', leaderId: 'p1', neighbours: ['b'] },
    { id: 'b', number: 2, leaderId: 'v1', neighbours: [] },
    { id: 'c', number: 3, leaderId: null, neighbours: [] },
  ]
  const members = [
    { id: 'p1', groupId: 'a', partyMember: true },
    { id: 'p2', groupId: 'a', partyMember: true },
    { id: 'p3', groupId: 'b', partyMember: true },
    { id: 'v1', groupId: 'b', partyMember: false },
    { id: 'p4', groupId: 'elsewhere', partyMember: true },
  ]

  it('counts Party members by household group and checks whether the leader is one', () => {
    expect(groupFactsFrom(groups, members)).toEqual([
      { id: 'a', number: 1, name: '1组', leaderId: 'p1', leaderIsPartyMember: true, partyMemberCount: 2, neighbours: ['b'] },
      { id: 'b', number: 2, leaderId: 'v1', leaderIsPartyMember: false, partyMemberCount: 1, neighbours: [] },
      { id: 'c', number: 3, leaderId: null, leaderIsPartyMember: false, partyMemberCount: 0, neighbours: [] },
    ])
  })

  it('lists Party members once each for appointment checks', () => {
    expect(partyMemberFactsFrom([...members, { id: 'p1', groupId: 'b', partyMember: true }])).toEqual([
      { id: 'p1', groupId: 'a' },
      { id: 'p2', groupId: 'a' },
      { id: 'p3', groupId: 'b' },
      { id: 'p4', groupId: 'elsewhere' },
    ])
  })
})
