/**
 * Mediation (老娘舅, issue 11) through the HTTP host over a real store: a leader's intake flagged
 * 越级上访 reaching the village and the town at once, signing for, the work log, a written
 * agreement as a .docx, closing, a follow-up that reopens, and confidentiality (404 for everyone else,
 * nothing in their lists, nothing in the ledger).
 */
import { calendarDeadline } from '../../cloudfunctions/shared/domain/mediation/clock'
import { addOtherTown, isPlainVillager, startTestHost, type TestHost } from '../support/test-host'
import { SAMPLE } from '../support/zip'

let host: TestHost
const HEXING = 'v-hexing'
const GROUP = 'v-hexing-g02'
const MONDAY = '2027-03-01T01:00:00.000Z'

type Reply = { status: number; body: any }
const tokens = new Map<string, string>()
async function tokenOf(personId: string): Promise<string> {
  if (!tokens.has(personId)) tokens.set(personId, await host.login(personId))
  return tokens.get(personId)!
}
const as = async (personId: string, action: string, data: unknown): Promise<Reply> => host.call('mediation', action, data, await tokenOf(personId))
const inject = (method: 'GET' | 'POST', url: string, payload?: unknown) =>
  host.app.inject({ method, url, payload: payload as never }).then((response) => ({ status: response.statusCode, body: response.json() }))
const setClock = async (at: string | Date | null) => {
  const set = await inject('POST', '/api/dev/clock', { at: at instanceof Date ? at.toISOString() : at })
  expect(set.status).toBe(200)
}
const ok = (reply: Reply) => {
  expect([reply.status, reply.body.error]).toEqual([200, undefined])
  return reply.body.data
}

let villager: string
let leader: string
let secretary: string
let otherLeader: string
let neighbour: string
const TOWN = 'o-town-officer'
const POLICE = 'o-police'

beforeAll(async () => {
  host = await startTestHost()
  addOtherTown(host.store)
  villager = host.personaWith((p) => isPlainVillager(p) && p.groupId === GROUP).id
  leader = host.personaWith((p) => p.roles.includes('group_leader') && p.groupId === GROUP).id
  secretary = host.personaWith((p) => p.roles.includes('village_secretary') && p.villageId === HEXING).id
  const { data: group3 } = await host.store.collection('groups').doc('v-hexing-g03').get()
  otherLeader = group3!.leaderId as string
  const people = (await host.store.collection('people').where({ groupId: GROUP }).orderBy('_id', 'asc').limit(200).get()).data
  neighbour = people.find((person: any) => person._id !== leader && person._id !== villager)!._id as string
})
afterAll(async () => {
  await setClock(null)
  await host.close()
})

describe('a case flagged 越级上访, from intake to follow-up', () => {
  it('goes to the village and tells the town at once; the town records an agreement; the case closes; a follow-up reopens it', async () => {
    await setClock(MONDAY)
    const opened = ok(
      await as(leader, 'open', {
        type: 'project',
        parties: [
          { personId: villager, role: 'applicant' },
          { name: '电网施工队', phone: '13800000000', role: 'respondent' },
        ],
        description: '电网项目占地补偿有争议，村民扬言要去北京上访',
        risks: ['petition'],
        clientKey: 'smoke-0001',
      }),
    )
    expect(opened).toMatchObject({ level: 'village', state: 'awaiting_signature' })
    expect(opened.number).toMatch(/^合兴调2027-\d{4}$/)

    const villageList = ok(await as(secretary, 'list', { scope: 'village' })).items
    expect(villageList.map((item: any) => item.id)).toContain(opened.id)
    const townList = ok(await as(TOWN, 'list', { scope: 'town' })).items
    expect(townList.map((item: any) => item.id)).toContain(opened.id)
    const attention = ok(await host.call('home', 'attention', {}, await tokenOf(TOWN))).items
    expect(attention).toEqual(expect.arrayContaining([expect.objectContaining({ kind: 'mediation_high_risk', page: '/packages/mediation/pages/index/index?scope=town' })]))
    const inbox = ok(await host.call('inbox', 'list', { limit: 50 }, await tokenOf(TOWN))).items
    expect(inbox.some((item: any) => item.page.includes(encodeURIComponent(opened.id)))).toBe(true)

    // Nobody else: the leader of another group, a neighbour who is no party, the police (no violence).
    for (const outsider of [otherLeader, neighbour, POLICE]) {
      expect((await as(outsider, 'case', { caseId: opened.id })).status).toBe(404)
      for (const scope of ['mine', 'group', 'village', 'town']) expect(ok(await as(outsider, 'list', { scope })).items.map((item: any) => item.id)).not.toContain(opened.id)
    }

    const party = ok(await as(villager, 'case', { caseId: opened.id }))
    expect(party.view).toBe('party')
    expect(party.log).toEqual([])
    expect(party.risks).toEqual([])

    ok(await as(TOWN, 'signFor', { caseId: opened.id }))
    ok(await as(TOWN, 'log', { caseId: opened.id, kind: 'informed', note: '告知调解性质和效力' }))
    ok(await as(TOWN, 'log', { caseId: opened.id, kind: 'session', attendees: ['冯斌'], place: '村委会', outcome: '基本同意补偿方案' }))
    const agreed = ok(
      await as(TOWN, 'recordAgreement', {
        caseId: opened.id,
        form: 'written',
        terms: { facts: '电网占地', dispute: '补偿标准', obligations: [{ party: '电网施工队', duty: '补偿青苗费 3000 元', by: '2027-03-20' }] },
        performBy: '2027-03-20',
      }),
    )
    expect(agreed.state).toBe('agreed')
    expect(agreed.effectiveAt).toBeNull()
    const file = ok(await as(TOWN, 'file', { caseId: opened.id, fileId: agreed.documentFileId }))
    expect(file.name).toMatch(/\.docx$/)
    const link = new URL(file.url, 'http://localhost')
    const download = await host.app.inject({ method: 'GET', url: link.pathname + link.search })
    expect(download.statusCode).toBe(200)
    // A .docx is a zip whose first entry says what it is.
    expect(download.rawPayload.subarray(0, 2).toString()).toBe('PK')
    expect(download.rawPayload.includes(Buffer.from('word/document.xml'))).toBe(true)

    const closed = ok(await as(TOWN, 'close', { caseId: opened.id, outcome: 'resolved', note: '双方签字' }))
    expect(closed.state).toBe('closed')
    const visit = ok(await as(TOWN, 'scheduleFollowUp', { caseId: opened.id, at: '2027-03-21T02:00:00.000Z' }))
    const reopened = ok(await as(TOWN, 'followUp', { caseId: opened.id, followUpId: visit.followUpId, result: 'not_performed', next: 'reopen', note: '没有付钱' }))
    expect(reopened.state).toBe('mediating')

    const views = ok(await as(TOWN, 'views', { caseId: opened.id })).items
    expect(views.length).toBeGreaterThanOrEqual(1)
    const ledger = (await host.store.collection('audit').where({ subjectId: opened.id }).get()).data
    expect(ledger.every((entry: any) => entry.confidential === true)).toBe(true)
    const dashboard = ok(await as(TOWN, 'dashboard', { scopeId: 't-sijia' }))
    expect(dashboard.open).toBeGreaterThanOrEqual(1)
  })
})

// ── Intake, retries, refusals, the agreement, confidentiality, dashboards ─────────────────────

let keys = 0
const clientKey = () => `intake-key-${String((keys += 1)).padStart(4, '0')}`
const INTAKE = { type: 'neighbours', description: '宅基地边上砌墙，挡了邻居的路' }
const idsOf = (page: { items: Array<{ id: string }> }) => page.items.map((item) => item.id)
async function notices(personId: string, caseId: string, words: string): Promise<number> {
  const items = ok(await host.call('inbox', 'list', { limit: 100 }, await tokenOf(personId))).items as Array<{ title: string; body: string; page: string }>
  return items.filter((item) => item.page.includes(encodeURIComponent(caseId)) && `${item.title} ${item.body}`.includes(words)).length
}
async function photo(personId: string): Promise<string> {
  const response = await host.app.inject({
    method: 'POST',
    url: '/api/files?name=signed.jpg&purpose=photo',
    headers: { authorization: `Bearer ${await tokenOf(personId)}`, 'content-type': 'application/octet-stream' },
    payload: SAMPLE.jpg,
  })
  expect(response.statusCode).toBe(200)
  return response.json().data.fileId
}
/** The leader takes a dispute with 2组's villager in, signed for at once. */
async function leaderCase(extra: Record<string, unknown> = {}): Promise<string> {
  return ok(
    await as(leader, 'open', {
      ...INTAKE,
      parties: [
        { personId: villager, role: 'applicant' },
        { name: '邻居王某', phone: '13900000002', role: 'respondent' },
      ],
      clientKey: clientKey(),
      ...extra,
    }),
  ).id
}
/** The demo clock's now (it runs on from the moment set). */
const clockNow = async () => Date.parse((await inject('GET', '/api/dev/clock')).body.data.now)
const fromNow = async (ms: number) => new Date((await clockNow()) + ms).toISOString()

/** A refusal: the status and code asked, the field named (if any), and nothing written. */
async function refused(call: () => Promise<Reply>, status: number, code: string, path?: string): Promise<Reply> {
  const before = host.store.checksum()
  const reply = await call()
  expect([reply.status, reply.body.error?.code]).toEqual([status, code])
  if (path) expect(reply.body.error.fields.map((field: { path: string }) => field.path)).toContain(path)
  expect(host.store.checksum()).toBe(before)
  return reply
}

describe('intake', () => {
  it('a villager’s request waits for the leader to sign for it; the leader is told', async () => {
    const opened = ok(await as(villager, 'open', { ...INTAKE, parties: [{ name: '邻居王某', role: 'respondent' }], clientKey: clientKey() }))
    expect(opened).toMatchObject({ level: 'group', state: 'awaiting_signature' })
    expect(await notices(leader, opened.id, '请签收')).toBe(1)
    expect(idsOf(ok(await as(leader, 'list', { scope: 'group' })))).toContain(opened.id)
    // The villager who asked is a party (sees the summary in their own list).
    expect(idsOf(ok(await as(villager, 'list', { scope: 'mine' })))).toContain(opened.id)
    const mine = ok(await as(villager, 'case', { caseId: opened.id }))
    expect(mine).toMatchObject({ view: 'party', state: 'awaiting_signature', signedAt: null })
    // Nobody at the village is asked yet.
    expect(idsOf(ok(await as(secretary, 'list', { scope: 'village' })))).not.toContain(opened.id)

    expect(ok(await as(leader, 'signFor', { caseId: opened.id }))).toEqual({ state: 'mediating', level: 'group' })
    expect(await notices(villager, opened.id, '调解员已接手')).toBe(1)
    const signed = ok(await as(leader, 'case', { caseId: opened.id }))
    expect(signed).toMatchObject({ state: 'mediating', signedBy: { id: leader } })
    expect(signed.can).toMatchObject({ signFor: false, escalate: true, recordAgreement: true })
    await refused(() => as(leader, 'signFor', { caseId: opened.id }), 409, 'CONFLICT')
  })

  it('a leader’s intake is signed for at once; the parties on the roster are told', async () => {
    const id = await leaderCase()
    const found = ok(await as(leader, 'case', { caseId: id }))
    expect(found).toMatchObject({ view: 'handler', level: 'group', state: 'mediating', signedBy: { id: leader }, levels: ['group'] })
    expect(found.parties).toEqual([
      expect.objectContaining({ personId: villager, role: 'applicant', groupName: expect.any(String) }),
      { personId: null, name: '邻居王某', phone: '13900000002', role: 'respondent', groupName: null },
    ])
    expect(found.dueAt).toBe(calendarDeadline(new Date(found.levelSince), 7).toISOString())
    expect(found.mustEndBy).toBe(calendarDeadline(new Date(found.openedAt), 30).toISOString())
    expect(await notices(villager, id, '正在调解')).toBe(1)
  })

  it('a village cadre opens one for a group they name; its leader signs for it', async () => {
    const opened = ok(await as(secretary, 'open', { ...INTAKE, parties: [{ personId: villager, role: 'applicant' }], groupId: GROUP, clientKey: clientKey() }))
    expect(opened).toMatchObject({ level: 'group', state: 'awaiting_signature' })
    const found = ok(await as(leader, 'case', { caseId: opened.id }))
    expect(found).toMatchObject({ groupName: '第2村民小组', openedBy: { id: secretary } })
    expect(await notices(leader, opened.id, '请签收')).toBe(1)
    // The cadre who took it in still sees it (the village knows of it), on the village's list too.
    expect(ok(await as(secretary, 'case', { caseId: opened.id }))).toMatchObject({ view: 'handler', levels: ['group', 'village'] })
    expect(idsOf(ok(await as(secretary, 'list', { scope: 'village' })))).toContain(opened.id)
    ok(await as(leader, 'signFor', { caseId: opened.id }))
    // Another village's secretary may not open one in 合兴村.
    const xinan = host.personaWith((p) => p.roles.includes('village_secretary') && p.villageId === 'v-xinan').id
    await refused(() => as(xinan, 'open', { ...INTAKE, parties: [{ name: '某人', role: 'applicant' }], groupId: GROUP, clientKey: clientKey() }), 403, 'FORBIDDEN')
    // Nor a villager in another group than their own.
    await refused(() => as(villager, 'open', { ...INTAKE, parties: [{ name: '某人', role: 'applicant' }], groupId: 'v-hexing-g03', clientKey: clientKey() }), 403, 'FORBIDDEN')
  })

  it('a retry with the same clientKey returns the first case and writes nothing', async () => {
    const input = { ...INTAKE, parties: [{ personId: villager, role: 'applicant' }], risks: ['vulnerable'], clientKey: clientKey() }
    const first = ok(await as(leader, 'open', input))
    const before = host.store.checksum()
    for (let attempt = 0; attempt < 3; attempt += 1) expect(ok(await as(leader, 'open', input))).toEqual(first)
    expect(host.store.checksum()).toBe(before)
    // Concurrent retries too: one case, one number.
    const again = { ...input, clientKey: clientKey() }
    const replies = await Promise.all(Array.from({ length: 4 }, () => as(leader, 'open', again)))
    expect(new Set(replies.map((reply) => ok(reply).number)).size).toBe(1)
    expect((await host.store.collection('mediationCases').where({ clientKey: again.clientKey }).get()).data).toHaveLength(1)
  })
})

describe('bad input and wrong steps are refused with typed errors and change nothing', () => {
  it('intake', async () => {
    const base = { ...INTAKE, parties: [{ personId: villager, role: 'applicant' }], clientKey: clientKey() }
    await refused(() => as(leader, 'open', { ...base, parties: [{ personId: 'p-nowhere', role: 'applicant' }] }), 400, 'INVALID_INPUT', 'data.parties.0.personId')
    await refused(() => as(leader, 'open', { ...base, parties: [] }), 400, 'INVALID_INPUT', 'data.parties')
    await refused(() => as(leader, 'open', { ...base, type: 'feud' }), 400, 'INVALID_INPUT', 'data.type')
    await refused(() => as(leader, 'open', { ...base, risks: ['riot'] }), 400, 'INVALID_INPUT')
    await refused(() => as(leader, 'open', { ...base, description: '' }), 400, 'INVALID_INPUT', 'data.description')
    // A group that does not exist is answered as one out of reach.
    await refused(() => as(leader, 'open', { ...base, groupId: 'g-nowhere' }), 403, 'FORBIDDEN')
  })

  it('steps on a case', async () => {
    const id = await leaderCase()
    const future = await fromNow(3 * 3_600_000)
    await refused(() => as(leader, 'log', { caseId: id, kind: 'contact', note: '还没发生的联系', at: future }), 400, 'INVALID_INPUT', 'data.at')
    await refused(() => as(leader, 'log', { caseId: id, kind: 'note' }), 400, 'INVALID_INPUT', 'data.note')
    const signedPaper = await photo(leader)
    await refused(
      () => as(leader, 'recordAgreement', { caseId: id, form: 'oral', terms: '墙往里退半米', performBy: '2027-04-01', signedFileId: signedPaper }),
      400,
      'INVALID_INPUT',
      'data.signedFileId',
    )
    await refused(() => as(leader, 'close', { caseId: id, outcome: 'resolved', note: '双方和好' }), 409, 'CONFLICT')
    await refused(() => as(leader, 'attachSigned', { caseId: id, fileId: signedPaper }), 409, 'CONFLICT')
    await refused(() => as(leader, 'scheduleFollowUp', { caseId: id, at: future }), 409, 'CONFLICT')
    await refused(() => as(leader, 'extend', { caseId: id, days: 0, note: '双方同意延长' }), 400, 'INVALID_INPUT', 'data.days')

    // Up to the village: the leader may no longer sign for it or send it further (403); the village may.
    ok(await as(leader, 'escalate', { caseId: id, reason: '组里调不下来' }))
    await refused(() => as(leader, 'signFor', { caseId: id }), 403, 'FORBIDDEN')
    await refused(() => as(leader, 'escalate', { caseId: id, reason: '再往上报' }), 403, 'FORBIDDEN')
    ok(await as(secretary, 'signFor', { caseId: id }))
    ok(await as(secretary, 'escalate', { caseId: id, reason: '村里也调不下来' }))
    ok(await as(TOWN, 'signFor', { caseId: id }))
    // Nothing above the town.
    await refused(() => as(TOWN, 'escalate', { caseId: id, reason: '再往上报' }), 409, 'CONFLICT')
    const found = ok(await as(TOWN, 'case', { caseId: id }))
    expect(found.escalations.map((step: any) => [step.from, step.to, step.by])).toEqual([
      ['group', 'village', 'handler'],
      ['village', 'town', 'handler'],
    ])
    expect(found.handlers.map((row: any) => row.level)).toEqual(['town', 'village', 'group'])

    ok(await as(TOWN, 'close', { caseId: id, outcome: 'failed', note: '双方不同意' }))
    await refused(() => as(TOWN, 'close', { caseId: id, outcome: 'withdrawn', note: '再办结一次' }), 409, 'CONFLICT')
    await refused(() => as(TOWN, 'log', { caseId: id, kind: 'contact', note: '办结后联系' }), 409, 'CONFLICT')
    await refused(() => as(TOWN, 'extend', { caseId: id, days: 5, note: '双方同意延长' }), 409, 'CONFLICT')
  })
})

describe('the agreement', () => {
  it('written: a .docx to print; it takes effect when the signed photo is attached, with 30 days to ask a court to confirm it', async () => {
    const id = await leaderCase()
    const agreed = ok(
      await as(leader, 'recordAgreement', {
        caseId: id,
        form: 'written',
        terms: { facts: '王某砌墙挡路', dispute: '通道宽度', obligations: [{ party: '邻居王某', duty: '墙往里退半米', where: '王某宅基地东侧', by: '2027-04-01' }] },
        performBy: '2027-04-01',
      }),
    )
    expect(agreed).toMatchObject({ state: 'agreed', effectiveAt: null, confirmBy: null, documentFileId: expect.any(String) })
    expect(ok(await as(leader, 'case', { caseId: id })).can).toMatchObject({ attachSigned: true, recordAgreement: false })
    // The party may open the agreement document.
    expect(ok(await as(villager, 'file', { caseId: id, fileId: agreed.documentFileId })).name).toMatch(/\.docx$/)

    // Someone else's upload cannot be attached; the leader's own can.
    const notMine = await photo(secretary)
    await refused(() => as(leader, 'attachSigned', { caseId: id, fileId: notMine }), 400, 'INVALID_INPUT', 'data.fileId')
    const signedPaper = await photo(leader)
    const effective = ok(await as(leader, 'attachSigned', { caseId: id, fileId: signedPaper }))
    expect(effective.confirmBy).toBe(calendarDeadline(new Date(effective.effectiveAt), 30).toISOString())
    const found = ok(await as(villager, 'case', { caseId: id }))
    expect(found.agreement).toMatchObject({ form: 'written', signedFileId: signedPaper, effectiveAt: effective.effectiveAt, confirmBy: effective.confirmBy, confirmDaysLeft: 30 })
    expect(found.agreement.terms.obligations).toEqual([{ party: '邻居王某', duty: '墙往里退半米', how: null, where: '王某宅基地东侧', by: '2027-04-01' }])
    expect(await notices(villager, id, '调解协议已生效')).toBe(1)
    // The party may see the signed copy.
    expect(ok(await as(villager, 'file', { caseId: id, fileId: signedPaper })).url).toBeTruthy()
    const second = await photo(leader)
    await refused(() => as(leader, 'attachSigned', { caseId: id, fileId: second }), 409, 'CONFLICT')
  })

  it('oral: takes effect at once; a resolved close, then a performed follow-up', async () => {
    const id = await leaderCase()
    const agreed = ok(await as(leader, 'recordAgreement', { caseId: id, form: 'oral', terms: '墙往里退半米，让出通道', performBy: '2027-04-01' }))
    expect(agreed.effectiveAt).not.toBeNull()
    expect(agreed.confirmBy).toBe(calendarDeadline(new Date(agreed.effectiveAt), 30).toISOString())
    const found = ok(await as(leader, 'case', { caseId: id }))
    expect(found.agreement).toMatchObject({
      form: 'oral',
      signedFileId: null,
      terms: { facts: INTAKE.description, obligations: [{ duty: '墙往里退半米，让出通道', by: '2027-04-01' }] },
    })
    expect(found.can.attachSigned).toBe(false)
    ok(await as(leader, 'close', { caseId: id, outcome: 'resolved', note: '双方当场同意' }))
    const visit = ok(await as(leader, 'scheduleFollowUp', { caseId: id, at: await fromNow(86_400_000) }))
    expect(ok(await as(leader, 'followUp', { caseId: id, followUpId: visit.followUpId, result: 'performed', note: '墙已经退了' }))).toEqual({ state: 'closed' })
    await refused(() => as(leader, 'followUp', { caseId: id, followUpId: visit.followUpId, result: 'performed', note: '再记一次' }), 409, 'CONFLICT')
  })
})

describe('confidentiality', () => {
  it('a party sees a summary: no work log, risk flags, phones, photos or who looked', async () => {
    const picture = await photo(leader)
    const id = await leaderCase({ risks: ['vulnerable'], photoIds: [picture] })
    ok(await as(leader, 'log', { caseId: id, kind: 'session', attendees: ['王某'], place: '组长家', outcome: '王某同意退让' }))
    const party = ok(await as(villager, 'case', { caseId: id }))
    expect(party).toMatchObject({ view: 'party', log: [], risks: [], highRisk: false, photoIds: [], partyNames: [], firstContactAt: null, source: null })
    expect(party.parties.map((one: any) => one.phone)).toEqual([null, null])
    expect(party.can.views).toBe(false)
    await refused(() => as(villager, 'views', { caseId: id }), 403, 'FORBIDDEN')
    await refused(() => as(villager, 'log', { caseId: id, kind: 'note', note: '我也想记一笔' }), 403, 'FORBIDDEN')
    // A photo of the case is for its handlers only.
    expect((await as(villager, 'file', { caseId: id, fileId: picture })).status).toBe(404)
    expect(ok(await as(leader, 'file', { caseId: id, fileId: picture })).url).toBeTruthy()
    const handler = ok(await as(leader, 'case', { caseId: id }))
    expect(handler.log.map((entry: any) => entry.kind)).toEqual(['opened', 'session'])
    expect(handler.parties.map((one: any) => one.phone)).toEqual([expect.any(String), '13900000002'])
    expect(handler.risks).toEqual(['vulnerable'])
    // The party's list shows the summary too.
    const listed = ok(await as(villager, 'list', { scope: 'mine' })).items.find((item: any) => item.id === id)
    expect(listed).toMatchObject({ partyNames: [], risks: [] })
  })

  it('its handlers see who looked, a party’s look included', async () => {
    const id = await leaderCase()
    ok(await as(villager, 'case', { caseId: id }))
    ok(await as(leader, 'case', { caseId: id }))
    // A refused look is no look.
    expect((await as(otherLeader, 'case', { caseId: id })).status).toBe(404)
    const views = ok(await as(leader, 'views', { caseId: id })).items
    expect(views.map((view: any) => [view.person.id, view.as])).toEqual([
      [leader, '调解人'],
      [villager, '当事人'],
    ])
    const trail = (await host.store.collection('audit').where({ subjectId: id }).limit(50).get()).data
    expect(trail.every((entry: any) => entry.confidential === true)).toBe(true)
  })

  it('never leaves an entry in the village’s ledger', async () => {
    const id = await leaderCase({ risks: ['petition'] })
    ok(await as(secretary, 'case', { caseId: id }))
    ok(await as(secretary, 'signFor', { caseId: id }))
    const { number } = ok(await as(secretary, 'case', { caseId: id }))
    const seen: Array<{ kind: string; summary: string }> = []
    let cursor: string | undefined
    do {
      const page = ok(await host.call('roster', 'changeLog', { villageId: HEXING, limit: 100, ...(cursor ? { cursor } : {}) }, await tokenOf(secretary)))
      seen.push(...page.items)
      cursor = page.nextCursor ?? undefined
    } while (cursor)
    expect(seen.filter((entry) => entry.kind.startsWith('mediation'))).toEqual([])
    expect(seen.filter((entry) => entry.summary.includes(number))).toEqual([])
    expect((await host.store.collection('audit').where({ subjectId: id }).limit(50).get()).data.length).toBeGreaterThanOrEqual(3)
  })
})

describe('dashboards', () => {
  it('move as cases open and close (counts only)', async () => {
    const figures = async (scopeId: string) => ok(await as(TOWN, 'dashboard', { scopeId }))
    const count = (rows: Array<{ key: string; count: number }>, key: string) => rows.find((row) => row.key === key)!.count
    const before = await figures('t-sijia')
    const village = await figures(HEXING)
    const plain = await leaderCase({ type: 'family' })
    const risky = await leaderCase({ type: 'land', risks: ['mass'] })
    const opened = await figures('t-sijia')
    expect(opened.open).toBe(before.open + 2)
    expect(opened.highRisk).toBe(before.highRisk + 1)
    expect(count(opened.byType, 'family')).toBe(count(before.byType, 'family') + 1)
    expect(count(opened.byType, 'land')).toBe(count(before.byType, 'land') + 1)
    expect(count(opened.byLevel, 'group')).toBe(count(before.byLevel, 'group') + 1)
    expect(count(opened.byLevel, 'village')).toBe(count(before.byLevel, 'village') + 1)
    expect((await figures(HEXING)).open).toBe(village.open + 2)
    expect(JSON.stringify(opened)).not.toContain(plain)

    ok(await as(leader, 'recordAgreement', { caseId: plain, form: 'oral', terms: '老屋归老大，老二得三万元', performBy: '2027-05-01' }))
    ok(await as(leader, 'close', { caseId: plain, outcome: 'resolved', note: '兄弟和好' }))
    ok(await as(secretary, 'signFor', { caseId: risky }))
    ok(await as(secretary, 'close', { caseId: risky, outcome: 'referred', note: '引导走诉讼' }))
    const closed = await figures('t-sijia')
    expect(closed.open).toBe(before.open)
    expect(closed.highRisk).toBe(before.highRisk)
    expect(closed.closed).toBe(before.closed + 2)
    expect(closed.resolved).toBe(before.resolved + 1)
    expect(closed.resolutionRate).toBeCloseTo(closed.resolved / closed.closed, 3)
    expect(closed.months.at(-1).closed).toBeGreaterThanOrEqual(2)

    // Reopened by a failed follow-up: open again, not counted closed twice.
    const visit = ok(await as(leader, 'scheduleFollowUp', { caseId: plain, at: await fromNow(86_400_000) }))
    ok(await as(leader, 'followUp', { caseId: plain, followUpId: visit.followUpId, result: 'not_performed', next: 'reopen', note: '钱没给' }))
    ok(await as(leader, 'recordAgreement', { caseId: plain, form: 'oral', terms: '老二分两次给', performBy: '2027-06-01' }))
    ok(await as(leader, 'close', { caseId: plain, outcome: 'resolved', note: '这次给了' }))
    const again = await figures('t-sijia')
    expect([again.open, again.closed, again.resolved]).toEqual([closed.open, closed.closed, closed.resolved])
  })
})

describe('a group with no leader', () => {
  it('is handled by the village’s cadres from the start; once it has a leader again, the case is the leader’s alone', async () => {
    const LEADERLESS = 'v-hexing-g05'
    const { data: group } = await host.store.collection('groups').doc(LEADERLESS).get()
    expect(group!.leaderId).toBeTruthy()
    const member = (await host.store.collection('people').where({ groupId: LEADERLESS }).limit(20).get()).data.find((person: any) => person._id !== group!.leaderId)!._id as string
    ok(await host.call('roster', 'setGroupLeader', { groupId: LEADERLESS, leaderId: null }, await tokenOf(secretary)))
    const staff = host.personaWith((p) => p.roles.includes('village_staff') && p.villageId === HEXING).id

    const byCadre = ok(await as(staff, 'open', { ...INTAKE, parties: [{ personId: member, role: 'applicant' }], groupId: LEADERLESS, clientKey: clientKey() }))
    expect(byCadre).toMatchObject({ level: 'group', state: 'mediating' })
    const byVillager = ok(await as(member, 'open', { ...INTAKE, parties: [{ name: '邻居王某', role: 'respondent' }], clientKey: clientKey() }))
    expect(byVillager).toMatchObject({ level: 'group', state: 'awaiting_signature' })
    for (const cadre of [secretary, staff]) {
      expect(idsOf(ok(await as(cadre, 'list', { scope: 'village' })))).toEqual(expect.arrayContaining([byCadre.id, byVillager.id]))
      expect(ok(await as(cadre, 'case', { caseId: byVillager.id })).view).toBe('handler')
    }
    expect(await notices(secretary, byVillager.id, '请签收')).toBe(1)
    ok(await as(secretary, 'signFor', { caseId: byVillager.id }))
    // The former leader is nobody's handler here any more.
    expect((await host.call('mediation', 'case', { caseId: byCadre.id }, await tokenOf(group!.leaderId as string))).status).toBe(404)
    ok(await host.call('roster', 'setGroupLeader', { groupId: LEADERLESS, leaderId: group!.leaderId }, await tokenOf(secretary)))
    // A leader again: the case is theirs; the cadres no longer see it, in their list or opened.
    expect(idsOf(ok(await as(group!.leaderId as string, 'list', { scope: 'group' })))).toContain(byCadre.id)
    expect(ok(await as(group!.leaderId as string, 'case', { caseId: byCadre.id })).view).toBe('handler')
    expect(idsOf(ok(await as(secretary, 'list', { scope: 'village' })))).not.toContain(byCadre.id)
    expect((await as(secretary, 'case', { caseId: byCadre.id })).status).toBe(404)
  })
})

describe('risk flags raised later', () => {
  it('a high-risk flag at the group sends the case to the village at once, tells the town, and violence the police, who may see and log it', async () => {
    const id = await leaderCase()
    expect(ok(await as(leader, 'flag', { caseId: id, risks: ['vulnerable'] }))).toEqual({ level: 'group', risks: ['vulnerable'] })
    expect((await as(POLICE, 'case', { caseId: id })).status).toBe(404)
    expect(ok(await as(leader, 'flag', { caseId: id, risks: ['violence'], note: '双方差点动手' }))).toEqual({ level: 'village', risks: ['vulnerable', 'violence'] })
    // The same flag again changes nothing.
    const before = host.store.checksum()
    expect(ok(await as(leader, 'flag', { caseId: id, risks: ['violence'] }))).toEqual({ level: 'village', risks: ['vulnerable', 'violence'] })
    expect(host.store.checksum()).toBe(before)

    const found = ok(await as(secretary, 'case', { caseId: id }))
    expect(found).toMatchObject({ level: 'village', state: 'awaiting_signature', levels: ['group', 'village', 'town'], highRisk: true })
    expect(found.escalations).toEqual([{ from: 'group', to: 'village', reason: expect.stringContaining('暴力'), at: expect.any(String), by: 'risk', byName: expect.any(String) }])
    expect(await notices(TOWN, id, '高风险')).toBe(1)
    expect(await notices(POLICE, id, '暴力')).toBe(1)
    expect(await notices(secretary, id, '高风险')).toBe(1)

    const police = ok(await as(POLICE, 'case', { caseId: id }))
    expect(police.view).toBe('police')
    expect(police.can).toMatchObject({ log: true, signFor: false, close: false, views: false })
    expect(idsOf(ok(await as(POLICE, 'list', { scope: 'town' })))).toContain(id)
    ok(await as(POLICE, 'log', { caseId: id, kind: 'contact', note: '民警上门提醒双方' }))
    // The police liaison's contact is not the handlers' first contact.
    expect(ok(await as(secretary, 'case', { caseId: id })).firstContactAt).toBeNull()
    await refused(() => as(POLICE, 'signFor', { caseId: id }), 403, 'FORBIDDEN')
    const views = ok(await as(secretary, 'views', { caseId: id })).items
    expect(views.map((view: any) => view.as)).toEqual(expect.arrayContaining(['社区民警', '调解人']))
  })
})

describe('at the same moment', () => {
  it('cases opened together get distinct numbers; two cadres signing for one case together: one signs, the other is told it is signed', async () => {
    const opened = await Promise.all(
      Array.from({ length: 6 }, () => as(leader, 'open', { ...INTAKE, parties: [{ personId: villager, role: 'applicant' }], clientKey: clientKey() })),
    )
    const numbers = opened.map((reply) => ok(reply).number as string)
    expect(new Set(numbers).size).toBe(6)

    const id = await leaderCase()
    ok(await as(leader, 'escalate', { caseId: id, reason: '组里调不下来' }))
    const staff = host.personaWith((p) => p.roles.includes('village_staff') && p.villageId === HEXING).id
    const both = await Promise.all([as(secretary, 'signFor', { caseId: id }), as(staff, 'signFor', { caseId: id })])
    expect(both.map((reply) => reply.status).sort()).toEqual([200, 409])
    const signs = (await host.store.collection('audit').where({ subjectId: id, action: 'mediation.signFor' }).get()).data
    expect(signs).toHaveLength(1)
  })
})
