/**
 * A rule's words and its checks say the same thing (issue 7: an admin could call actions whose
 * words named only the secretary and cadres). For every rule that is not open to everyone and every
 * office role, granted for the whole city so place never stands in the way: the rule lets the role
 * in somewhere exactly when its `who` words name the role. A role added to a rule without its word,
 * or a word without the role, fails here.
 */
import { describe, expect, it } from '@jest/globals'
import { OFFICE_ROLES, type OfficeRole } from '../../types/identity'
import { CITY, policy, type Actor, type Place, type Rule } from '../../types/policy'

/** How the contract's words name each office role. */
const WORDS: Record<OfficeRole, RegExp> = {
  village_secretary: /村书记|村党组织书记/,
  village_staff: /村干部/,
  town_officer: /镇干部|镇、市的干部/,
  city_officer: /市级干部|镇、市的干部/,
  police_liaison: /民警/,
  admin: /管理员/,
}

const PLACE: Place = { townId: 't-1', villageId: 'v-1', groupId: 'g-1', leaderId: 'p-leader' }
const TARGETS: Record<Rule['on'], unknown[]> = {
  nothing: [undefined],
  village: [PLACE],
  group: [PLACE],
  person: [PLACE],
  maybeVillage: [null, PLACE],
  area: [{ level: 'village', ...PLACE }, { level: 'town', townId: 't-1', villageId: null }, CITY],
  scope: [{ level: 'village', ...PLACE }, { level: 'town', townId: 't-1', villageId: null }, CITY],
  office: OFFICE_ROLES.map((role) => ({ role, scope: { level: 'village', ...PLACE } })),
  grant: OFFICE_ROLES.map((role) => ({ role, scope: { level: 'village', ...PLACE } })),
  body: [{ ...PLACE, kind: 'village_board', chairId: 'p-chair', memberIds: ['p-chair'] }],
  errand: [{ ...PLACE, forPersonId: 'p-x', filedById: 'p-x' }],
  matter: [{ ...PLACE, kind: 'village_board', chairId: 'p-chair', memberIds: ['p-chair'], public: false, state: 'published', voterIds: ['p-chair'], electorateGroupId: null }],
  // A case that reached the town with violence flagged: every level's handlers and the police liaison; a group without a leader (the village's cadres handle it).
  case: [
    { ...PLACE, levels: ['group', 'village', 'town'], partyIds: ['p-x'], violence: true },
    { ...PLACE, leaderId: null, levels: ['group'], partyIds: ['p-x'], violence: false },
  ],
}

const actor = (grants: Actor['grants']): Actor => ({ personId: 'p-me', roles: ['villager'], grants, villageId: 'v-1', groupId: 'g-1', townId: 't-1' })
const lets = (rule: Rule, who: Actor) => TARGETS[rule.on].some((target) => rule(who, target as never))

const RULES = Object.entries(policy).flatMap(([fn, rules]) => Object.entries(rules as Record<string, Rule>).map(([action, rule]) => ({ name: `${fn}.${action}`, rule })))
// Open to everyone signed in (or not yet): their words say so, and no role is singled out.
// Granting and revoking offices are worded by rank ("an office above it"), not by role names:
// tests/unit/policy.test.ts checks the rank rules themselves.
const BY_RANK = new Set<Rule['on']>(['office', 'grant'])
// Worded by reference to another rule (a case's files: "whoever can see the case"): it must let in
// exactly whom that rule does, which is worded by role and checked below.
const WORDED_AS: Record<string, string> = { 'mediation.file': 'mediation.case' }
const GUARDED = RULES.filter(({ name, rule }) => !rule.anonymous && !BY_RANK.has(rule.on) && !(name in WORDED_AS) && !lets(rule, actor([])))
const ruleNamed = (name: string) => RULES.find((entry) => entry.name === name)!.rule

describe.each(Object.entries(WORDED_AS))('%s is worded as %s', (name, as) => {
  const party: Actor = { ...actor([]), personId: 'p-x' }
  it.each([...OFFICE_ROLES.map((role) => [role, actor([{ role, scope: { level: 'city' } }])] as const), ['a party', party] as const, ['a villager', actor([])] as const])(
    'lets %s in exactly when that rule does',
    (_, who) => {
      const [rule, other] = [ruleNamed(name), ruleNamed(as)]
      expect(rule.on).toBe(other.on)
      expect(TARGETS[rule.on].map((target) => rule(who, target as never))).toEqual(TARGETS[other.on].map((target) => other(who, target as never)))
    },
  )
})

it('has guarded rules to check', () => {
  expect(GUARDED.length).toBeGreaterThan(10)
})

describe.each(GUARDED)('$name', ({ rule }) => {
  it.each([...OFFICE_ROLES])('lets %s in exactly when its words name the role', (role) => {
    const allowed = lets(rule, actor([{ role, scope: { level: 'city' } }]))
    expect([role, rule.who, allowed]).toEqual([role, rule.who, WORDS[role].test(rule.who)])
  })
})
