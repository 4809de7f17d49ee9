/**
 * Hostile input at every action of every function in the contract (types/index.ts), through the
 * HTTP host over a real store, as a villager, a village Party secretary and an administrator:
 * huge strings, control and bidi characters, NUL, spreadsheet formulas, wrong types, nesting,
 * prototype keys, very large numbers, arrays of 10,000. Whatever arrives, the answer is an envelope
 * — 2xx, 400 with `fields`, 403, 404 or 409, never a 5xx — and a refusal writes nothing.
 */
import fc from 'fast-check'
import type { z } from 'zod'
import { contract } from '../../types'
import { HTTP_STATUS_OF } from '../../types/errors'
import { policy } from '../../types/policy'
import { isPlainVillager, startTestHost, type TestHost } from '../support/test-host'

let host: TestHost
const tokens: Record<string, string> = {}

beforeAll(async () => {
  host = await startTestHost()
  const ids = {
    villager: host.personaWith((p) => isPlainVillager(p) && p.villageId === 'v-hexing').id,
    secretary: host.personaWith((p) => p.roles.includes('village_secretary') && p.villageId === 'v-hexing').id,
    admin: host.personaWith((p) => p.roles.includes('admin')).id,
  }
  for (const [who, id] of Object.entries(ids)) tokens[who] = await host.login(id)
  // Councils: a matter of 合兴村's board open for voting, a draft, and a proposal to 2组's council.
  const councils = async (action: string, data: unknown, who: string) => (await host.call('councils', action, data, tokens[who])).body.data
  const matter = { bodyId: 'board-v-hexing', title: '修缮村道路灯', text: '拟修缮路灯。', kind: 'motion', closesAt: new Date(Date.now() + 7 * 24 * 60 * 60 * 1000).toISOString() }
  const voting = (await councils('createMatter', matter, 'secretary')).id
  await councils('open', { matterId: voting }, 'secretary')
  FIXTURES.matters.push(voting, (await councils('createMatter', matter, 'secretary')).id)
  FIXTURES.proposals.push((await councils('propose', { bodyId: 'council-v-hexing-g02', title: '增加垃圾桶', text: '村口垃圾桶太少。' }, 'villager')).id)
  // Errands: a request of the villager's, waiting to be signed for.
  FIXTURES.errands.push((await host.call('errands', 'submit', { itemId: 'gs-certificate', clientKey: 'fuzz-fixture-0001' }, tokens.villager)).body.data.id)
  // Mediation: the villager's own request (a party), and one the secretary took in flagged 越级上访 (at the village: theirs), agreed orally with a follow-up due.
  const mediation = async (action: string, data: unknown, who: string) => {
    const reply = await host.call('mediation', action, data, tokens[who])
    if (reply.status !== 200) throw new Error(`setup mediation.${action}: ${reply.status} ${JSON.stringify(reply.body.error)}`)
    return reply.body.data
  }
  const intake = { type: 'neighbours', parties: [{ name: '邻居王某', role: 'respondent' }], description: '宅基地边上砌墙，挡了邻居的路' }
  FIXTURES.cases.push((await mediation('open', { ...intake, clientKey: 'fuzz-case-0001' }, 'villager')).id)
  const flagged = (await mediation('open', { ...intake, risks: ['petition'], groupId: 'v-hexing-g02', clientKey: 'fuzz-case-0002' }, 'secretary')).id
  await mediation('signFor', { caseId: flagged }, 'secretary')
  await mediation('recordAgreement', { caseId: flagged, form: 'oral', terms: '墙往里退半米', performBy: '2099-12-31' }, 'secretary')
  FIXTURES.followUps.push((await mediation('scheduleFollowUp', { caseId: flagged, at: new Date(Date.now() + 86_400_000).toISOString() }, 'secretary')).followUpId)
  FIXTURES.cases.push(flagged, (await mediation('open', { ...intake, groupId: 'v-hexing-g03', clientKey: 'fuzz-case-0003' }, 'secretary')).id)
})
afterAll(async () => host.close())

/** Council records made in beforeAll, read when the inputs are drawn (after it). */
const FIXTURES: { matters: string[]; proposals: string[]; errands: string[]; cases: string[]; followUps: string[] } = {
  matters: ['m-nowhere'],
  proposals: ['p-nowhere'],
  errands: ['errand-nowhere'],
  cases: ['case-nowhere'],
  followUps: ['f9'],
}
const fixture = (list: string[]) => fc.nat({ max: 99 }).map((index) => list[index % list.length])

// ── Hostile values ────────────────────────────────────────────────────────────────────────────

const HUGE = 'x'.repeat(1_000_000)
const hostileString = fc.oneof(
  fc.constantFrom(
    '',
    ' ',
    '\u0000',
    'a\u0000b',
    '\u202e\u2066名\u200b字\u202c',
    '\u0007\u001b[31m\u009b',
    '=HYPERLINK("http://evil.example","点我")',
    "=cmd|' /C calc'!A0",
    '+1+1',
    '-2+3',
    '@SUM(1,1)',
    '\t=1+1',
    '\r=1+1',
    '张'.repeat(5_000),
    'x'.repeat(100_000),
    HUGE,
    '__proto__',
    'constructor',
    '../../etc/passwd',
    'cloud://user-uploads/x.csv',
    "'; DROP TABLE people; --",
    '{"$gt":""}',
    '2027-02-30',
    '9999-99-99',
    '12345678',
  ),
  fc.string({ maxLength: 24 }),
  fc.string({ unit: 'binary', maxLength: 24 }),
)
/** Only what JSON can carry: NaN and Infinity would arrive as null. */
const hostileNumber = fc.oneof(
  fc.constantFrom(0, -1, 1, 1.5, -0.5, 2027, 1e21, -1e21, 1e308, -1e308, Number.MAX_SAFE_INTEGER + 2, 2 ** 31, 5e-324),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
)
/** Ids and words of the demo town, so some inputs get past validation to the rules and the store. */
const plausible = fc.constantFrom(
  'v-hexing',
  'v-xinan',
  'v-hexing-g02',
  'v-hexing-g09',
  'v-hexing-g10',
  'v-hexing-g02-h001-p1',
  't-sijia',
  'village',
  'town',
  'city',
  'MOVE_GROUP',
  'APPOINT_LEADER',
  'holiday',
  'workday',
  'full',
  'probationary',
  'import',
  'photo',
  '2027-01-01',
  '方便开会',
  1,
  20,
  2027,
  true,
  false,
  null,
  [],
  ['v-hexing-g01'],
  { kind: 'MOVE_GROUP', groupId: 'v-hexing-g09', toGroupId: 'v-hexing-g10', why: '方便开会' },
  { kind: 'APPOINT_LEADER', partyGroupId: 'v-hexing-g02', leaderId: 'v-hexing-g02-h002-p2', why: '方便开会' },
  [{ id: 'g1', number: 1, leaderId: null, neighbours: [] }],
  [{ id: 'p1', groupId: 'g1', partyMember: true }],
)
const bigArray = fc.constantFrom(
  Array.from({ length: 10_000 }, (_, index) => `id-${index}`),
  Array.from({ length: 10_000 }, () => 0),
  Array.from({ length: 10_000 }, () => ({ id: 'g', number: 1 })),
)
const leaf = fc.oneof(hostileString, hostileNumber, fc.boolean(), fc.constant(null), plausible)
const { value: hostileValue } = fc.letrec<{ value: unknown; array: unknown[]; object: Record<string, unknown> }>((tie) => ({
  value: fc.oneof({ depthSize: 'small' }, leaf, leaf, tie('array'), tie('object'), bigArray),
  array: fc.array(tie('value'), { maxLength: 4 }),
  object: fc.dictionary(fc.oneof(fc.string({ maxLength: 8 }), fc.constantFrom('__proto__', 'constructor', 'prototype', 'villageId', 'groupId', 'id', 'kind')), tie('value'), {
    maxKeys: 4,
  }),
}))
/** Nested deep enough to hurt a recursive walk; built only when sent, and reported by its depth. */
class Deep {
  constructor(readonly depth: number) {}
  /** As JSON text: JSON.stringify of the object itself would run out of stack in the test. */
  json(): string {
    return '{"a":'.repeat(this.depth) + '1' + '}'.repeat(this.depth)
  }
  [fc.toStringMethod](): string {
    return `Deep(${this.depth})`
  }
}
const deep = fc.integer({ min: 1_000, max: 5_000 }).map((depth) => new Deep(depth))

/** Plausible values by key name, so multi-key inputs are often valid as a whole and reach `run`. */
const BY_KEY: Record<string, fc.Arbitrary<unknown>> = {
  villageId: fc.constantFrom('v-hexing', 'v-xinan', 'v-nowhere'),
  groupId: fc.constantFrom('v-hexing-g02', 'v-hexing-g09', 'v-xinan-g01', 'g-nowhere'),
  personId: fc.constantFrom('v-hexing-g02-h001-p1', 'v-hexing-g02-h002-p2', 'v-xinan-g01-h001-p1', 'p-nowhere'),
  leaderId: fc.constantFrom(null, 'v-hexing-g02-h002-p2', 'v-hexing-g02-h001-p1'),
  neighbours: fc.constantFrom([], ['v-hexing-g01'], ['v-hexing-g03', 'v-hexing-g01']),
  level: fc.constantFrom('village', 'town', 'city'),
  id: fc.constantFrom('v-hexing', 't-sijia', 'v-nowhere'),
  kind: fc.constantFrom('holiday', 'workday', null, 'motion', 'choice', 'election', 'contact', 'session', 'informed', 'note'),
  name: fc.constantFrom('元旦', '调休', '报表.xlsx'),
  date: fc.constantFrom('2027-01-01', '2027-10-08'),
  year: fc.constantFrom(2026, 2027),
  partyMembership: fc.constantFrom('full', 'probationary', null),
  ids: fc.constantFrom(['n-1'], ['x', 'y']),
  limit: fc.constantFrom(1, 20, 100),
  fileId: fc.constantFrom('cloud://user-uploads/x.csv', 'local/none.csv'),
  purpose: fc.constantFrom('import', 'photo'),
  code: fc.constantFrom('12345678', '00000000'),
  allowRemovals: fc.boolean(),
  override: fc.constantFrom(
    { kind: 'MOVE_GROUP', groupId: 'v-hexing-g09', toGroupId: 'v-hexing-g10', why: '方便开会' },
    { kind: 'MOVE_GROUP', groupId: 'v-hexing-g05', toGroupId: 'v-hexing-g01', why: '方便开会' },
    { kind: 'APPOINT_LEADER', partyGroupId: 'v-hexing-g02', leaderId: 'v-hexing-g02-h002-p2', why: '方便开会' },
  ),
  groups: fc.constantFrom(
    [{ id: 'g1', number: 1, leaderId: null, neighbours: [] }],
    [
      { id: 'g1', number: 1, leaderId: 'p1', neighbours: ['g2'] },
      { id: 'g2', number: 2, leaderId: null, neighbours: ['g1'] },
    ],
  ),
  members: fc.constantFrom([], [{ id: 'p1', groupId: 'g1', partyMember: true }]),
  // Councils
  bodyId: fc.constantFrom('board-v-hexing', 'council-v-hexing-g02', 'board-v-xinan', 'b-nowhere'),
  matterId: fixture(FIXTURES.matters),
  proposalId: fixture(FIXTURES.proposals),
  seat: fc.constantFrom('member', 'chair', 'villager_rep', 'party_org'),
  note: fc.constantFrom('村民推选', '当面表决，本人不会用手机'),
  reason: fc.constantFrom('利益相关', '资金应先用于修桥'),
  title: fc.constantFrom('修缮村道路灯', '环境整治'),
  text: fc.constantFrom('拟修缮路灯。', '同意'),
  closesAt: fc.constantFrom(new Date(Date.now() + 3 * 24 * 60 * 60 * 1000).toISOString(), '2020-01-01T00:00:00Z', '2027-13-01T00:00:00Z'),
  ballot: fc.constantFrom('named', 'secret'),
  options: fc.constantFrom(['甲', '乙'], []),
  maxChoices: fc.constantFrom(1, 2),
  seats: fc.constantFrom(1, 2),
  rule: fc.constantFrom('majority', 'two_thirds'),
  reasonToOppose: fc.boolean(),
  public: fc.boolean(),
  candidates: fc.constantFrom(['v-hexing-g02-h001-p1', 'v-hexing-g02-h002-p2'], []),
  nonStanding: fc.constantFrom([], [{ personId: null, name: '张工', role: '专业人士' }]),
  template: fc.constantFrom('村规民约修订'),
  state: fc.constantFrom('draft', 'published', 'voting', 'closed', 'minuted', 'submitted', 'accepted', 'open'),
  filter: fc.constantFrom('to_vote', 'results'),
  choice: fc.constantFrom('agree', 'oppose', 'abstain', ['o1'], ['c1']),
  onBehalfOf: fc.constantFrom('v-hexing-g02-h001-p1', 'p-nowhere'),
  attendees: fc.constantFrom(['组长', '村书记']),
  summary: fc.constantFrom('讨论了方案'),
  decisions: fc.constantFrom('同意'),
  winners: fc.constantFrom(['c1'], ['o1', 'o2']),
  decision: fc.constantFrom('adopt', 'forward', 'decline', 'confirm', 'withdraw'),
  // Errands
  itemId: fc.constantFrom('gs-certificate', 'gs-utility-pay', 'ss-elder-allowance', 'no-such-item'),
  clientKey: fc.constantFrom('fuzz-key-00000001', 'fuzz-key-00000002', 'fuzz-fixture-0001', 'short'),
  forPersonId: fc.constantFrom('v-hexing-g02-h001-p1', 'v-xinan-g01-h001-p1', 'p-nowhere'),
  consent: fc.constantFrom({ how: 'app' }, { how: 'in_person', note: '当面同意，其子在场' }, { how: 'in_person' }),
  contactTime: fc.constantFrom('晚上', '上午九点后'),
  visitAt: fc.constantFrom(new Date(Date.now() + 2 * 24 * 60 * 60 * 1000).toISOString(), '2027-02-30T09:00:00+08:00'),
  photoIds: fc.constantFrom([], ['cloud://user-uploads/none.jpg']),
  requestId: fixture(FIXTURES.errands),
  to: fc.constantFrom('accepted', 'collected', 'handed_on', 'done', 'closed', 'returned', 'cancelled'),
  handedTo: fc.constantFrom('village', 'town'),
  enabled: fc.boolean(),
  days: fc.constantFrom(1, 3, 20, 60),
  townAfterDays: fc.constantFrom(1, 3, 20),
  approve: fc.boolean(),
  rating: fc.constantFrom('satisfied', 'fair', 'unsatisfied'),
  scopeId: fc.constantFrom('v-hexing', 't-sijia', 'city', 'v-nowhere'),
  months: fc.constantFrom(1, 12, 24),
  // Mediation
  caseId: fixture(FIXTURES.cases),
  followUpId: fixture(FIXTURES.followUps),
  type: fc.constantFrom('neighbours', 'family', 'land', 'labour', 'project', 'other', 'feud'),
  parties: fc.constantFrom(
    [{ personId: 'v-hexing-g02-h001-p1', role: 'applicant' }],
    [
      { name: '电网施工队', phone: '13800000000', role: 'respondent' },
      { personId: 'p-nowhere', role: 'other' },
    ],
    [],
  ),
  description: fc.constantFrom('宅基地边上砌墙，挡了邻居的路', '短'),
  risks: fc.constantFrom([], ['petition'], ['violence', 'mass'], ['vulnerable', 'vulnerable']),
  source: fc.constantFrom({ kind: 'chat', id: 'chat-1' }, { kind: 'errand', id: 'errand-nowhere' }),
  scope: fc.constantFrom('mine', 'group', 'village', 'town'),
  form: fc.constantFrom('written', 'oral'),
  terms: fc.constantFrom(
    '墙往里退半米',
    { facts: '砌墙', dispute: '通道', obligations: [{ party: '王某', duty: '退墙', by: '2027-04-01' }] },
    { facts: '砌墙', dispute: '通道', obligations: [] },
  ),
  performBy: fc.constantFrom('2027-04-01', '2027-02-30'),
  signedFileId: fc.constantFrom('cloud://user-uploads/none.jpg', 'local/none.jpg'),
  outcome: fc.constantFrom('resolved', 'referred', 'failed', 'withdrawn'),
  result: fc.constantFrom('performed', 'partly', 'not_performed'),
  next: fc.constantFrom('urge', 'reopen', 'court'),
  at: fc.constantFrom(new Date(Date.now() - 3_600_000).toISOString(), new Date(Date.now() + 2 * 86_400_000).toISOString(), '2027-02-30T09:00:00+08:00'),
  townId: fc.constantFrom('t-sijia', 't-nowhere', 'v-hexing'),
  group: fc.constantFrom(1, 7, 60),
  village: fc.constantFrom(1, 15, 60),
  town: fc.constantFrom(1, 15, 90),
}

// Chats: a message and a mutual-aid request of 合兴村 2组's chat, made in beforeAll below.
const CHAT_FIXTURES: { messages: string[]; aids: string[] } = { messages: ['group:v-hexing-g02|000000999'], aids: ['aid-nowhere'] }
beforeAll(async () => {
  const chat = async (action: string, data: unknown, who: string) => (await host.call('chat', action, data, tokens[who])).body.data
  const chatId = 'group:v-hexing-g02'
  const sent = await chat('send', { chatId, clientId: 'fuzz-chat-0001', text: '明天几点开会？' }, 'villager')
  const notice = await chat('notice', { chatId, clientId: 'fuzz-chat-0002', text: '周六上午打扫卫生' }, 'secretary')
  const held = await chat('send', { chatId, clientId: 'fuzz-chat-0003', text: '谁借我钱，我给你转账' }, 'villager')
  const aid = await chat('aid', { chatId, clientId: 'fuzz-chat-0004', title: '帮忙收稻子', text: '家里老人病了，稻子没人收' }, 'villager')
  CHAT_FIXTURES.messages.push(sent.id, notice.id, held.id, aid.messageId)
  CHAT_FIXTURES.aids.push(aid.id)
})
Object.assign(BY_KEY, {
  chatId: fc.constantFrom('group:v-hexing-g02', 'village:v-hexing', 'group:v-xinan-g01', 'group:g-nowhere', 'town:t-sijia'),
  clientId: fc.constantFrom('fuzz-chat-0001', 'fuzz-chat-9001', 'fuzz-chat-9002', 'short'),
  messageId: fixture(CHAT_FIXTURES.messages),
  upTo: fixture(CHAT_FIXTURES.messages),
  after: fixture(CHAT_FIXTURES.messages),
  replyTo: fixture(CHAT_FIXTURES.messages),
  aidId: fixture(CHAT_FIXTURES.aids),
  durationS: fc.constantFrom(1, 30, 60, 61),
  card: fc.constantFrom({ kind: 'aid', id: 'aid-nowhere' }, { kind: 'case', id: 'case-nowhere' }, { kind: 'notice', id: 'group:v-hexing-g02|000000002' }),
  thanks: fc.constantFrom('谢谢大家帮忙', '谢'),
  scope: fc.constantFrom('group', 'village', 'town'),
} satisfies Record<string, fc.Arbitrary<unknown>>)

/** The action's own keys with hostile or plausible values, sometimes with a stray key, sometimes not an object at all. */
function inputFor(schema: z.ZodType): fc.Arbitrary<unknown> {
  const shape = (schema as unknown as { shape?: Record<string, unknown> }).shape ?? {}
  const keys = Object.keys(shape)
  // Mostly plausible values, one hostile here and there, so many calls get past validation to the
  // rules, the store and the answers; every key present, or any of them missing.
  const field = fc.oneof({ weight: 3, arbitrary: plausible }, { weight: 1, arbitrary: hostileValue })
  const fields = Object.fromEntries(keys.map((key) => [key, BY_KEY[key] ? fc.oneof({ weight: 4, arbitrary: BY_KEY[key] }, { weight: 1, arbitrary: field }) : field])) as Record<
    string,
    fc.Arbitrary<unknown>
  >
  const stray = fc.oneof(
    { weight: 5, arbitrary: fc.constant(undefined) },
    { weight: 1, arbitrary: fc.tuple(fc.constantFrom('__proto__', 'constructor', 'extra', 'prototype'), hostileValue) },
  )
  const shaped = fc
    .tuple(fc.oneof(fc.record(fields), fc.record(fields, { requiredKeys: [] })), stray)
    .map(([record, extra]) => (extra ? Object.defineProperty({ ...record }, extra[0], { value: extra[1], enumerable: true }) : record))
  return fc.oneof({ weight: 6, arbitrary: shaped }, { weight: 2, arbitrary: hostileValue }, { weight: 1, arbitrary: deep })
}

// ── Every action of every function ───────────────────────────────────────────────────────────

const ACTIONS = Object.entries(contract).flatMap(([fn, actions]) =>
  Object.entries(actions as Record<string, { input: z.ZodType }>).map(([action, spec]) => ({
    name: `${fn}.${action}`,
    fn,
    action,
    input: spec.input,
    // Binding a WeChat account needs the OPENID WeChat supplies: on the local host it answers 401.
    anonymous: (policy as unknown as Record<string, Record<string, { anonymous: boolean }>>)[fn]?.[action]?.anonymous === true,
  })),
)

// 429: a person's messages in a chat are rate limited (RATE_LIMITED), a refusal like the others.
const STATUSES = new Set([400, 403, 404, 409, 429])

describe.each(ACTIONS)('$name', ({ fn, action, input, anonymous }) => {
  it('answers hostile input with an envelope, never a 5xx, and a refusal writes nothing', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom('villager', 'secretary', 'admin'), inputFor(input), async (who, data) => {
        const before = host.store.checksum()
        // Serialised here, so an own `__proto__` key is sent as a key (a plain object literal would drop it).
        const payload = `{"action":${JSON.stringify(action)},"data":${data instanceof Deep ? data.json() : (JSON.stringify(data) ?? 'null')}}`
        const response = await host.app.inject({
          method: 'POST',
          url: `/api/fn/${fn}`,
          payload,
          headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens[who]}` },
        })
        const status = response.statusCode
        const body = response.json()
        const problem = `${who} → ${status} ${response.body.slice(0, 300)}`
        if (status >= 200 && status < 300) {
          expect([problem, body.ok]).toEqual([problem, true])
          return
        }
        expect([problem, STATUSES.has(status) || (anonymous && status === 401), body.ok, HTTP_STATUS_OF[body.error?.code as keyof typeof HTTP_STATUS_OF]]).toEqual([
          problem,
          true,
          false,
          status,
        ])
        if (status === 400) expect([problem, Array.isArray(body.error.fields) && body.error.fields.length > 0]).toEqual([problem, true])
        expect([problem, host.store.checksum()]).toEqual([problem, before])
      }),
      { numRuns: 30, seed: Number(process.env.FUZZ_SEED ?? 20270101) },
    )
  })
})
