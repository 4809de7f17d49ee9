/**
 * Who may call each councils action, through the HTTP host. The expectations come from the
 * contract's `who` words (types/functions/councils.ts), read here as facts about each caller, not
 * from the policy code: an action whose words are not understood here, or an action without a
 * valid input here, fails. Allowed callers must not get 403 (a state reason, 404 or 409, is fine);
 * refused callers get 403 and nothing is written.
 */
import { contract } from '../../types'
import { startTestHost, type TestHost } from '../support/test-host'

let host: TestHost
const HEXING = 'v-hexing'
const GROUP = 'v-hexing-g02'
const COUNCIL = `council-${GROUP}`
const DAY_MS = 24 * 60 * 60 * 1000

/** What the words of the contract ask about a caller, for a matter or body of 合兴村 2组's council. */
interface Facts {
  inGroup: boolean
  isChair: boolean
  isMember: boolean
  isVoter: boolean
  /** The village's Party secretary or cadre (村书记、村干部). */
  villageCadre: boolean
  /** A town or city officer over the village (所属镇、市的干部). */
  officerAbove: boolean
  admin: boolean
  /** The matter is public and published (公开事项发布后). */
  publicPublished: boolean
}

const VILLAGERS_CADRES_OFFICERS = (f: Facts) => f.inGroup || f.villageCadre || f.officerAbove || f.admin
const WHO: Record<string, (facts: Facts) => boolean> = {
  '任何已登录的人（自己所在或所管的议事会、理事会）': () => true,
  '任何已登录的人（自己能看的事项：所在议事机构的，以及本组、本村公开发布的）': () => true,
  '本组（理事会为本村）村民；本村的村书记、村干部；所属镇、市的干部；管理员': VILLAGERS_CADRES_OFFICERS,
  '本议事机构的主持人（议事长、理事长）；本村的村书记、村干部；管理员': (f) => f.isChair || f.villageCadre || f.admin,
  '本事项的表决人、本议事机构成员；本村的村书记、村干部；所属镇、市的干部；管理员；公开事项发布后，本组（理事会为本村）村民': (f) =>
    f.isVoter || f.isMember || f.villageCadre || f.officerAbove || f.admin || (f.publicPublished && f.inGroup),
  '本事项有表决权的人（开始表决时确定；回避的除外）；主持人可代不会用手机的成员登记当面表决': (f) => f.isVoter || f.isChair,
  '本组村民（向本组议事会提议题）': (f) => f.inGroup,
  '本组（理事会为本村）村民': (f) => f.inGroup,
}

interface Caller {
  who: string
  personId: string
  token: string
  groupId: string | null
  grants: Array<{ role: string; scope: { level: string; id?: string } }>
}
const callers: Caller[] = []
let chairId: string
let secretary: string
let memberIds: string[]
/** Council members who are none of the callers: seated, unseated and recused by the cases. */
let spareMembers: string[]
let spareVillagers: string[]

const tokens = new Map<string, string>()
async function tokenOf(personId: string): Promise<string> {
  if (!tokens.has(personId)) tokens.set(personId, await host.login(personId))
  return tokens.get(personId)!
}
async function as(personId: string, action: string, data: unknown) {
  return host.call('councils', action, data, await tokenOf(personId))
}

beforeAll(async () => {
  host = await startTestHost()
  const { data: council } = await host.store.collection('councils').doc(COUNCIL).get()
  chairId = council!.chairId as string
  memberIds = (council!.members as Array<{ personId: string }>).map((member) => member.personId)
  const { data: board } = await host.store.collection('councils').doc(`board-${HEXING}`).get()
  const boardIds = (board!.members as Array<{ personId: string }>).map((member) => member.personId)
  const persona = (predicate: (p: TestHost['personas'][number]) => boolean) => host.personaWith(predicate).id
  secretary = persona((p) => p.roles.includes('village_secretary') && p.villageId === HEXING)
  const personaIds = new Set(host.personas.map((p) => p.id))
  const { data: group } = await host.store.collection('people').where({ groupId: GROUP }).orderBy('_id', 'asc').limit(200).get()
  const plain = group.filter((person) => !personaIds.has(person._id) && !boardIds.includes(person._id) && (person.birthDate as string) < '2000')
  const villagerOfGroup = plain.find((person) => !memberIds.includes(person._id))!._id
  spareMembers = memberIds.filter((id) => id !== chairId && !personaIds.has(id) && !boardIds.includes(id))
  spareVillagers = plain.filter((person) => !memberIds.includes(person._id) && person._id !== villagerOfGroup).map((person) => person._id)
  const { data: xinan } = await host.store.collection('people').where({ villageId: 'v-xinan' }).orderBy('_id', 'asc').limit(1).get()
  const named: Array<[string, string]> = [
    ['本组村民', villagerOfGroup],
    ['外村村民', xinan[0]._id],
    ['本组组长（议事长）', persona((p) => p.roles.includes('group_leader') && p.groupId === GROUP)],
    ['村书记', secretary],
    ['村干部', persona((p) => p.roles.includes('village_staff') && p.villageId === HEXING)],
    ['镇干部', 'o-town-officer'],
    ['市干部', 'o-city-officer'],
    ['社区民警', 'o-police'],
    ['外村书记', persona((p) => p.roles.includes('village_secretary') && p.villageId === 'v-xinan')],
  ]
  for (const [who, personId] of named) {
    const { data: person } = await host.store.collection('people').doc(personId).get()
    const { data: grants } = await host.store.collection('grants').where({ personId }).limit(20).get()
    callers.push({ who, personId, token: await tokenOf(personId), groupId: (person?.groupId as string | null) ?? null, grants: grants as unknown as Caller['grants'] })
  }
  expect(callers.find((caller) => caller.who === '本组组长（议事长）')!.personId).toBe(chairId)
  expect(spareMembers.length).toBeGreaterThanOrEqual(2)
  expect(spareVillagers.length).toBeGreaterThanOrEqual(3)
})
afterAll(async () => host.close())

/** A public matter of the council, published and open for voting, with its voters. */
async function votingMatter(isPublic = true): Promise<{ matterId: string; voterIds: string[] }> {
  const created = await as(secretary, 'createMatter', {
    bodyId: COUNCIL,
    title: '修缮组道',
    text: '组道损坏，拟修缮。',
    kind: 'motion',
    closesAt: new Date(Date.now() + 7 * DAY_MS).toISOString(),
    public: isPublic,
  })
  expect(created.status).toBe(200)
  const matterId = created.body.data.id as string
  expect((await as(secretary, 'open', { matterId })).status).toBe(200)
  const { data: slots } = await host.store.collection('ballots').where({ matterId }).limit(100).get()
  return { matterId, voterIds: slots.map((slot) => slot.personId as string) }
}

async function openProposal(): Promise<string> {
  const proposed = await as(spareVillagers.pop()!, 'propose', { bodyId: COUNCIL, title: '增加垃圾桶', text: '村口垃圾桶太少。' })
  expect(proposed.status).toBe(200)
  return proposed.body.data.id
}

type Case = () => Promise<{ data: Record<string, unknown>; voterIds?: string[]; isPublic?: boolean }>
const onMatter =
  (extra: Record<string, unknown> = {}): Case =>
  async () => {
    const { matterId, voterIds } = await votingMatter()
    return { data: { matterId, ...extra }, voterIds }
  }

/** A valid input for every action (on 合兴村 2组's council or one of its matters). */
const CASES: Record<string, Case> = {
  bodies: async () => ({ data: {} }),
  body: async () => ({ data: { bodyId: COUNCIL } }),
  setMember: async () => ({ data: { bodyId: COUNCIL, personId: spareVillagers[0], seat: 'member', note: '村民推选' } }),
  removeMember: async () => ({ data: { bodyId: COUNCIL, personId: spareMembers[0], note: '外出务工' } }),
  createMatter: async () => ({ data: { bodyId: COUNCIL, title: '环境整治', text: '整治组内河道。', kind: 'motion', closesAt: new Date(Date.now() + 7 * DAY_MS).toISOString() } }),
  publish: onMatter(),
  open: onMatter(),
  close: onMatter(),
  recuse: async () => {
    const { matterId, voterIds } = await votingMatter()
    return { data: { matterId, personId: spareMembers[1], reason: '利益相关' }, voterIds }
  },
  matter: onMatter(),
  matters: async () => ({ data: {} }),
  vote: onMatter({ choice: 'agree' }),
  comment: onMatter({ text: '同意修缮' }),
  comments: onMatter(),
  recordMinutes: onMatter({ attendees: ['组长'], summary: '讨论了修缮方案', decisions: '同意修缮' }),
  appendNote: onMatter({ text: '补充说明' }),
  settleTie: onMatter({ winners: ['c1'], note: '抽签决定' }),
  verify: onMatter(),
  propose: async () => ({ data: { bodyId: COUNCIL, title: '修路灯', text: '组道路灯坏了。' } }),
  support: async () => ({ data: { proposalId: await openProposal() } }),
  answerProposal: async () => ({ data: { proposalId: await openProposal(), decision: 'decline', reason: '今年预算已用完' } }),
  proposals: async () => ({ data: { bodyId: COUNCIL } }),
}

function factsOf(caller: Caller, voterIds: readonly string[], isPublic = true): Facts {
  const village = (roles: string[]) => caller.grants.some((grant) => roles.includes(grant.role) && grant.scope.level === 'village' && grant.scope.id === HEXING)
  return {
    inGroup: caller.groupId === GROUP,
    isChair: caller.personId === chairId,
    isMember: memberIds.includes(caller.personId),
    isVoter: voterIds.includes(caller.personId),
    villageCadre: village(['village_secretary', 'village_staff']),
    officerAbove: caller.grants.some(
      (grant) => (grant.role === 'town_officer' && grant.scope.level === 'town' && grant.scope.id === 't-sijia') || (grant.role === 'city_officer' && grant.scope.level === 'city'),
    ),
    admin: caller.grants.some((grant) => grant.role === 'admin'),
    publicPublished: isPublic,
  }
}

const ACTIONS = Object.keys(contract.councils) as Array<keyof typeof contract.councils>

it('has a case and understood words for every councils action', () => {
  expect(ACTIONS.filter((action) => !CASES[action])).toEqual([])
  expect(ACTIONS.filter((action) => !WHO[contract.councils[action].who])).toEqual([])
  expect(Object.keys(CASES).filter((action) => !(ACTIONS as string[]).includes(action))).toEqual([])
})

async function checkCallers(action: keyof typeof contract.councils, make: Case): Promise<string[]> {
  const means = WHO[contract.councils[action].who]
  const { data, voterIds = [], isPublic = true } = await make()
  const problems: string[] = []
  const allows = (caller: Caller) => means(factsOf(caller, voterIds, isPublic))
  // Refused callers first, so a state change by an allowed one cannot hide a wrong 403 as a 409.
  const ordered = [...callers].sort((a, b) => Number(allows(a)) - Number(allows(b)))
  for (const caller of ordered) {
    const allowed = allows(caller)
    const before = host.store.checksum()
    const reply = await host.call('councils', action, data, caller.token)
    if (allowed && reply.status === 403) problems.push(`${caller.who}: expected allowed, got 403 ${reply.body.error?.message}`)
    if (allowed && reply.status >= 500) problems.push(`${caller.who}: ${reply.status}`)
    if (!allowed && reply.status !== 403) problems.push(`${caller.who}: expected 403, got ${reply.status}`)
    if (!allowed && host.store.checksum() !== before) problems.push(`${caller.who}: refused but wrote something`)
  }
  return problems
}

describe.each(ACTIONS)('councils.%s', (action) => {
  it('lets those the contract names through and refuses the others (403, nothing written)', async () => {
    expect([action, Boolean(WHO[contract.councils[action].who] && CASES[action])]).toEqual([action, true])
    expect(await checkCallers(action, CASES[action])).toEqual([])
  })
})

/** A matter that is not public: the villagers of the group are no longer among its readers. */
describe.each(['matter', 'comment', 'comments', 'verify'] as const)('councils.%s on a matter that is not public', (action) => {
  it('refuses the villagers of the group who are not members', async () => {
    const extra = action === 'comment' ? { text: '同意修缮' } : {}
    const problems = await checkCallers(action, async () => {
      const { matterId, voterIds } = await votingMatter(false)
      return { data: { matterId, ...extra }, voterIds, isPublic: false }
    })
    expect(problems).toEqual([])
  })
})
