/**
 * Who may do what, as a table: every role (office roles granted for a village, a town or the whole
 * city) × every action of every function in the contract × where the action lands (the actor's own
 * village, another village of their town, a village of another town). The expectations below are
 * written from the contract's `who` words and the fixture's map, not from types/policy.ts, so a
 * rule that drifts fails here; an action added to the contract without a rule (or without a row
 * here) fails too.
 */
import { describe, expect, it } from '@jest/globals'
import type { z } from 'zod'
import { cityCoverageEntry, coverageEntry, inviteEntry, officesEntry, partyVillageEntry, townCoverageEntry } from '../../src/lib/entries'
import { villageRights, widestScope } from '../../src/packages/party/words'
import { contract } from '../../types'
import { OFFICE_ROLES, ROSTER_ROLES, type Grant, type OfficeRole, type Role } from '../../types/identity'
import type { Me } from '../../types/functions/identity'
import {
  CITY,
  mayAppoint,
  mayConfirmRemovals,
  mayIssueCodeFor,
  NOWHERE,
  OFFICE_LEVEL,
  OFFICE_RANK,
  officeScopes,
  policy,
  type Area,
  type Office,
  type Actor,
  type BodyPlace,
  type CaseLevelName,
  type CasePlace,
  type ErrandPlace,
  type MatterPlace,
  type Place,
  type Rule,
  type TargetKind,
} from '../../types/policy'

// ── The map: two towns, three villages ─────────────────────────────────────────────────────────

const T1 = 't-1'
const T2 = 't-2'
const V1 = 'v-1' // the actor's own village, in T1
const V2 = 'v-2' // another village of T1
const V3 = 'v-3' // a village of T2
const LEADER = 'p-leader' // leads group g-1 of V1

type Where = 'ownVillage' | 'otherVillage' | 'otherTown'
const VILLAGE_OF: Record<Where, { villageId: string; townId: string }> = {
  ownVillage: { villageId: V1, townId: T1 },
  otherVillage: { villageId: V2, townId: T1 },
  otherTown: { villageId: V3, townId: T2 },
}
const WHERES = Object.keys(VILLAGE_OF) as Where[]

const placeIn = (where: Where): Place => ({ ...VILLAGE_OF[where], groupId: `g-${where}`, leaderId: where === 'ownVillage' ? LEADER : 'p-someone-else' })

const AREAS: Array<{ name: string; target: Area }> = [
  ...WHERES.map((where) => ({ name: `village:${where}`, target: { level: 'village', ...VILLAGE_OF[where] } satisfies Area })),
  { name: 'town:own', target: { level: 'town', townId: T1, villageId: null } },
  { name: 'town:other', target: { level: 'town', townId: T2, villageId: null } },
  { name: 'city', target: CITY },
]

// ── Councils: bodies and matters, named by what decides the rules ──────────────────────────────
// `council:own` is the group council of the actor's own group (chaired by LEADER), `council:otherGroup`
// another group's of the same village, `board:<where>` a village board (chaired by its secretary);
// `:member` marks a body with the actor ('p-me') among its members.

const ME = 'p-me'
const councilIn = (groupId: string, chairId: string, memberIds: string[]): BodyPlace => ({ ...VILLAGE_OF.ownVillage, groupId, kind: 'group_council', chairId, memberIds })
const boardIn = (where: Where, memberIds: string[]): BodyPlace => ({ ...VILLAGE_OF[where], groupId: null, kind: 'village_board', chairId: `p-secretary-${where}`, memberIds })
const BODIES: Array<{ name: string; body: BodyPlace }> = [
  { name: 'council:own', body: councilIn('g-ownVillage', LEADER, [LEADER, 'p-x']) },
  { name: 'council:own:member', body: councilIn('g-ownVillage', LEADER, [LEADER, ME]) },
  { name: 'council:otherGroup', body: councilIn('g-2', 'p-other-leader', ['p-other-leader', 'p-y']) },
  { name: 'council:otherGroup:member', body: councilIn('g-2', 'p-other-leader', ['p-other-leader', ME]) },
  ...WHERES.map((where) => ({ name: `board:${where}`, body: boardIn(where, [`p-secretary-${where}`, 'p-x']) })),
  { name: 'board:ownVillage:member', body: boardIn('ownVillage', ['p-secretary-ownVillage', ME]) },
]
/** Each body's matters: published for all, published members-only, a draft, voting with ME holding a slot, and an election of the own group before voting. */
const MATTERS: Array<{ name: string; matter: MatterPlace }> = BODIES.flatMap(({ name, body }): Array<{ name: string; matter: MatterPlace }> => [
  { name: `${name}|public`, matter: { ...body, public: true, state: 'published' as const, voterIds: [], electorateGroupId: null } },
  { name: `${name}|private`, matter: { ...body, public: false, state: 'published' as const, voterIds: [], electorateGroupId: null } },
  { name: `${name}|draft`, matter: { ...body, public: true, state: 'draft' as const, voterIds: [], electorateGroupId: null } },
  { name: `${name}|voting-me`, matter: { ...body, public: false, state: 'voting' as const, voterIds: [ME], electorateGroupId: null } },
  { name: `${name}|voting-others`, matter: { ...body, public: true, state: 'voting' as const, voterIds: ['p-x'], electorateGroupId: null } },
]).concat([{ name: 'council:own|election', matter: { ...BODIES[0].body, public: true, state: 'published', voterIds: [], electorateGroupId: 'g-ownVillage' } }])

// ── Errands: whose request, in which village; `ownVillage` is the actor's own group (led by LEADER) ──
const ERRANDS: Array<{ name: string; errand: ErrandPlace }> = [
  { name: 'ownVillage|mine', errand: { ...placeIn('ownVillage'), forPersonId: ME, filedById: ME } },
  { name: 'ownVillage|filedByMe', errand: { ...placeIn('ownVillage'), forPersonId: 'p-x', filedById: ME } },
  { name: 'ownVillage|other', errand: { ...placeIn('ownVillage'), forPersonId: 'p-x', filedById: 'p-x' } },
  ...(['otherVillage', 'otherTown'] as const).map((where) => ({ name: `${where}|other`, errand: { ...placeIn(where), forPersonId: 'p-x', filedById: 'p-x' } })),
]

// ── Mediation cases: where, how far up, with or without a leader, violence, the actor a party ──
// `<where>|<level reached>[|noLeader][|violence][|party]`. The own village's group is led by LEADER;
// the actor (`p-me`) is a party only where the name says so.
const CASE_LEVELS: readonly CaseLevelName[] = ['group', 'village', 'town']
interface CaseFixture {
  where: Where
  reached: CaseLevelName
  leader: boolean
  violence: boolean
  party: boolean
}
const caseFixture = (where: Where, reached: CaseLevelName, ...flags: Array<'noLeader' | 'violence' | 'party'>): [string, CaseFixture] => [
  [where, reached, ...flags].join('|'),
  { where, reached, leader: !flags.includes('noLeader'), violence: flags.includes('violence'), party: flags.includes('party') },
]
const CASE_FIXTURES: Record<string, CaseFixture> = Object.fromEntries([
  caseFixture('ownVillage', 'group'),
  caseFixture('ownVillage', 'group', 'noLeader'),
  caseFixture('ownVillage', 'group', 'party'),
  caseFixture('ownVillage', 'village'),
  caseFixture('ownVillage', 'village', 'noLeader'),
  caseFixture('ownVillage', 'village', 'party'),
  caseFixture('ownVillage', 'town'),
  caseFixture('ownVillage', 'town', 'violence'),
  caseFixture('ownVillage', 'town', 'violence', 'party'),
  caseFixture('otherVillage', 'group'),
  caseFixture('otherVillage', 'village', 'party'),
  caseFixture('otherVillage', 'town'),
  caseFixture('otherVillage', 'town', 'violence'),
  caseFixture('otherTown', 'group', 'noLeader'),
  caseFixture('otherTown', 'town', 'violence'),
  caseFixture('otherTown', 'town', 'violence', 'party'),
])
const caseIn = ({ where, reached, leader, violence, party }: CaseFixture): CasePlace => ({
  ...placeIn(where),
  leaderId: leader ? placeIn(where).leaderId : null,
  levels: CASE_LEVELS.slice(0, CASE_LEVELS.indexOf(reached) + 1),
  partyIds: party ? ['p-x', ME] : ['p-x'],
  violence,
})
const CASES = Object.entries(CASE_FIXTURES).map(([name, fixture]) => ({ name, place: caseIn(fixture) }))

/** Named targets for each kind of rule. Coverage also asks about whole towns and the city. */
function targetsFor(kind: TargetKind): Array<{ name: string; target: unknown }> {
  switch (kind) {
    case 'nothing':
      return [{ name: 'nothing', target: undefined }]
    case 'village':
    case 'group':
    case 'person':
      return WHERES.map((where) => ({ name: where, target: placeIn(where) }))
    case 'maybeVillage':
      return [{ name: 'no village', target: null }, ...WHERES.map((where) => ({ name: where, target: placeIn(where) }))]
    case 'office':
    case 'grant':
      // Every office at every scope of its level: `village_staff@village:ownVillage`, `town_officer@town:other`, …
      return OFFICE_ROLES.flatMap((role) =>
        AREAS.filter(({ target }) => target.level === OFFICE_LEVEL[role]).map(({ name, target }) => ({
          name: `${role}@${name}`,
          target: { role, scope: target } satisfies Office,
        })),
      )
    case 'body':
      return BODIES.map(({ name, body }) => ({ name, target: body }))
    case 'matter':
      return MATTERS.map(({ name, matter }) => ({ name, target: matter }))
    case 'errand':
      return ERRANDS.map(({ name, errand }) => ({ name, target: errand }))
    case 'case':
      return CASES.map(({ name, place }) => ({ name, target: place }))
    case 'scope':
    case 'area':
      return [
        ...WHERES.map((where) => ({ name: `village:${where}`, target: { level: 'village', ...VILLAGE_OF[where] } satisfies Area })),
        { name: 'town:own', target: { level: 'town', townId: T1, villageId: null } satisfies Area },
        { name: 'town:other', target: { level: 'town', townId: T2, villageId: null } satisfies Area },
        { name: 'city', target: CITY },
      ]
  }
}

// ── The people: every role; office roles at every scope ─────────────────────────────────────────

type Level = Grant['scope']['level']
interface Who {
  key: string
  role: Role
  level: Level | null
  me: Me
}

function someone(role: Role, level: Level | null): Who {
  const grants: Grant[] = level === null ? [] : [{ role: role as OfficeRole, scope: level === 'city' ? { level } : { level, id: level === 'town' ? T1 : V1 } }]
  const me: Me = {
    personId: role === 'group_leader' ? LEADER : 'p-me',
    name: '测试',
    roles: role === 'villager' ? ['villager'] : level === null ? ['villager', role] : [role],
    grants,
    villageId: V1,
    groupId: 'g-ownVillage',
    townId: T1,
  }
  return { key: level ? `${role}@${level}` : role, role, level, me }
}

const PEOPLE: Who[] = [
  ...ROSTER_ROLES.map((role) => someone(role, null)),
  ...OFFICE_ROLES.flatMap((role) => (['village', 'town', 'city'] as const).map((level) => someone(role, level))),
]

// ── What the contract's words promise, per action ───────────────────────────────────────────────

type Expect = (who: Who, target: string) => boolean

/** Which targets a grant at each level reaches, read off the map above. */
const REACHES: Record<Level, readonly string[]> = {
  village: ['ownVillage', 'village:ownVillage'],
  town: ['ownVillage', 'otherVillage', 'village:ownVillage', 'village:otherVillage', 'town:own'],
  city: ['ownVillage', 'otherVillage', 'otherTown', 'village:ownVillage', 'village:otherVillage', 'village:otherTown', 'town:own', 'town:other', 'city'],
}

const everyone: Expect = () => true
const holds =
  (roles: readonly OfficeRole[]): Expect =>
  (who) =>
    who.level !== null && roles.includes(who.role as OfficeRole)
const reach =
  (roles: readonly OfficeRole[]): Expect =>
  (who, target) =>
    holds(roles)(who, target) && REACHES[who.level!].includes(target)
const either =
  (...all: Expect[]): Expect =>
  (who, target) =>
    all.some((one) => one(who, target))
const onTargets =
  (names: (name: string) => boolean, then: Expect): Expect =>
  (who, target) =>
    names(target) && then(who, target)
const leaderOfOwnGroup: Expect = (who, target) => who.role === 'group_leader' && target === 'ownVillage'

/** The ranks as the brief states them, written out here so a drifting OFFICE_RANK fails. */
const RANK: Record<OfficeRole, number> = { admin: 5, city_officer: 4, town_officer: 3, police_liaison: 3, village_secretary: 2, village_staff: 1 }
/** Grant or revoke an office: a higher office (the police liaison appoints no one) whose scope covers the office's. */
const appoints: Expect = (who, target) => {
  const [role, area] = target.split('@') as [OfficeRole, string]
  return who.level !== null && who.role !== 'police_liaison' && RANK[who.role as OfficeRole] > RANK[role] && REACHES[who.level].includes(area)
}

const MANAGERS: OfficeRole[] = ['village_secretary', 'village_staff', 'admin']
const READERS: OfficeRole[] = [...MANAGERS, 'town_officer', 'city_officer']
const PREVIEWERS: OfficeRole[] = ['village_secretary', 'town_officer', 'city_officer', 'admin']

// ── Councils, read off the target names: which village, whose group, who chairs, who sits ──────

const bodyOf = (target: string) => target.split('|')[0]
/** The village the body of a target is in, as the REACHES table names it. */
const whereOf = (target: string): Where => (bodyOf(target).startsWith('council:') ? 'ownVillage' : (bodyOf(target).split(':')[1] as Where))
const onBodyVillage =
  (then: Expect): Expect =>
  (who, target) =>
    then(who, whereOf(target))
/** Everyone in the table lives in group g-ownVillage of the own village. */
const concerned = (target: string) => bodyOf(target).startsWith('council:own') || bodyOf(target).startsWith('board:ownVillage')
const sits: Expect = (who, target) => (who.me.personId === ME && bodyOf(target).endsWith(':member')) || chairs(who, target)
const chairs: Expect = (who, target) => who.role === 'group_leader' && bodyOf(target).startsWith('council:own')
const matterIs = (target: string, kind: string) => target.split('|')[1] === kind
const runsBody = either(chairs, onBodyVillage(reach(MANAGERS)))
const readsBody = either((_who, target) => concerned(target), sits, onBodyVillage(reach(READERS)))
const holdsSlot: Expect = (who, target) => who.me.personId === ME && matterIs(target, 'voting-me')
const readsMatter = either(
  holdsSlot,
  sits,
  onBodyVillage(reach(READERS)),
  (_who, target) => concerned(target) && (matterIs(target, 'public') || matterIs(target, 'voting-others') || matterIs(target, 'election')),
)
const COUNCIL_EXPECTED: Record<string, Expect> = {
  'councils.bodies': everyone,
  'councils.matters': everyone,
  'councils.body': readsBody,
  'councils.proposals': readsBody,
  'councils.setMember': runsBody,
  'councils.removeMember': runsBody,
  'councils.createMatter': runsBody,
  'councils.answerProposal': runsBody,
  'councils.propose': (_who, target) => bodyOf(target).startsWith('council:own'),
  'councils.support': (_who, target) => concerned(target),
  ...Object.fromEntries(['publish', 'open', 'close', 'recuse', 'recordMinutes', 'appendNote', 'settleTie'].map((action) => [`councils.${action}`, runsBody])),
  ...Object.fromEntries(['matter', 'comment', 'comments', 'verify'].map((action) => [`councils.${action}`, readsMatter])),
  // A slot holder, an election's electorate before voting, or the chair (who records in-person votes).
  'councils.vote': either(holdsSlot, chairs, (_who, target) => matterIs(target, 'election')),
}

// ── Errands, read off the target names ────────────────────────────────────────────────────────
const errandWhere = (target: string) => target.split('|')[0] as Where
const onErrandVillage =
  (then: Expect): Expect =>
  (who, target) =>
    then(who, errandWhere(target))
const forMe: Expect = (who, target) => who.me.personId === ME && target.endsWith('|mine')
const filedByMe: Expect = (who, target) => who.me.personId === ME && (target.endsWith('|mine') || target.endsWith('|filedByMe'))
const leadsErrandGroup: Expect = (who, target) => who.role === 'group_leader' && errandWhere(target) === 'ownVillage'
const scopeReaders = either(
  onTargets((t) => t.startsWith('village:'), reach(READERS)),
  onTargets((t) => t.startsWith('town:'), reach(['town_officer', 'city_officer', 'admin'])),
  onTargets((t) => t === 'city', reach(['city_officer', 'admin'])),
)
const ERRAND_EXPECTED: Record<string, Expect> = {
  'errands.catalog': everyone,
  'errands.submit': everyone,
  'errands.mine': everyone,
  'errands.todo': everyone,
  'errands.setItem': reach(MANAGERS),
  'errands.setEscalation': reach(MANAGERS),
  'errands.list': scopeReaders,
  'errands.figures': scopeReaders,
  'errands.request': either(filedByMe, leadsErrandGroup, onErrandVillage(reach(READERS))),
  'errands.advance': either(leadsErrandGroup, onErrandVillage(reach(MANAGERS))),
  'errands.respond': forMe,
  'errands.consent': forMe,
  'errands.rate': forMe,
  'errands.extend': leadsErrandGroup,
  'errands.decideExtension': onErrandVillage(reach(MANAGERS)),
  'errands.callback': either(leadsErrandGroup, onErrandVillage(reach(['village_secretary', 'village_staff']))),
}

// ── Mediation, read off the case fixtures ─────────────────────────────────────────────────────
const CADRES: OfficeRole[] = ['village_secretary', 'village_staff']
const caseOf = (target: string) => CASE_FIXTURES[target]
const hasReached = (target: string, level: CaseLevelName) => CASE_LEVELS.indexOf(caseOf(target).reached) >= CASE_LEVELS.indexOf(level)
const onCaseVillage =
  (then: Expect): Expect =>
  (who, target) =>
    then(who, caseOf(target).where)
/** 本组组长（本组没有组长时由村干部）；上报到村后本村的村书记、村干部；上报到镇后所属镇的镇干部. */
const handlesCase = either(
  (who, target) => caseOf(target).leader && who.role === 'group_leader' && caseOf(target).where === 'ownVillage',
  (who, target) => !caseOf(target).leader && onCaseVillage(reach(CADRES))(who, target),
  (who, target) => hasReached(target, 'village') && onCaseVillage(reach(CADRES))(who, target),
  (who, target) => hasReached(target, 'town') && onCaseVillage(reach(['town_officer']))(who, target),
)
/** 有暴力风险时所属镇的社区民警. */
const policeOnCase: Expect = (who, target) => caseOf(target).violence && onCaseVillage(reach(['police_liaison']))(who, target)
/** 本案当事人. */
const partyToCase: Expect = (who, target) => caseOf(target).party && who.me.personId === ME
const MEDIATION_EXPECTED: Record<string, Expect> = {
  'mediation.open': everyone,
  'mediation.list': everyone,
  'mediation.limits': everyone,
  'mediation.case': either(handlesCase, policeOnCase, partyToCase),
  'mediation.file': either(handlesCase, policeOnCase, partyToCase),
  'mediation.log': either(handlesCase, policeOnCase),
  ...Object.fromEntries(
    ['signFor', 'escalate', 'flag', 'recordAgreement', 'attachSigned', 'close', 'scheduleFollowUp', 'followUp', 'extend', 'views'].map((action) => [
      `mediation.${action}`,
      handlesCase,
    ]),
  ),
  'mediation.dashboard': scopeReaders,
  'mediation.setLimits': onTargets((t) => t.startsWith('town:'), reach(['town_officer', 'admin'])),
}

const EXPECTED: Record<string, Expect> = {
  'system.ping': everyone,
  'system.calendarDays': everyone,
  'system.setCalendarDay': (who) => who.level === 'city' && ['city_officer', 'admin'].includes(who.role),
  'inbox.list': everyone,
  'inbox.markRead': everyone,
  'files.url': everyone,
  'files.download': everyone,
  'files.register': everyone,
  'identity.me': everyone,
  'identity.issueInvitation': reach(MANAGERS),
  'identity.bindInvitation': everyone,
  'identity.grants': reach(['village_secretary', 'town_officer', 'city_officer', 'admin']),
  'identity.grant': appoints,
  'identity.revoke': appoints,
  'home.overview': everyone,
  'partyGroups.preview': either(
    onTargets((t) => t === 'no village', holds(PREVIEWERS)),
    reach(PREVIEWERS),
  ),
  'partyGroups.village': reach(READERS),
  'partyGroups.members': reach(READERS),
  'partyGroups.recompute': reach([...MANAGERS, 'town_officer']),
  'partyGroups.override': reach(['village_secretary', 'admin']),
  'partyGroups.coverage': either(
    onTargets((t) => t.startsWith('village:'), reach(READERS)),
    onTargets((t) => t.startsWith('town:'), reach(['town_officer', 'city_officer', 'admin'])),
    onTargets((t) => t === 'city', reach(['city_officer', 'admin'])),
  ),
  'partyGroups.mine': everyone,
  'roster.groupMembers': either(leaderOfOwnGroup, reach(READERS)),
  'roster.villageGroups': reach(READERS),
  'roster.importTemplate': holds(MANAGERS),
  'roster.importPreview': reach(MANAGERS),
  'roster.importCommit': reach(MANAGERS),
  'roster.export': reach(MANAGERS),
  'roster.setPartyMembership': reach(MANAGERS),
  'roster.setGroupLeader': reach(MANAGERS),
  'roster.setNeighbours': reach(MANAGERS),
  'roster.changeLog': reach(READERS),
  'roster.search': either(leaderOfOwnGroup, reach(READERS)),
  'roster.person': either(leaderOfOwnGroup, reach(READERS)),
  // The relationships (own leader, service point) need a person's place: see the cases below.
  'roster.callNumber': either(leaderOfOwnGroup, reach(['village_secretary', 'village_staff'])),
  'home.attention': everyone,
  ...COUNCIL_EXPECTED,
  ...ERRAND_EXPECTED,
  ...MEDIATION_EXPECTED,
}

// ── The contract, action by action ──────────────────────────────────────────────────────────────

const ACTIONS = Object.entries(contract).flatMap(([fn, actions]) =>
  Object.entries(actions as Record<string, { who: string; input: z.ZodType }>).map(([action, spec]) => ({ fn, action, name: `${fn}.${action}`, spec })),
)

function ruleOf(fn: string, action: string): Rule | undefined {
  return (policy as unknown as Record<string, Record<string, Rule> | undefined>)[fn]?.[action]
}

/** The input field from which the server finds the place a rule of each kind is given. */
const INPUT_FIELD: Partial<Record<TargetKind, string>> = {
  village: 'villageId',
  maybeVillage: 'villageId',
  group: 'groupId',
  person: 'personId',
  area: 'level',
  scope: 'scopeId',
  office: 'scopeId',
  grant: 'grantId',
  case: 'caseId',
}
/** Where an action names its place by another field than its kind's usual one. */
const INPUT_FIELD_OF_ACTION: Record<string, string> = {
  'mediation.setLimits': 'townId',
}

describe('policy × contract', () => {
  it.each(ACTIONS)('$name has a rule, whose words are the contract’s who', ({ fn, action, spec }) => {
    const rule = ruleOf(fn, action)
    expect(rule).toBeDefined()
    expect(rule!.who).toBe(spec.who)
    expect(EXPECTED[`${fn}.${action}`]).toBeDefined()
  })

  it.each(ACTIONS)('$name: the rule is given what the input names', ({ fn, action, spec }) => {
    const field = INPUT_FIELD_OF_ACTION[`${fn}.${action}`] ?? INPUT_FIELD[ruleOf(fn, action)!.on]
    const shape = (spec.input as unknown as { shape?: Record<string, unknown> }).shape ?? {}
    if (field) expect(Object.keys(shape)).toContain(field)
  })

  it('has no rule for an action the contract lacks', () => {
    const ruled = Object.entries(policy).flatMap(([fn, rules]) => Object.keys(rules).map((action) => `${fn}.${action}`))
    expect(ruled.sort()).toEqual(ACTIONS.map((entry) => entry.name).sort())
  })
})

describe('every role × every action × where it lands', () => {
  it.each(ACTIONS)('$name', ({ fn, action, name }) => {
    const rule = ruleOf(fn, action)!
    const expected = EXPECTED[name]
    const cells = PEOPLE.flatMap((who) => targetsFor(rule.on).map(({ name: target, target: value }) => ({ who, target, value })))
    const wrong = cells
      .filter(({ who, target, value }) => rule(who.me, value as never) !== expected(who, target))
      .map(({ who, target }) => `${who.key} → ${target}: expected ${expected(who, target) ? 'allowed' : 'refused'}`)
    expect(wrong).toEqual([])
    // Each rule refuses someone or is meant for everyone: a table of all-yes is a rule that checks nothing.
    const allowed = cells.filter(({ who, value }) => rule(who.me, value as never)).length
    expect(allowed === cells.length).toBe(expected === everyone)
  })

  it('treats an unknown id as a place only a city-wide grant reaches (403 for scoped officers, 404 from run for the city)', () => {
    for (const { fn, action } of ACTIONS) {
      const rule = ruleOf(fn, action)!
      if (!['village', 'group', 'person', 'maybeVillage'].includes(rule.on)) continue
      for (const who of PEOPLE) {
        expect([`${fn}.${action}`, who.key, rule(who.me, NOWHERE as never)]).toEqual([`${fn}.${action}`, who.key, rule(who.me, placeIn('otherTown') as never)])
        if (rule(who.me, NOWHERE as never)) expect(who.level).toBe('city')
      }
    }
  })

  it('lets bindInvitation be called before anyone is known, and nothing else', () => {
    const anonymous = ACTIONS.filter(({ fn, action }) => ruleOf(fn, action)!.anonymous).map((entry) => entry.name)
    expect(anonymous).toEqual(['identity.bindInvitation'])
  })
})

// ── The app's entries ask the same rules ────────────────────────────────────────────────────────

describe('entries and buttons in the app', () => {
  const person = (key: string) => PEOPLE.find((who) => who.key === key)!.me

  it('offers 党小组管理 and 发邀请码 to those appointed to a village, for that village', () => {
    for (const who of PEOPLE) {
      const appointed = who.level === 'village' && (who.role === 'village_secretary' || who.role === 'village_staff')
      expect([who.key, partyVillageEntry(who.me), inviteEntry(who.me)]).toEqual([who.key, appointed ? V1 : null, appointed ? V1 : null])
    }
  })

  it('offers 覆盖情况 exactly when the area a grant names is the person’s to see, widest first', () => {
    const NAMED_AREA: Record<Level, string> = { city: 'city', town: 'town:own', village: 'village:ownVillage' }
    for (const who of PEOPLE) {
      const sees = who.level !== null && EXPECTED['partyGroups.coverage'](who, NAMED_AREA[who.level])
      expect([who.key, coverageEntry(who.me)]).toEqual([who.key, sees])
    }
    expect(widestScope(person('city_officer@city'))).toEqual({ level: 'city' })
    expect(widestScope(person('town_officer@town'))).toEqual({ level: 'town', id: T1 })
    expect(widestScope(person('village_secretary@village'))).toEqual({ level: 'village', id: V1 })
    expect(widestScope(person('village_staff@village'))).toEqual({ level: 'village', id: V1 })
    expect(widestScope(person('police_liaison@town'))).toBeNull()
    expect(widestScope(person('villager'))).toBeNull()
    expect([cityCoverageEntry(person('admin@city')), townCoverageEntry(person('admin@city'))]).toEqual([true, null])
    expect([cityCoverageEntry(person('town_officer@town')), townCoverageEntry(person('town_officer@town'))]).toEqual([false, T1])
  })

  it('shows 党小组管理 buttons exactly when the functions would accept them', () => {
    for (const who of PEOPLE) {
      for (const where of WHERES) {
        const rights = villageRights(who.me, VILLAGE_OF[where])
        expect([who.key, where, rights]).toEqual([
          who.key,
          where,
          {
            override: EXPECTED['partyGroups.override'](who, where),
            recompute: EXPECTED['partyGroups.recompute'](who, where),
            roster: EXPECTED['roster.importCommit'](who, where) && EXPECTED['roster.export'](who, where),
          },
        ])
      }
    }
  })
})

// ── Offices: rank, appointing, codes for office holders, removals ──────────────────────────────

describe('offices', () => {
  const person = (key: string) => PEOPLE.find((who) => who.key === key)!.me
  const village = (where: Where): Area => ({ level: 'village', ...VILLAGE_OF[where] })

  it('ranks admin > city officer > town officer (police liaison beside it) > village secretary > village staff', () => {
    expect(OFFICE_RANK).toEqual(RANK)
  })

  it('nobody can revoke their own highest office, so no one locks themselves out', () => {
    for (const who of PEOPLE.filter((one) => one.level !== null)) {
      const own = who.me.grants[0]
      const area: Area = own.scope.level === 'city' ? CITY : own.scope.level === 'town' ? { level: 'town', townId: own.scope.id, villageId: null } : village('ownVillage')
      expect([who.key, mayAppoint(who.me, { role: own.role, scope: area })]).toEqual([who.key, false])
    }
    // With a higher office besides, a lower one of one's own may go: the higher one stays.
    const both = { ...person('admin@city'), grants: [...person('admin@city').grants, { role: 'village_staff' as const, scope: { level: 'village' as const, id: V1 } }] }
    expect(mayAppoint(both, { role: 'village_staff', scope: village('ownVillage') })).toBe(true)
  })

  it('a code for an office holder needs an equal or higher office over their place', () => {
    const place = placeIn('ownVillage')
    expect(mayIssueCodeFor(person('village_staff@village'), place, [])).toBe(true)
    expect(mayIssueCodeFor(person('village_staff@village'), place, ['village_staff'])).toBe(true)
    expect(mayIssueCodeFor(person('village_staff@village'), place, ['village_secretary'])).toBe(false)
    expect(mayIssueCodeFor(person('village_secretary@village'), place, ['village_secretary'])).toBe(true)
    expect(mayIssueCodeFor(person('village_secretary@village'), placeIn('otherVillage'), ['village_staff'])).toBe(false)
    expect(mayIssueCodeFor(person('admin@city'), placeIn('otherTown'), ['city_officer', 'village_staff'])).toBe(true)
  })

  it('only the village secretary or an admin confirms removals by import', () => {
    for (const who of PEOPLE) {
      const expected = ['village_secretary', 'admin'].includes(who.role) && who.level !== null && REACHES[who.level].includes('ownVillage')
      expect([who.key, mayConfirmRemovals(who.me, placeIn('ownVillage'))]).toEqual([who.key, expected])
    }
  })

  it('offers 职务管理 on the widest scope the person may see', () => {
    expect(officesEntry(person('admin@city'))).toBe('city')
    expect(officesEntry(person('city_officer@city'))).toBe('city')
    expect(officesEntry(person('town_officer@town'))).toBe(T1)
    expect(officesEntry(person('village_secretary@village'))).toBe(V1)
    expect(officesEntry(person('village_staff@village'))).toBeNull()
    expect(officesEntry(person('police_liaison@town'))).toBeNull()
    expect(officesEntry(person('villager'))).toBeNull()
    for (const who of PEOPLE) for (const area of officeScopes(who.me)) expect(policy.identity.grants(who.me, area)).toBe(true)
  })
})

describe('roster.callNumber: who the person is to the caller', () => {
  const villager: Actor = { personId: 'p-me', roles: ['villager'], grants: [], villageId: V1, groupId: 'g-1', townId: T1 }
  const inMyGroup = (personId: string, leaderId: string | null): Place => ({ townId: T1, villageId: V1, groupId: 'g-1', leaderId, personId })

  it('lets a villager call their own group leader, and no one else of their group', () => {
    expect(policy.roster.callNumber(villager, inMyGroup('p-leader', 'p-leader'))).toBe(true)
    expect(policy.roster.callNumber(villager, inMyGroup('p-neighbour', 'p-leader'))).toBe(false)
    // The leader of another group is a stranger.
    expect(policy.roster.callNumber(villager, { townId: T1, villageId: V1, groupId: 'g-2', leaderId: 'p-other', personId: 'p-other' })).toBe(false)
  })

  it('lets a villager call whoever runs their Party group’s service point, wherever they live', () => {
    const host: Place = { townId: T1, villageId: V1, groupId: 'g-2', leaderId: 'p-x', personId: 'p-host', servesGroupIds: ['g-1', 'g-2'] }
    expect(policy.roster.callNumber(villager, host)).toBe(true)
    expect(policy.roster.callNumber({ ...villager, groupId: 'g-3' }, host)).toBe(false)
  })

  it('never matches nobody with nobody (no group, unknown person)', () => {
    const adrift: Actor = { ...villager, groupId: null }
    expect(policy.roster.callNumber(adrift, { ...NOWHERE, personId: null, servesGroupIds: [] })).toBe(false)
    expect(policy.roster.callNumber(villager, NOWHERE)).toBe(false)
  })
})
