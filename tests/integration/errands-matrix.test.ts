/**
 * Who may call each errands action, through the HTTP host. The expectations come from the
 * contract's `who` words (types/functions/errands.ts), read here as facts about each caller, not
 * from the policy code: an action whose words are not understood here, or without a valid input
 * here, fails. Allowed callers get neither 403 nor 404 (a state reason, 409, is fine); refused
 * callers get 403 (404 for a request they may not see) and nothing is written. `mine` and `todo`
 * are open to anyone signed in: their words say whose requests are listed, so the others get an
 * empty list.
 */
import { contract } from '../../types'
import { isPlainVillager, startTestHost, type TestHost } from '../support/test-host'

let host: TestHost
const HEXING = 'v-hexing'
const GROUP = 'v-hexing-g02'
const TOWN = 't-sijia'

/** What the words of the contract ask about a caller, for a request of 合兴村 2组's villager. */
interface Facts {
  /** Has a villager group (村民). */
  villager: boolean
  /** The villager the request is for (申请人本人 / 被代办的村民本人). */
  forPerson: boolean
  /** Filed it (代办的组长). */
  filer: boolean
  /** Leads the request's group (本组组长). */
  leader: boolean
  /** Leads some villager group (村民小组长), for the to-do. */
  leadsAnyGroup: boolean
  /** The Party secretary or a cadre of 合兴村 (本村的村书记、村干部). */
  villageCadre: boolean
  /** A Party secretary or cadre of any village, for the to-do. */
  anyVillageCadre: boolean
  /** A town officer of 四甲镇 or a city officer (所属镇、市的干部). */
  officerAbove: boolean
  admin: boolean
}

const READERS = (f: Facts) => f.villageCadre || f.officerAbove || f.admin
const MANAGERS = (f: Facts) => f.villageCadre || f.admin
const WHO: Record<string, (facts: Facts) => boolean> = {
  '任何已登录的人（本村开放的事项；村干部看到全部，含已关闭的）': () => true,
  '本村的村书记、村干部；管理员（开关事项、调整时限，记入台账）': MANAGERS,
  '本村的村书记、村干部；管理员（逾期多少个工作日后督办到镇，记入台账）': MANAGERS,
  '村民（为自己申请）；本组组长（为本组村民代办，须本人同意）': (f) => f.villager,
  '任何已登录的人（自己的申请，以及组长为自己代办的）': () => true,
  '村民小组长（本组的）；本村的村书记、村干部（本村没有组长的组、已督办到村的、转村办理的）': (f) => f.leadsAnyGroup || f.anyVillageCadre,
  '本村的村书记、村干部；所属镇、市的干部；管理员': READERS,
  '申请人本人（代办的为被代办的村民）、代办的组长、本组组长；本村的村书记、村干部；所属镇、市的干部；管理员（别人看不到：404）': (f) =>
    f.forPerson || f.filer || f.leader || READERS(f),
  '本组组长（签收、收材料、转办、办结、退回）；本组没有组长时由本村的村书记、村干部；转村、镇办理后由本村的村书记、村干部；管理员': (f) => f.leader || MANAGERS(f),
  '申请人本人（回复退回，补充材料后继续办理）': (f) => f.forPerson,
  '被代办的村民本人（确认或撤回同意）': (f) => f.forPerson,
  '本组组长（截止前申请延期，说明理由）': (f) => f.leader,
  '本村的村书记、村干部；管理员（批准或不批准延期，告知村民）': MANAGERS,
  '申请人本人（办好后评价）': (f) => f.forPerson,
  '本组组长；本村的村书记、村干部（村民 3 个工作日未评价时，记录电话回访）': (f) => f.leader || f.villageCadre,
}
/** Open to anyone signed in; the words say whose requests the list holds. */
const LISTS_ONLY_THEIRS = new Set(['mine', 'todo'])
/** Whose request it is decides who may see it (404 for the others). */
const SEES_REQUEST = WHO['申请人本人（代办的为被代办的村民）、代办的组长、本组组长；本村的村书记、村干部；所属镇、市的干部；管理员（别人看不到：404）']

interface Caller {
  who: string
  personId: string
  token: string
  groupId: string | null
  leads: boolean
  grants: Array<{ role: string; scope: { level: string; id?: string } }>
}
const callers: Caller[] = []
let villager: string
let leader: string
let secretary: string

const tokens = new Map<string, string>()
async function tokenOf(personId: string): Promise<string> {
  if (!tokens.has(personId)) tokens.set(personId, await host.login(personId))
  return tokens.get(personId)!
}
async function as(personId: string, action: string, data: unknown) {
  const reply = await host.call('errands', action, data, await tokenOf(personId))
  if (reply.status !== 200) throw new Error(`setup errands.${action}: ${reply.status} ${JSON.stringify(reply.body.error)}`)
  return reply.body.data
}

beforeAll(async () => {
  host = await startTestHost()
  const persona = (predicate: (p: TestHost['personas'][number]) => boolean) => host.personaWith(predicate).id
  villager = persona((p) => isPlainVillager(p) && p.groupId === GROUP)
  leader = persona((p) => p.roles.includes('group_leader') && p.groupId === GROUP)
  secretary = persona((p) => p.roles.includes('village_secretary') && p.villageId === HEXING)
  const named: Array<[string, string]> = [
    ['村民（申请人）', villager],
    ['本组组长', leader],
    ['村书记', secretary],
    ['村干部', persona((p) => p.roles.includes('village_staff') && p.villageId === HEXING)],
    ['外村书记', persona((p) => p.roles.includes('village_secretary') && p.villageId === 'v-xinan')],
    ['外村组长', persona((p) => p.roles.includes('group_leader') && p.villageId === 'v-xinan')],
    ['镇干部', 'o-town-officer'],
    ['市干部', 'o-city-officer'],
    ['社区民警', 'o-police'],
    ['管理员', 'o-admin'],
  ]
  const { data: groups } = await host.store.collection('groups').limit(1000).get()
  const leaders = new Set(groups.map((group) => group.leaderId))
  for (const [who, personId] of named) {
    const { data: person } = await host.store.collection('people').doc(personId).get()
    const { data: grants } = await host.store.collection('grants').where({ personId }).limit(20).get()
    callers.push({
      who,
      personId,
      token: await tokenOf(personId),
      groupId: (person?.groupId as string | null) ?? null,
      leads: leaders.has(personId),
      grants: grants as unknown as Caller['grants'],
    })
  }
})
afterAll(async () => host.close())

let keys = 0
const clientKey = () => `matrix-key-${String((keys += 1)).padStart(4, '0')}`
type State = 'submitted' | 'accepted' | 'returned' | 'done' | 'extension' | 'consent'
/** A request of 合兴村 2组's villager, moved on to the state asked. */
async function request(state: State): Promise<{ requestId: string; filer: string }> {
  if (state === 'consent') {
    const { id } = await as(leader, 'submit', { itemId: 'ss-elder-allowance', clientKey: clientKey(), forPersonId: villager, consent: { how: 'app' } })
    return { requestId: id, filer: leader }
  }
  const { id } = await as(villager, 'submit', { itemId: 'gs-certificate', clientKey: clientKey() })
  if (state !== 'submitted') await as(leader, 'advance', { requestId: id, to: 'accepted' })
  if (state === 'returned') await as(leader, 'advance', { requestId: id, to: 'returned', note: '请补充户口簿' })
  if (state === 'done') await as(leader, 'advance', { requestId: id, to: 'done' })
  if (state === 'extension') await as(leader, 'extend', { requestId: id, days: 2, reason: '等镇里盖章' })
  return { requestId: id, filer: villager }
}

type Case = () => Promise<{ data: Record<string, unknown>; filer?: string }>
const on =
  (state: State, extra: Record<string, unknown> = {}): Case =>
  async () => {
    const { requestId, filer } = await request(state)
    return { data: { requestId, ...extra }, filer }
  }

/** A valid input for every action (on 合兴村, or a request of its 2组's villager). */
const CASES: Record<string, Case> = {
  catalog: async () => ({ data: {} }),
  setItem: async () => ({ data: { villageId: HEXING, itemId: 'gs-mediation', enabled: true, note: '保持开放' } }),
  setEscalation: async () => ({ data: { villageId: HEXING, townAfterDays: 3, note: '村两委会议决定' } }),
  submit: async () => ({ data: { itemId: 'gs-utility-pay', clientKey: clientKey() } }),
  mine: async () => ({ data: {} }),
  todo: async () => ({ data: {} }),
  list: async () => ({ data: { scopeId: HEXING } }),
  request: on('submitted'),
  advance: on('accepted', { to: 'collected' }),
  respond: on('returned', { note: '已补充' }),
  consent: on('consent', { decision: 'confirm' }),
  extend: on('accepted', { days: 2, reason: '等镇里盖章' }),
  decideExtension: on('extension', { approve: true }),
  rate: on('done', { rating: 'satisfied' }),
  callback: on('done', { rating: 'satisfied', note: '电话回访，村民满意' }),
  figures: async () => ({ data: { scopeId: HEXING } }),
}

function factsOf(caller: Caller, filer: string | undefined): Facts {
  const cadre = (grant: Caller['grants'][number]) => grant.role === 'village_secretary' || grant.role === 'village_staff'
  return {
    villager: caller.groupId !== null,
    forPerson: caller.personId === villager,
    filer: caller.personId === filer,
    leader: caller.personId === leader,
    leadsAnyGroup: caller.leads,
    villageCadre: caller.grants.some((grant) => cadre(grant) && grant.scope.level === 'village' && grant.scope.id === HEXING),
    anyVillageCadre: caller.grants.some(cadre),
    officerAbove: caller.grants.some(
      (grant) => (grant.role === 'town_officer' && grant.scope.level === 'town' && grant.scope.id === TOWN) || (grant.role === 'city_officer' && grant.scope.level === 'city'),
    ),
    admin: caller.grants.some((grant) => grant.role === 'admin'),
  }
}

const ACTIONS = Object.keys(contract.errands) as Array<keyof typeof contract.errands>

it('has a case and understood words for every errands action', () => {
  expect(ACTIONS.filter((action) => !CASES[action])).toEqual([])
  expect(ACTIONS.filter((action) => !WHO[contract.errands[action].who])).toEqual([])
  expect(Object.keys(CASES).filter((action) => !(ACTIONS as string[]).includes(action))).toEqual([])
})

it('the callers cover each kind of person the words name', () => {
  const facts = callers.map((caller) => factsOf(caller, villager))
  for (const key of ['villager', 'forPerson', 'leader', 'leadsAnyGroup', 'villageCadre', 'anyVillageCadre', 'officerAbove', 'admin'] as const) {
    expect([key, facts.some((fact) => fact[key]), facts.some((fact) => !fact[key])]).toEqual([key, true, true])
  }
})

describe.each(ACTIONS)('errands.%s', (action) => {
  it('lets those the contract names through and refuses the others (403, or 404 for a request they may not see; nothing written)', async () => {
    const means = WHO[contract.errands[action].who]
    expect([action, Boolean(means) && action in CASES]).toEqual([action, true])
    const { data, filer } = await CASES[action]()
    const onRequest = 'requestId' in data
    const allows = (caller: Caller) => means(factsOf(caller, filer))
    const problems: string[] = []
    // Refused callers first, so a state change by an allowed one cannot hide a wrong refusal as a 409.
    for (const caller of [...callers].sort((a, b) => Number(allows(a)) - Number(allows(b)))) {
      const allowed = allows(caller)
      const before = host.store.checksum()
      const reply = await host.call('errands', action, data, caller.token)
      const got = `${reply.status} ${reply.body.error?.message ?? ''}`
      if (LISTS_ONLY_THEIRS.has(action)) {
        if (reply.status !== 200) problems.push(`${caller.who}: expected 200, got ${got}`)
        else if (!allowed && reply.body.data.items.length > 0) problems.push(`${caller.who}: listed ${reply.body.data.items.length} requests not theirs`)
        continue
      }
      if (allowed && (reply.status === 403 || reply.status === 404 || reply.status >= 500)) problems.push(`${caller.who}: expected allowed, got ${got}`)
      const refusal = onRequest && !SEES_REQUEST(factsOf(caller, filer)) ? 404 : 403
      if (!allowed && reply.status !== refusal) problems.push(`${caller.who}: expected ${refusal}, got ${got}`)
      if (!allowed && host.store.checksum() !== before) problems.push(`${caller.who}: refused but wrote something`)
    }
    expect(problems).toEqual([])
  })
})
