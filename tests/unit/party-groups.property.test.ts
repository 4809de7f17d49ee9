import { describe, expect, it } from '@jest/globals'
import fc from 'fast-check'
import { formPartyGroups, type FormationResult, type GroupFacts, type Override, type PartyMemberFact } from '../../cloudfunctions/shared/domain/party-groups'

// ---- generators ----------------------------------------------------------------------------

type Leader = 'P' | 'N' | '-'

interface Village {
  groups: GroupFacts[]
  partyMembers: PartyMemberFact[]
}

/** 1–40 groups, unique numbers in random order, 0–8 Party members, random symmetric adjacency
 *  (each edge listed on one side or both), leaders Party members, not, or vacant. */
const villageArb: fc.Arbitrary<Village> = fc.integer({ min: 1, max: 40 }).chain((size) =>
  fc
    .record({
      numbers: fc.shuffledSubarray(
        Array.from({ length: size * 2 }, (_, i) => i + 1),
        { minLength: size, maxLength: size },
      ),
      counts: fc.array(fc.integer({ min: 0, max: 8 }), { minLength: size, maxLength: size }),
      leaders: fc.array(fc.constantFrom<Leader>('P', 'N', '-'), { minLength: size, maxLength: size }),
      edges: fc.array(fc.tuple(fc.nat(size - 1), fc.nat(size - 1), fc.constantFrom('first', 'second', 'both')), { maxLength: size * 3 }),
    })
    .map(({ numbers, counts, leaders, edges }) => buildVillage(numbers, counts, leaders, edges)),
)

function buildVillage(numbers: number[], counts: number[], leaders: Leader[], edges: [number, number, string][]): Village {
  const groups: GroupFacts[] = numbers.map((number, i) => {
    const leader = leaders[i] ?? '-'
    // A Party-member leader is one of the group's Party members.
    const partyMemberCount = leader === 'P' ? Math.max(1, counts[i] ?? 0) : (counts[i] ?? 0)
    return {
      id: `grp-${i}`,
      number,
      leaderId: leader === '-' ? null : `leader-${i}`,
      leaderIsPartyMember: leader === 'P',
      partyMemberCount,
      neighbours: [],
    }
  })
  for (const [a, b, side] of edges) {
    const first = groups[a]
    const second = groups[b]
    if (!first || !second) continue
    if (side !== 'second') first.neighbours.push(second.id)
    if (side !== 'first') second.neighbours.push(first.id)
  }
  const partyMembers = groups.flatMap((group, i) =>
    Array.from({ length: group.partyMemberCount }, (_, k) => ({
      id: k === 0 && group.leaderIsPartyMember ? `leader-${i}` : `member-${i}-${k}`,
      groupId: group.id,
    })),
  )
  return { groups, partyMembers }
}

/** Overrides that point at groups, Party groups and people of the village, valid or not. */
function overridesArb(village: Village): fc.Arbitrary<Override[]> {
  const groupIds = village.groups.map((group) => group.id)
  const people = ['nobody', ...village.partyMembers.map((member) => member.id)]
  const at = fc.integer({ min: 1, max: 28 }).map((day) => `2025-02-${String(day).padStart(2, '0')}T08:00:00Z`)
  const neighbours = adjacency(village.groups)
  // Half the moves aim at a neighbour (more of them valid), half anywhere.
  const move = fc.constantFrom(...groupIds).chain((groupId) =>
    fc.record({
      kind: fc.constant('MOVE_GROUP' as const),
      groupId: fc.constant(groupId),
      toGroupId: fc.constantFrom(...groupIds, ...Array.from(neighbours.get(groupId) ?? []).flatMap((n) => [n, n, n])),
      by: fc.constant('secretary'),
      at,
      why: fc.constant('村民意愿'),
    }),
  )
  const appoint = fc.record({
    kind: fc.constant('APPOINT_LEADER' as const),
    partyGroupId: fc.constantFrom(...groupIds.map((id) => `pg-${id}`)),
    leaderId: fc.constantFrom(...people),
    by: fc.constant('secretary'),
    at,
    why: fc.constant('党员大会推选'),
  })
  return fc.array(fc.oneof(move, appoint), { maxLength: 6 })
}

const villageWithOverridesArb = villageArb.chain((village) => overridesArb(village).map((overrides) => ({ ...village, overrides })))

// ---- helpers -------------------------------------------------------------------------------

function adjacency(groups: readonly GroupFacts[]): Map<string, Set<string>> {
  const map = new Map(groups.map((group) => [group.id, new Set<string>()]))
  for (const group of groups) {
    for (const other of group.neighbours) {
      if (other === group.id) continue
      map.get(group.id)?.add(other)
      map.get(other)?.add(group.id)
    }
  }
  return map
}

function isConnected(ids: readonly string[], neighbours: Map<string, Set<string>>): boolean {
  const inSet = new Set(ids)
  const start = ids[0]
  if (start === undefined) return false
  const reached = new Set([start])
  const queue = [start]
  for (const current of queue) {
    for (const next of neighbours.get(current) ?? []) {
      if (inSet.has(next) && !reached.has(next)) {
        reached.add(next)
        queue.push(next)
      }
    }
  }
  return reached.size === inSet.size
}

function partyMembersIn(ids: readonly string[], groups: readonly GroupFacts[]): number {
  const set = new Set(ids)
  return groups.filter((group) => set.has(group.id)).reduce((sum, group) => sum + group.partyMemberCount, 0)
}

function canStandAlone(group: GroupFacts): boolean {
  return group.partyMemberCount >= 3 && group.leaderId !== null && group.leaderIsPartyMember
}

/** Invariants that hold with or without overrides, as a list of broken ones (one expect per run keeps it fast). */
function brokenInvariants(groups: readonly GroupFacts[], result: FormationResult): string[] {
  const broken: string[] = []
  const check = (ok: boolean, what: string): void => {
    if (!ok) broken.push(what)
  }
  const neighbours = adjacency(groups)
  const placed = result.partyGroups.flatMap((pg) => pg.groupIds)
  const uncovered = result.uncovered.map((u) => u.groupId)
  check(new Set(placed).size === placed.length, 'a group is in more than one Party group')
  const accounted = [...placed, ...uncovered].sort()
  const all = groups.map((group) => group.id).sort()
  check(JSON.stringify(accounted) === JSON.stringify(all), 'groups dropped or listed twice')
  for (const pg of result.partyGroups) {
    check(pg.groupIds.includes(pg.anchorGroupId) && pg.id === `pg-${pg.anchorGroupId}`, `${pg.id}: id not derived from its anchor`)
    check(isConnected(pg.groupIds, neighbours), `${pg.id}: not connected`)
    check(pg.partyMemberCount === partyMembersIn(pg.groupIds, groups), `${pg.id}: wrong Party-member count`)
    check(pg.partyMemberCount >= 3, `${pg.id}: fewer than 3 Party members`)
    check(pg.crossGroup === pg.groupIds.length > 1, `${pg.id}: crossGroup wrong`)
    check(pg.flags.some((flag) => flag.code === 'LEADER_TO_BE_APPOINTED') === (pg.leaderId === null), `${pg.id}: flag and leader disagree`)
    const withReasons = [...new Set(pg.reasons.map((r) => r.groupId))].sort()
    check(JSON.stringify(withReasons) === JSON.stringify([...pg.groupIds].sort()), `${pg.id}: a group without reasons`)
  }
  const expectedStats = {
    groups: groups.length,
    partyGroups: result.partyGroups.length,
    crossGroup: result.partyGroups.filter((pg) => pg.groupIds.length > 1).length,
    coverage: groups.length === 0 ? 1 : placed.length / groups.length,
    uncovered: uncovered.length,
    leaderToBeAppointed: result.partyGroups.filter((pg) => pg.leaderId === null).length,
  }
  check(JSON.stringify(result.stats) === JSON.stringify(expectedStats), 'stats inconsistent with the lists')
  return broken
}

function shuffle<T>(items: readonly T[], keys: readonly number[]): T[] {
  return items
    .map((item, i) => ({ item, key: keys[i % Math.max(1, keys.length)] ?? 0, i }))
    .sort((a, b) => a.key - b.key || a.i - b.i)
    .map(({ item }) => item)
}

const RUNS = { numRuns: 300 }

// ---- properties ----------------------------------------------------------------------------

describe('party-group formation properties (random villages)', () => {
  it('covers every group at most once, lists every other group as uncovered, keeps Party groups connected with ≥ 3 members, and keeps stats consistent', () => {
    fc.assert(
      fc.property(villageArb, ({ groups }) => {
        expect(brokenInvariants(groups, formPartyGroups({ groups }))).toEqual([])
      }),
      RUNS,
    )
  })

  it('gives the same output for shuffled groups and neighbour lists', () => {
    fc.assert(
      fc.property(villageArb, fc.array(fc.integer(), { minLength: 1, maxLength: 50 }), ({ groups }, keys) => {
        const reordered = shuffle(groups, keys).map((group, i) => ({ ...group, neighbours: shuffle(group.neighbours, keys.slice(i)) }))
        expect(formPartyGroups({ groups: reordered })).toEqual(formPartyGroups({ groups }))
      }),
      RUNS,
    )
  })

  it('founds an own Party group, led by its leader, for every group that can stand alone, and for no other', () => {
    fc.assert(
      fc.property(villageArb, ({ groups }) => {
        const result = formPartyGroups({ groups })
        const own = result.partyGroups.filter((pg) => pg.origin === 'OWN_GROUP')
        expect(own.map((pg) => pg.anchorGroupId).sort()).toEqual(
          groups
            .filter(canStandAlone)
            .map((group) => group.id)
            .sort(),
        )
        for (const pg of own) {
          expect(pg.leaderId).toBe(groups.find((group) => group.id === pg.anchorGroupId)?.leaderId)
          expect(pg.groupIds.filter((id) => canStandAlone(groups.find((group) => group.id === id) as GroupFacts))).toEqual([pg.anchorGroupId])
        }
      }),
      RUNS,
    )
  })

  it('leads merged Party groups by a Party-member group leader of the group with most Party members, if any', () => {
    fc.assert(
      fc.property(villageArb, ({ groups }) => {
        const result = formPartyGroups({ groups })
        for (const pg of result.partyGroups.filter((p) => p.origin === 'MERGED')) {
          const candidates = groups.filter((group) => pg.groupIds.includes(group.id) && group.leaderId !== null && group.leaderIsPartyMember)
          if (candidates.length === 0) {
            expect(pg.leaderId).toBeNull()
            continue
          }
          const most = Math.max(...candidates.map((group) => group.partyMemberCount))
          const best = candidates.filter((group) => group.partyMemberCount === most).sort((a, b) => a.number - b.number)[0]
          expect(pg.leaderId).toBe(best?.leaderId)
        }
      }),
      RUNS,
    )
  })

  it('leaves uncovered only groups no Party group touches, in weak sets with fewer than 3 Party members', () => {
    fc.assert(
      fc.property(villageArb, ({ groups }) => {
        const result = formPartyGroups({ groups })
        const neighbours = adjacency(groups)
        const uncovered = new Set(result.uncovered.map((u) => u.groupId))
        for (const id of uncovered) {
          // Otherwise pass 2 (or the tail of pass 3) would have let it join.
          for (const next of neighbours.get(id) ?? []) expect(uncovered.has(next)).toBe(true)
          const expected = (neighbours.get(id)?.size ?? 0) === 0 ? 'NO_NEIGHBOURS' : 'NEIGHBOURS_TOO_FEW_PARTY_MEMBERS'
          expect(result.uncovered.find((u) => u.groupId === id)?.reason.code).toBe(expected)
        }
        // Each connected set of uncovered groups holds fewer than 3 Party members (otherwise pass 3 merges it).
        const seen = new Set<string>()
        for (const id of uncovered) {
          if (seen.has(id)) continue
          const component = [id]
          seen.add(id)
          for (const current of component) {
            for (const next of neighbours.get(current) ?? []) {
              if (uncovered.has(next) && !seen.has(next)) {
                seen.add(next)
                component.push(next)
              }
            }
          }
          expect(partyMembersIn(component, groups)).toBeLessThan(3)
        }
      }),
      RUNS,
    )
  })

  it('explains every joined group with 与X组跨组设立 naming an adjacent group of the same Party group', () => {
    fc.assert(
      fc.property(villageArb, ({ groups }) => {
        const result = formPartyGroups({ groups })
        const neighbours = adjacency(groups)
        for (const pg of result.partyGroups.filter((p) => p.crossGroup)) {
          for (const groupId of pg.groupIds) {
            const joined = pg.reasons.filter((r) => r.groupId === groupId && r.code === 'JOINED_NEIGHBOUR')
            if (pg.origin === 'OWN_GROUP' && groupId === pg.anchorGroupId) {
              expect(joined).toEqual([])
              continue
            }
            expect(joined).toHaveLength(1)
            const named = groups.find((group) => joined[0]?.message === `与${group.number}组跨组设立`)
            expect(named && pg.groupIds.includes(named.id) && neighbours.get(groupId)?.has(named.id)).toBe(true)
          }
        }
      }),
      RUNS,
    )
  })

  it('with random overrides: keeps every invariant, and returns every override as applied or with its issue', () => {
    fc.assert(
      fc.property(villageWithOverridesArb, ({ groups, partyMembers, overrides }) => {
        const result = formPartyGroups({ groups, partyMembers, overrides })
        expect(brokenInvariants(groups, result)).toEqual([])
        const applied = result.partyGroups.flatMap((pg) => pg.appliedOverrides)
        const returned = [...applied, ...result.overrideIssues.map((issue) => issue.override)]
        expect(returned).toHaveLength(overrides.length)
        for (const override of overrides) expect(returned).toContain(override)
        // An appointed leader is a Party member of the Party group.
        for (const pg of result.partyGroups) {
          const appointment = pg.appliedOverrides.filter((o) => o.kind === 'APPOINT_LEADER').at(-1)
          if (!appointment) continue
          expect(pg.leaderId).toBe(appointment.leaderId)
          const member = partyMembers.find((m) => m.id === appointment.leaderId)
          expect(member && pg.groupIds.includes(member.groupId)).toBe(true)
        }
        // Moved groups are weak ones, listed with MOVED_BY_SECRETARY where the move changed their place.
        for (const pg of result.partyGroups) {
          for (const o of pg.appliedOverrides) {
            if (o.kind !== 'MOVE_GROUP') continue
            expect(pg.groupIds).toContain(o.groupId)
            expect(canStandAlone(groups.find((group) => group.id === o.groupId) as GroupFacts)).toBe(false)
          }
        }
      }),
      RUNS,
    )
  })

  it('with random overrides: gives the same output whatever the order of groups and overrides', () => {
    fc.assert(
      fc.property(villageWithOverridesArb, fc.array(fc.integer(), { minLength: 1, maxLength: 50 }), (village, keys) => {
        const expected = formPartyGroups(village)
        const reordered = formPartyGroups({
          groups: shuffle(village.groups, keys),
          partyMembers: shuffle(village.partyMembers, keys),
          overrides: shuffle(village.overrides, keys),
        })
        expect(reordered).toEqual(expected)
      }),
      RUNS,
    )
  })
})
