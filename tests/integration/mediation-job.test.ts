/**
 * The job mediation/timeLimits against the embedded store with the demo clock fixed: a level that
 * does not sign for a case within 24 hours → the next level is told, once; the group's limit
 * (7 calendar days) passes → up to the village, exactly once however often (and however
 * concurrently) the job runs; the village's (15) → the town; the town's → overdue, once; the
 * 30-day norm → the handlers are told once, later by a recorded extension; 7 days left to ask a
 * court to confirm the agreement → the handler and the parties reminded once; a follow-up visit due
 * → the handler reminded once; a town's new limits apply to cases arriving after. Every step is
 * one `mediation/timeLimits` audit entry with the case, and shows in its escalations and inbox.
 */
import { calendarDeadline } from '../../cloudfunctions/shared/domain/mediation/clock'
import { isPlainVillager, startTestHost, type TestHost } from '../support/test-host'

const HEXING = 'v-hexing'
const GROUP = 'v-hexing-g02'
const MINUTE_MS = 60 * 1000
const HOUR_MS = 60 * MINUTE_MS
/** Monday 1 March 2027, 09:00 in the village. */
const MONDAY = '2027-03-01T01:00:00.000Z'
const TOWN_OFFICER = 'o-town-officer'
const POLICE = 'o-police'

type Reply = { status: number; body: any }
let host: TestHost
let villager: string
let leader: string
let secretary: string
let staff: string

const tokens = new Map<string, string>()
async function tokenOf(personId: string): Promise<string> {
  if (!tokens.has(personId)) tokens.set(personId, await host.login(personId))
  return tokens.get(personId)!
}
const as = async (personId: string, action: string, data: unknown): Promise<Reply> => host.call('mediation', action, data, await tokenOf(personId))
const ok = (reply: Reply) => {
  expect([reply.status, reply.body.error]).toEqual([200, undefined])
  return reply.body.data
}
const inject = (method: 'GET' | 'POST', url: string, payload?: unknown) =>
  host.app.inject({ method, url, payload: payload as never }).then((response) => ({ status: response.statusCode, body: response.json() }))
const setClock = async (at: string | Date | null) => {
  expect((await inject('POST', '/api/dev/clock', { at: at instanceof Date ? at.toISOString() : at })).status).toBe(200)
}
const after = (at: Date | string, minutes = 1) => new Date(new Date(at).getTime() + minutes * MINUTE_MS)
async function runJob(): Promise<{ processed: number; changed: number; more: boolean }> {
  const run = await inject('POST', '/api/dev/jobs/mediation/timeLimits')
  expect(run.status).toBe(200)
  return run.body.data
}
const auditOf = async (id: string) => (await host.store.collection('audit').where({ subjectId: id, action: 'mediation/timeLimits' }).limit(50).get()).data
/** A run that takes one step on this case (others may fall due at the same moment). */
async function runsFor(id: string): Promise<void> {
  const before = (await auditOf(id)).length
  expect((await runJob()).changed).toBeGreaterThanOrEqual(1)
  expect((await auditOf(id)).length).toBe(before + 1)
}
/** A run that finds nothing more to do writes nothing. */
async function runsIdle(): Promise<void> {
  const before = host.store.checksum()
  expect(await runJob()).toMatchObject({ changed: 0 })
  expect(host.store.checksum()).toBe(before)
}
const stored = async (id: string) => (await host.store.collection('mediationCases').doc(id).get()).data as any
async function notices(personId: string, caseId: string, words?: string): Promise<Array<{ kind: string; title: string; body: string }>> {
  const items: Array<{ kind: string; title: string; body: string; page: string }> = []
  let cursor: string | undefined
  do {
    const page = ok(await host.call('inbox', 'list', { limit: 100, ...(cursor ? { cursor } : {}) }, await tokenOf(personId)))
    items.push(...page.items)
    cursor = page.nextCursor ?? undefined
  } while (cursor)
  return items.filter((item) => item.page.includes(encodeURIComponent(caseId)) && (!words || `${item.title} ${item.body}`.includes(words)))
}
const told = async (personId: string, caseId: string, words: string) => (await notices(personId, caseId, words)).length

let keys = 0
const clientKey = () => `job-key-${String((keys += 1)).padStart(4, '0')}`
const INTAKE = {
  type: 'neighbours',
  description: '宅基地边上砌墙，挡了邻居的路',
}
/** The leader takes a dispute in (signed for at once); `contact` also records the first contact. */
async function leaderOpens(contact = true): Promise<string> {
  const { id } = ok(await as(leader, 'open', { ...INTAKE, parties: [{ personId: villager, role: 'applicant' }], clientKey: clientKey() }))
  if (contact) ok(await as(leader, 'log', { caseId: id, kind: 'contact', note: '上门了解情况' }))
  return id
}
async function signsAndContacts(personId: string, caseId: string) {
  ok(await as(personId, 'signFor', { caseId }))
  ok(await as(personId, 'log', { caseId, kind: 'contact', note: '电话联系双方' }))
}

async function startHost() {
  host = await startTestHost()
  // Only this file's cases are due work here.
  await host.store.collection('mediationCases').where({}).remove()
  tokens.clear()
  villager = host.personaWith((p) => isPlainVillager(p) && p.groupId === GROUP).id
  leader = host.personaWith((p) => p.roles.includes('group_leader') && p.groupId === GROUP).id
  secretary = host.personaWith((p) => p.roles.includes('village_secretary') && p.villageId === HEXING).id
  staff = host.personaWith((p) => p.roles.includes('village_staff') && p.villageId === HEXING).id
}
async function stopHost() {
  await setClock(null)
  await host.close()
}

describe('the ladder by the clock', () => {
  beforeAll(startHost)
  afterAll(stopHost)
  // Each test counts only its own case's steps: the cases of the one before are out of the job's way.
  beforeEach(async () => {
    await host.store.collection('mediationCases').where({}).remove()
  })

  it('nothing due: a run changes nothing', async () => {
    await setClock(MONDAY)
    await leaderOpens()
    await runsIdle()
    expect(await runJob()).toMatchObject({ processed: 0, changed: 0, more: false })
  })

  it('a villager’s request not signed for within 24 hours → the village is told, once', async () => {
    await setClock(MONDAY)
    const { id } = ok(await as(villager, 'open', { ...INTAKE, parties: [{ name: '隔壁施工队', role: 'respondent' }], clientKey: clientKey() }))
    expect(await stored(id)).toMatchObject({ state: 'awaiting_signature', level: 'group' })
    await setClock(after(MONDAY, 24 * 60 - 1))
    await runsIdle()
    await setClock(after(MONDAY, 24 * 60 + 1))
    await runsFor(id)
    for (const person of [secretary, staff, leader]) expect(await told(person, id, '没有签收')).toBe(1)
    expect(await told(villager, id, '没有签收')).toBe(0)
    const found = await stored(id)
    expect(found).toMatchObject({ lateStartTold: true, level: 'group', state: 'awaiting_signature', escalations: [] })
    expect(found.log.at(-1)).toMatchObject({ kind: 'clock', by: { id: null, name: '系统' } })
    await runsIdle()
    await setClock(after(MONDAY, 48 * 60))
    await runsIdle()
    for (const person of [secretary, staff]) expect(await told(person, id, '没有签收')).toBe(1)
  })

  it('signed for but no contact within 24 hours → the village is told that too, once', async () => {
    await setClock(MONDAY)
    const id = await leaderOpens(false)
    await setClock(after(MONDAY, 24 * 60 + 1))
    await runsFor(id)
    await runsIdle()
    for (const person of [secretary, staff]) expect(await told(person, id, '没有联系当事人')).toBe(1)
    // Contact made later: nothing more to tell about it.
    ok(await as(leader, 'log', { caseId: id, kind: 'contact', note: '终于联系上了' }))
    await setClock(after(MONDAY, 3 * 24 * 60))
    await runsIdle()
    expect((await stored(id)).escalations).toEqual([])
  })

  it('group 7 days → village once (many and concurrent runs); village 15 days → town; town limit → overdue once; 30-day norm once', async () => {
    await setClock(MONDAY)
    const id = await leaderOpens()
    const groupDue = calendarDeadline(new Date(MONDAY), 7)
    expect(ok(await as(leader, 'case', { caseId: id })).dueAt).toBe(groupDue.toISOString())

    await setClock(after(groupDue, -1))
    await runsIdle()
    await setClock(after(groupDue))
    // Six runs at once (the other cases of this file fall due too): this case moves once.
    await Promise.all(Array.from({ length: 6 }, () => runJob()))
    for (let index = 0; index < 4; index += 1) await runsIdle()
    const atVillage = ok(await as(secretary, 'case', { caseId: id }))
    expect(atVillage).toMatchObject({ level: 'village', state: 'awaiting_signature', levels: ['group', 'village'] })
    expect(atVillage.escalations).toEqual([{ from: 'group', to: 'village', reason: expect.stringContaining('7 天'), at: expect.any(String), by: 'limit', byName: '系统' }])
    expect(Date.parse(atVillage.escalations[0].at)).toBeGreaterThan(groupDue.getTime())
    expect(await auditOf(id)).toHaveLength(1)
    for (const person of [secretary, staff, leader]) expect(await told(person, id, '请签收')).toBe(1)
    expect(await told(TOWN_OFFICER, id, '请签收')).toBe(0)
    expect(ok(await as(secretary, 'list', { scope: 'village' })).items.map((item: { id: string }) => item.id)).toContain(id)

    // The village signs and makes contact at once: its own 15 days run from arrival.
    await signsAndContacts(secretary, id)
    const villageDue = calendarDeadline(after(groupDue), 15)
    expect(ok(await as(secretary, 'case', { caseId: id })).dueAt).toBe(villageDue.toISOString())
    await setClock(after(villageDue, -1))
    await runsIdle()
    await setClock(after(villageDue))
    await Promise.all([runJob(), runJob(), runJob()])
    await runsIdle()
    const atTown = ok(await as(TOWN_OFFICER, 'case', { caseId: id }))
    expect(atTown).toMatchObject({ level: 'town', state: 'awaiting_signature', levels: ['group', 'village', 'town'] })
    expect(atTown.escalations.map((step: any) => [step.from, step.to, step.by])).toEqual([
      ['group', 'village', 'limit'],
      ['village', 'town', 'limit'],
    ])
    expect(await told(TOWN_OFFICER, id, '请签收')).toBe(1)
    await signsAndContacts(TOWN_OFFICER, id)

    // 30 days from intake: the handlers (the town now) are told once; the case shows overdue.
    const norm = calendarDeadline(new Date(MONDAY), 30)
    const townDue = calendarDeadline(after(villageDue), 15)
    expect(norm.getTime()).toBeLessThan(townDue.getTime())
    await setClock(after(norm, -1))
    await runsIdle()
    await setClock(after(norm))
    await runsFor(id)
    await runsIdle()
    expect(await told(TOWN_OFFICER, id, '调解超过 30 天')).toBe(1)
    expect(await stored(id)).toMatchObject({ normTold: true, overdue: false, level: 'town' })
    expect(ok(await as(TOWN_OFFICER, 'case', { caseId: id })).overdue).toBe(true)

    // The town's own limit: overdue, once; never a level above the town.
    await setClock(after(townDue, -1))
    await runsIdle()
    await setClock(after(townDue))
    await Promise.all([runJob(), runJob(), runJob()])
    await runsIdle()
    const overdue = await stored(id)
    expect(overdue).toMatchObject({ overdue: true, level: 'town', state: 'mediating' })
    expect(overdue.escalations).toHaveLength(2)
    expect(await told(TOWN_OFFICER, id, '超期')).toBe(1)
    expect(await auditOf(id)).toHaveLength(4)
    const dashboard = ok(await as(TOWN_OFFICER, 'dashboard', { scopeId: 't-sijia' }))
    expect(dashboard.overdue).toBeGreaterThanOrEqual(1)
    await setClock(after(townDue, 60 * 24 * 30))
    await runsIdle()
  })

  it('a flagged case escalated by risk is still sent up by the village limit only once, and the police are never handlers', async () => {
    await setClock(MONDAY)
    const { id } = ok(await as(leader, 'open', { ...INTAKE, parties: [{ personId: villager, role: 'applicant' }], risks: ['violence'], clientKey: clientKey() }))
    expect(await told(POLICE, id, '暴力')).toBe(1)
    await signsAndContacts(secretary, id)
    const villageDue = calendarDeadline(new Date(MONDAY), 15)
    await setClock(after(villageDue))
    await runsFor(id)
    await runsIdle()
    const found = await stored(id)
    expect(found.escalations.map((step: any) => [step.from, step.to, step.by])).toEqual([
      ['group', 'village', 'risk'],
      ['village', 'town', 'limit'],
    ])
    expect(found.limitEscalated).toEqual(['village'])
  })
})

describe('the 30-day norm and its extension', () => {
  beforeAll(async () => {
    await startHost()
    // The dashboard below counts this test's cases only: the demo town's seeded ones are taken out.
    for (const collection of ['mediationCases', 'mediationEntries', 'mediationOpen', 'mediationFigures']) await host.store.collection(collection).where({}).remove()
    await setClock(MONDAY)
    // Long level limits, so only the norm falls due here.
    ok(await as(TOWN_OFFICER, 'setLimits', { townId: 't-sijia', group: 60, village: 60, town: 90, note: '测试：只看 30 天' }))
  })
  afterAll(stopHost)

  it('tells the handler once at 30 days; an extension recorded with both parties’ agreement moves it', async () => {
    await setClock(MONDAY)
    const plain = await leaderOpens()
    const extended = await leaderOpens()
    await setClock(after(MONDAY, 60 * 24 * 3))
    const { mustEndBy } = ok(await as(leader, 'extend', { caseId: extended, days: 10, note: '双方同意再调十天' }))
    expect(mustEndBy).toBe(calendarDeadline(new Date(MONDAY), 40).toISOString())
    expect(ok(await as(leader, 'case', { caseId: extended })).extensions).toEqual([{ days: 10, note: '双方同意再调十天', at: expect.any(String), byName: expect.any(String) }])

    const norm = calendarDeadline(new Date(MONDAY), 30)
    await setClock(after(norm, -1))
    await runsIdle()
    await setClock(after(norm))
    await runsFor(plain)
    await runsIdle()
    expect(await told(leader, plain, '调解超过 30 天')).toBe(1)
    expect(await told(leader, extended, '调解超过 30 天')).toBe(0)
    expect((await stored(extended)).normTold).toBe(false)
    expect(ok(await as(leader, 'list', { scope: 'group', state: 'open' })).items.find((item: { id: string }) => item.id === plain).overdue).toBe(true)
    expect(ok(await as(TOWN_OFFICER, 'dashboard', { scopeId: 't-sijia' })).pastNorm).toBe(1)

    const later = calendarDeadline(new Date(MONDAY), 40)
    await setClock(after(later, -1))
    await runsIdle()
    await setClock(after(later))
    await runsFor(extended)
    await runsIdle()
    expect(await told(leader, extended, '调解超过 30 天')).toBe(1)
    expect(await told(leader, plain, '调解超过 30 天')).toBe(1)
    expect(ok(await as(TOWN_OFFICER, 'dashboard', { scopeId: 't-sijia' })).pastNorm).toBe(2)
  })
})

describe('after the agreement', () => {
  beforeAll(startHost)
  afterAll(stopHost)

  it('reminds the handler and the parties once, 7 days before the 30 days for judicial confirmation end', async () => {
    await setClock(MONDAY)
    const id = await leaderOpens()
    const agreed = ok(await as(leader, 'recordAgreement', { caseId: id, form: 'oral', terms: '墙往里退半米，让出通道', performBy: '2027-03-20' }))
    // The demo clock runs on from the moment set.
    expect(Date.parse(agreed.effectiveAt) - Date.parse(MONDAY)).toBeLessThan(MINUTE_MS)
    expect(agreed.confirmBy).toBe(calendarDeadline(new Date(MONDAY), 30).toISOString())
    expect(ok(await as(leader, 'case', { caseId: id })).agreement.confirmDaysLeft).toBe(30)
    // The day with 7 days left (24 March) begins.
    const remind = calendarDeadline(new Date(MONDAY), 22)
    await setClock(after(remind, -1))
    await runsIdle()
    await setClock(after(remind))
    expect(ok(await as(villager, 'case', { caseId: id })).agreement.confirmDaysLeft).toBe(7)
    await Promise.all([runJob(), runJob(), runJob()])
    await runsIdle()
    for (const person of [leader, villager]) expect(await told(person, id, '司法确认还剩 7 天')).toBe(1)
    expect(await told(secretary, id, '司法确认')).toBe(0)
    expect(await auditOf(id)).toHaveLength(1)
    await setClock(calendarDeadline(new Date(MONDAY), 40))
    await runsIdle()
  })

  it('reminds the handler once when a follow-up visit is due', async () => {
    await setClock(MONDAY)
    const id = await leaderOpens()
    ok(await as(leader, 'recordAgreement', { caseId: id, form: 'oral', terms: '墙往里退半米', performBy: '2027-03-20' }))
    const due = new Date(new Date(MONDAY).getTime() + 10 * 24 * HOUR_MS)
    const { followUpId } = ok(await as(leader, 'scheduleFollowUp', { caseId: id, at: due.toISOString(), note: '看墙退了没有' }))
    await setClock(after(due, -1))
    await runsIdle()
    await setClock(after(due))
    await runsFor(id)
    await runsIdle()
    expect(await told(leader, id, '请回访')).toBe(1)
    expect(await told(villager, id, '请回访')).toBe(0)
    expect((await stored(id)).followUps).toMatchObject([{ id: followUpId, reminded: true, doneAt: null }])
    // Done: nothing more falls due for it.
    ok(await as(leader, 'followUp', { caseId: id, followUpId, result: 'performed', note: '墙已经退了' }))
    await setClock(after(due, 60 * 24 * 5))
    await runsIdle()
  })
})

describe('a town’s own limits', () => {
  beforeAll(startHost)
  afterAll(stopHost)

  it('apply to cases arriving after they are set', async () => {
    await setClock(MONDAY)
    expect(ok(await as(leader, 'limits', {}))).toMatchObject({ townId: 't-sijia', group: 7, village: 15, town: 15, sample: true })
    const earlier = await leaderOpens()
    ok(await as(TOWN_OFFICER, 'setLimits', { townId: 't-sijia', group: 3, village: 5, town: 7, note: '镇里要求加快' }))
    expect(ok(await as(leader, 'limits', {}))).toMatchObject({ townId: 't-sijia', group: 3, village: 5, town: 7, sample: false })
    const later = await leaderOpens()
    expect(ok(await as(leader, 'case', { caseId: later })).dueAt).toBe(calendarDeadline(new Date(MONDAY), 3).toISOString())

    const due = calendarDeadline(new Date(MONDAY), 3)
    await setClock(after(due, -1))
    await runsIdle()
    await setClock(after(due))
    await runsFor(later)
    expect(await stored(later)).toMatchObject({ level: 'village', limitEscalated: ['group'] })
    // Up at the village: its five days run from arrival.
    await signsAndContacts(secretary, later)
    expect(ok(await as(secretary, 'case', { caseId: later })).dueAt).toBe(calendarDeadline(after(due), 5).toISOString())

    // The case taken in before keeps the limit it arrived with: shown and enforced alike.
    const shown = ok(await as(leader, 'case', { caseId: earlier })).dueAt
    expect(shown).toBe(calendarDeadline(new Date(MONDAY), 7).toISOString())
    expect((await stored(earlier)).level).toBe('group')
    await setClock(after(calendarDeadline(new Date(MONDAY), 7)))
    await runsFor(earlier)
    expect(await stored(earlier)).toMatchObject({ level: 'village' })
  })
})
