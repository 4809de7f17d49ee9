/**
 * Who may call each mediation action, through the HTTP host. The expectations come from the
 * contract's `who` words (types/functions/mediation.ts), read here as facts about each caller and
 * the case, not from the policy code: an action whose words are not understood here, or without a
 * valid input here, fails. Each case action is tried on a case at the group, one gone up to the
 * village, one gone up to the town, and one flagged violence (at the village, the town and the
 * police told). Allowed callers get neither 403 nor 404 (a state reason, 409, is fine); refused
 * callers who may not see the case get 404 exactly as for a case that does not exist, the others
 * 403; nothing is written by a refusal. Nobody sees a case in a list they should not.
 */
import { contract } from '../../types'
import { MEDIATION_HANDLERS_WHO } from '../../types/functions/mediation'
import { addOtherTown, isPlainVillager, startTestHost, type TestHost } from '../support/test-host'
import { SAMPLE } from '../support/zip'

let host: TestHost
const HEXING = 'v-hexing'
const GROUP = 'v-hexing-g02'
const TOWN = 't-sijia'
const MISSING_CASE = 'case-00000000000000000000000000000000'

type Level = 'group' | 'village' | 'town'
type Variant = 'group' | 'village' | 'town' | 'violence'
const VARIANTS: Variant[] = ['group', 'village', 'town', 'violence']
const RANK: Record<Level, number> = { group: 0, village: 1, town: 2 }
/** Where each kind of case is, and which levels it has reached (a high-risk flag tells the town at once). */
const WHERE: Record<Variant, { level: Level; levels: Level[]; violence: boolean }> = {
  group: { level: 'group', levels: ['group'], violence: false },
  village: { level: 'village', levels: ['group', 'village'], violence: false },
  town: { level: 'town', levels: ['group', 'village', 'town'], violence: false },
  violence: { level: 'village', levels: ['group', 'village', 'town'], violence: true },
}

/** What the words ask about a caller, for a case of 合兴村 2组 whose party is 2组's villager. */
interface Facts {
  /** A villager of 2组 (村民, for their own group's dispute). */
  groupVillager: boolean
  /** Leads 2组 (本组组长). */
  leader: boolean
  /** The Party secretary or a cadre of 合兴村 (本村的村书记、村干部). */
  villageCadre: boolean
  /** A town officer of 四甲镇 (所属镇的镇干部). */
  townOfficer: boolean
  /** The police liaison of 四甲镇 (所属镇的社区民警). */
  police: boolean
  city: boolean
  admin: boolean
  /** A party to the case (本案当事人). */
  party: boolean
}

/** The level the caller handles this case at, by the words of MEDIATION_HANDLERS_WHO (null: none). */
function handlerLevel(f: Facts, variant: Variant): Level | null {
  const { levels } = WHERE[variant]
  if (levels.includes('town') && f.townOfficer) return 'town'
  if (levels.includes('village') && f.villageCadre) return 'village'
  if (f.leader) return 'group'
  return null
}
const handles = (f: Facts, v: Variant) => handlerLevel(f, v) !== null
const policeOn = (f: Facts, v: Variant) => f.police && WHERE[v].violence
const sees = (f: Facts, v: Variant) => f.party || handles(f, v) || policeOn(f, v)

type Means = (f: Facts, v: Variant) => boolean
const WHO: Record<string, Means> = {
  '村民（为自己的纠纷申请调解，由本组组长受理）；村民小组长（本组的纠纷）；本村的村书记、村干部（本村各组的纠纷，写明哪个组）': (f) =>
    f.groupVillager || f.leader || f.villageCadre,
  '本案当事人（看摘要）；本案经过的各级调解人：本组组长（本组没有组长时由村干部）；上报到村后本村的村书记、村干部；上报到镇后所属镇的镇干部；有暴力风险时所属镇的社区民警（别人看不到：404）':
    sees,
  '任何已登录的人（mine：自己是当事人的；group、village、town：自己作为该级调解人的）': () => true,
  [MEDIATION_HANDLERS_WHO]: handles,
  '本案经过的各级调解人：本组组长（本组没有组长时由村干部）；上报到村后本村的村书记、村干部；上报到镇后所属镇的镇干部；有暴力风险时所属镇的社区民警': (f, v) =>
    handles(f, v) || policeOn(f, v),
  '能看到这个案件的人（当事人只能看协议书和签字件）': sees,
  '本村的村书记、村干部；所属镇的镇干部；市级干部；管理员（只有数字，没有案件内容）': (f) => f.villageCadre || f.townOfficer || f.city || f.admin,
  '任何已登录的人（本镇的调解时限）': () => true,
  '所属镇的镇干部；管理员（各级调解时限，记入台账）': (f) => f.townOfficer || f.admin,
}
/**
 * Signing for, going up, the agreement and closing are the current level's: a handler of a level
 * below it is refused (403, "由村里签收"); one above may do it for them.
 */
const AT_OR_ABOVE = new Set(['signFor', 'escalate', 'recordAgreement', 'close'])

interface Caller {
  who: string
  personId: string
  token: string
  groupId: string | null
  grants: Array<{ role: string; scope: { level: string; id?: string } }>
}
const callers: Caller[] = []
let villager: string
let leader: string
let secretary: string
const TOWN_OFFICER = 'o-town-officer'

const tokens = new Map<string, string>()
async function tokenOf(personId: string): Promise<string> {
  if (!tokens.has(personId)) tokens.set(personId, await host.login(personId))
  return tokens.get(personId)!
}
async function as(personId: string, action: string, data: unknown) {
  const reply = await host.call('mediation', action, data, await tokenOf(personId))
  if (reply.status !== 200) throw new Error(`setup mediation.${action}: ${reply.status} ${JSON.stringify(reply.body.error)}`)
  return reply.body.data
}

beforeAll(async () => {
  host = await startTestHost()
  addOtherTown(host.store)
  const persona = (predicate: (p: TestHost['personas'][number]) => boolean) => host.personaWith(predicate).id
  villager = persona((p) => isPlainVillager(p) && p.groupId === GROUP)
  leader = persona((p) => p.roles.includes('group_leader') && p.groupId === GROUP)
  secretary = persona((p) => p.roles.includes('village_secretary') && p.villageId === HEXING)
  const { data: group3 } = await host.store.collection('groups').doc('v-hexing-g03').get()
  const people = (await host.store.collection('people').where({ groupId: GROUP }).orderBy('_id', 'asc').limit(200).get()).data
  const { data: groups } = await host.store.collection('groups').limit(1000).get()
  const leaders = new Set(groups.map((group) => group.leaderId))
  const neighbour = people.find((person) => person._id !== villager && !leaders.has(person._id))!._id as string
  const named: Array<[string, string]> = [
    ['本组组长', leader],
    ['村民（当事人）', villager],
    ['同组村民（不是当事人）', neighbour],
    ['外组组长', group3!.leaderId as string],
    ['村书记', secretary],
    ['村干部', persona((p) => p.roles.includes('village_staff') && p.villageId === HEXING)],
    ['外村书记', persona((p) => p.roles.includes('village_secretary') && p.villageId === 'v-xinan')],
    ['镇干部', TOWN_OFFICER],
    ['社区民警', 'o-police'],
    ['市干部', 'o-city-officer'],
    ['管理员', 'o-admin'],
    ['外镇干部', 'o-other-town'],
  ]
  for (const [who, personId] of named) {
    const { data: person } = await host.store.collection('people').doc(personId).get()
    const { data: grants } = await host.store.collection('grants').where({ personId }).limit(20).get()
    callers.push({ who, personId, token: await tokenOf(personId), groupId: (person?.groupId as string | null) ?? null, grants: grants as unknown as Caller['grants'] })
  }
})
afterAll(async () => host.close())

function factsOf(caller: Caller): Facts {
  const holds = (role: string, level: string, id?: string) =>
    caller.grants.some((grant) => grant.role === role && grant.scope.level === level && (id === undefined || grant.scope.id === id))
  return {
    groupVillager: caller.groupId === GROUP,
    leader: caller.personId === leader,
    villageCadre: holds('village_secretary', 'village', HEXING) || holds('village_staff', 'village', HEXING),
    townOfficer: holds('town_officer', 'town', TOWN),
    police: holds('police_liaison', 'town', TOWN),
    city: holds('city_officer', 'city'),
    admin: holds('admin', 'city'),
    party: caller.personId === villager,
  }
}

// ── Cases in the state each action needs ──────────────────────────────────────────────────────

let keys = 0
const clientKey = () => `matrix-key-${String((keys += 1)).padStart(4, '0')}`
const HANDLER_AT: Record<Variant, () => string> = { group: () => leader, village: () => secretary, town: () => TOWN_OFFICER, violence: () => secretary }
type State = 'awaiting' | 'mediating' | 'oral' | 'written' | 'visit'

/** A case of 2组 with its villager as a party, at the variant's level, moved on to the state asked. */
async function caseOf(variant: Variant, state: State): Promise<{ caseId: string; documentFileId?: string; followUpId?: string }> {
  const intake = {
    type: 'neighbours',
    parties: [
      { personId: villager, role: 'applicant' },
      { name: '外村施工队', phone: '13800000001', role: 'respondent' },
    ],
    description: '宅基地边上砌墙，挡了邻居的路',
    clientKey: clientKey(),
  }
  let caseId: string
  if (variant === 'group' && state === 'awaiting') {
    // A villager's own request waits for the leader to sign for it.
    caseId = (await as(villager, 'open', { ...intake, parties: [{ name: '外村施工队', role: 'respondent' }] })).id
    return { caseId }
  }
  caseId = (await as(leader, 'open', { ...intake, risks: variant === 'violence' ? ['violence'] : [] })).id
  if (variant === 'village' || variant === 'town') await as(leader, 'escalate', { caseId, reason: '组里调不下来' })
  if (variant === 'town') {
    await as(secretary, 'signFor', { caseId })
    await as(secretary, 'escalate', { caseId, reason: '村里也调不下来' })
  }
  if (state === 'awaiting') return { caseId }
  if (variant !== 'group') await as(HANDLER_AT[variant](), 'signFor', { caseId })
  if (state === 'mediating') return { caseId }
  const written = state === 'written'
  const agreed = await as(HANDLER_AT[variant](), 'recordAgreement', { caseId, form: written ? 'written' : 'oral', terms: '墙往里退半米，让出通道', performBy: '2099-12-31' })
  if (state !== 'visit') return { caseId, documentFileId: agreed.documentFileId }
  const visit = await as(HANDLER_AT[variant](), 'scheduleFollowUp', { caseId, at: new Date(Date.now() + 7 * 86_400_000).toISOString() })
  return { caseId, documentFileId: agreed.documentFileId, followUpId: visit.followUpId }
}

/** A photo uploaded by each caller (for the signed agreement), before any call is measured. */
async function photoOf(caller: Caller): Promise<string> {
  const response = await host.app.inject({
    method: 'POST',
    url: '/api/files?name=signed.jpg&purpose=photo',
    headers: { authorization: `Bearer ${caller.token}`, 'content-type': 'application/octet-stream' },
    payload: SAMPLE.jpg,
  })
  if (response.statusCode !== 200) throw new Error(`upload: ${response.body}`)
  return response.json().data.fileId
}

type Input = (caller: Caller) => Record<string, unknown>
type Setup = (variant: Variant) => Promise<Input>
const on =
  (state: State, extra: (made: Awaited<ReturnType<typeof caseOf>>) => Record<string, unknown> = () => ({})): Setup =>
  async (variant) => {
    const made = await caseOf(variant, state)
    const data = { caseId: made.caseId, ...extra(made) }
    return () => data
  }

/** A valid input for every case action, on a case of each variant. */
const CASE_ACTIONS: Record<string, Setup> = {
  case: on('mediating'),
  signFor: on('awaiting'),
  escalate: on('mediating', () => ({ reason: '调解不下来，请上级处理' })),
  log: on('mediating', () => ({ kind: 'contact', note: '电话联系了双方' })),
  flag: on('mediating', () => ({ risks: ['vulnerable'], note: '一方是独居老人' })),
  recordAgreement: on('mediating', () => ({ form: 'oral', terms: '墙往里退半米', performBy: '2099-12-31' })),
  attachSigned: async (variant) => {
    const { caseId } = await caseOf(variant, 'written')
    const photos = new Map<string, string>()
    for (const caller of callers) photos.set(caller.personId, await photoOf(caller))
    return (caller) => ({ caseId, fileId: photos.get(caller.personId)! })
  },
  close: on('mediating', () => ({ outcome: 'withdrawn', note: '当事人撤回申请' })),
  scheduleFollowUp: on('oral', () => ({ at: new Date(Date.now() + 3 * 86_400_000).toISOString(), note: '看墙退了没有' })),
  followUp: on('visit', (made) => ({ followUpId: made.followUpId, result: 'performed', note: '墙已经退了' })),
  extend: on('mediating', () => ({ days: 10, note: '双方同意延长十天' })),
  views: on('mediating'),
  file: on('written', (made) => ({ fileId: made.documentFileId })),
}
/** Actions not on one case: a valid input each. */
const OTHER_ACTIONS: Record<string, () => Record<string, unknown>> = {
  open: () => ({
    type: 'family',
    parties: [{ personId: villager, role: 'applicant' }],
    description: '兄弟分家，老屋归属有争议',
    groupId: GROUP,
    clientKey: clientKey(),
  }),
  list: () => ({ scope: 'mine' }),
  dashboard: () => ({ scopeId: HEXING }),
  limits: () => ({}),
  setLimits: () => ({ townId: TOWN, group: 7, village: 15, town: 15, note: '沿用默认时限' }),
}

const ACTIONS = Object.keys(contract.mediation) as Array<keyof typeof contract.mediation>
const envelope = (reply: { status: number; body: any }) => `${reply.status} ${reply.body.error?.code ?? ''} ${reply.body.error?.message ?? ''}`

it('has an input and understood words for every mediation action', () => {
  expect(ACTIONS.filter((action) => !CASE_ACTIONS[action] && !OTHER_ACTIONS[action])).toEqual([])
  expect(ACTIONS.filter((action) => !WHO[contract.mediation[action].who])).toEqual([])
  expect([...Object.keys(CASE_ACTIONS), ...Object.keys(OTHER_ACTIONS)].filter((action) => !(ACTIONS as string[]).includes(action))).toEqual([])
})

it('the callers cover each kind of person the words name', () => {
  const facts = callers.map(factsOf)
  for (const key of ['groupVillager', 'leader', 'villageCadre', 'townOfficer', 'police', 'city', 'admin', 'party'] as const) {
    expect([key, facts.some((fact) => fact[key]), facts.some((fact) => !fact[key])]).toEqual([key, true, true])
  }
  // Before and after the village and the town, with and without violence, somebody is in and somebody out.
  for (const variant of VARIANTS) expect([variant, facts.some((f) => sees(f, variant)), facts.some((f) => !sees(f, variant))]).toEqual([variant, true, true])
  expect(callers.filter((caller) => handles(factsOf(caller), 'group')).map((caller) => caller.who)).toEqual(['本组组长'])
})

const CASE_ROWS = Object.keys(CASE_ACTIONS).flatMap((action) => VARIANTS.map((variant) => ({ action, variant })))

describe.each(CASE_ROWS)('mediation.$action on a case at $variant', ({ action, variant }) => {
  it('lets those the words name through; refuses the others (404 as for no case when they may not see it, else 403); nothing written', async () => {
    const means = WHO[contract.mediation[action as keyof typeof contract.mediation].who]
    const input = await CASE_ACTIONS[action](variant)
    const level = WHERE[variant].level
    const allows = (caller: Caller, at: Level = level) => {
      const facts = factsOf(caller)
      if (!means(facts, variant)) return false
      if (!AT_OR_ABOVE.has(action)) return true
      return RANK[handlerLevel(facts, variant)!] >= RANK[at]
    }
    const problems: string[] = []
    // Refused callers first, so a state change by an allowed one cannot hide a wrong refusal as a 409.
    for (const caller of [...callers].sort((a, b) => Number(allows(a)) - Number(allows(b)))) {
      const data = input(caller)
      // An allowed caller before may have sent the case up (escalate): the level now decides.
      const now = (await host.store.collection('mediationCases').doc(String(data.caseId)).get()).data as unknown as { level: Level }
      const allowed = allows(caller, now.level)
      const before = host.store.checksum()
      const reply = await host.call('mediation', action, data, caller.token)
      const got = envelope(reply)
      if (allowed) {
        if (reply.status === 403 || reply.status === 404 || reply.status >= 500) problems.push(`${caller.who}: expected allowed, got ${got}`)
        continue
      }
      if (host.store.checksum() !== before) problems.push(`${caller.who}: refused but wrote something`)
      if (sees(factsOf(caller), variant)) {
        if (reply.status !== 403) problems.push(`${caller.who}: expected 403, got ${got}`)
        continue
      }
      // Exactly as for a case that does not exist.
      const missing = await host.call('mediation', action, { ...data, caseId: MISSING_CASE }, caller.token)
      if (reply.status !== 404) problems.push(`${caller.who}: expected 404, got ${got}`)
      if (got !== envelope(missing)) problems.push(`${caller.who}: ${got} differs from a missing case's ${envelope(missing)}`)
    }
    expect(problems).toEqual([])
  })
})

describe.each(Object.keys(OTHER_ACTIONS))('mediation.%s', (action) => {
  it('lets those the words name through and refuses the others with 403, writing nothing', async () => {
    const means = WHO[contract.mediation[action as keyof typeof contract.mediation].who]
    const problems: string[] = []
    for (const caller of [...callers].sort((a, b) => Number(means(factsOf(a), 'group')) - Number(means(factsOf(b), 'group')))) {
      const allowed = means(factsOf(caller), 'group')
      const before = host.store.checksum()
      const reply = await host.call('mediation', action, OTHER_ACTIONS[action](), caller.token)
      const got = envelope(reply)
      if (allowed && reply.status !== 200) problems.push(`${caller.who}: expected 200, got ${got}`)
      if (!allowed && reply.status !== 403) problems.push(`${caller.who}: expected 403, got ${got}`)
      if (!allowed && host.store.checksum() !== before) problems.push(`${caller.who}: refused but wrote something`)
    }
    expect(problems).toEqual([])
  })
})

describe('lists', () => {
  it('show a case only to those who may see it, each in their own scope', async () => {
    const made = new Map<Variant, string>()
    for (const variant of VARIANTS) made.set(variant, (await caseOf(variant, 'mediating')).caseId)
    const problems: string[] = []
    for (const caller of callers) {
      const facts = factsOf(caller)
      const listed: Record<string, string[]> = {}
      for (const scope of ['mine', 'group', 'village', 'town'])
        for (const state of [undefined, 'open', 'closed']) {
          const ids: string[] = []
          let cursor: string | undefined
          do {
            const page = await as(caller.personId, 'list', { scope, limit: 100, ...(state ? { state } : {}), ...(cursor ? { cursor } : {}) })
            ids.push(...page.items.map((item: { id: string }) => item.id))
            cursor = page.nextCursor ?? undefined
          } while (cursor)
          listed[`${scope}${state ? `/${state}` : ''}`] = ids
        }
      for (const [variant, caseId] of made) {
        const where = Object.entries(listed)
          .filter(([, ids]) => ids.includes(caseId))
          .map(([scope]) => scope.split('/')[0])
        const expected = new Set<string>()
        if (facts.party) expected.add('mine')
        const level = handlerLevel(facts, variant)
        if (facts.leader) expected.add('group')
        if (level === 'village' || (facts.villageCadre && WHERE[variant].levels.includes('village'))) expected.add('village')
        if (level === 'town' || policeOn(facts, variant)) expected.add('town')
        const got = [...new Set(where)].sort()
        if (got.join() !== [...expected].sort().join()) problems.push(`${caller.who} / ${variant}: listed in [${got}], expected [${[...expected].sort()}]`)
        if (!sees(facts, variant) && got.length) problems.push(`${caller.who} / ${variant}: sees a case they may not`)
      }
    }
    expect(problems).toEqual([])
  })
})
