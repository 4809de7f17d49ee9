/**
 * Mediation (老娘舅, issue 11) through the HTTP host over a real store: a leader's intake flagged
 * 越级上访 reaching the village and the town at once, signing for, the work log, a written
 * agreement as a .docx, closing, a follow-up that reopens, and confidentiality (404 for everyone else,
 * nothing in their lists, nothing in the ledger).
 */
import { addOtherTown, isPlainVillager, startTestHost, type TestHost } from '../support/test-host'

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
    expect(attention).toEqual(expect.arrayContaining([expect.objectContaining({ kind: 'mediation_high_risk', page: '/packages/mediation/pages/list/index?scope=town' })]))
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
