/**
 * The job errands/deadlines (督办) against the embedded store with the demo clock fixed: a request
 * not signed for within a working day goes to the village once; a warning the working day before
 * dueAt; overdue → the village, `townAfterDays` later → the town, each once and shown on the
 * request, with notices to those concerned; a call-back asked 3 working days after done without a
 * rating. It reads what is due, not every open request.
 */
import { loadCalendarAdjustments } from '../../cloudfunctions/shared/calendar/load-adjustments'
import { addWorkingDays, isWorkingDay, type CalendarAdjustments } from '../../cloudfunctions/shared/domain/calendar/working-days'
import { lastWorkingDayBefore } from '../../cloudfunctions/shared/domain/errands/clock'
import { isPlainVillager, startTestHost, type TestHost } from '../support/test-host'

const HEXING = 'v-hexing'
const GROUP = 'v-hexing-g02'
const MINUTE_MS = 60 * 1000
/** Monday 1 March 2027, 09:00 in the village. */
const MONDAY = '2027-03-01T01:00:00.000Z'

type Reply = { status: number; body: any }
let host: TestHost
let adjustments: CalendarAdjustments
let villager: string
let leader: string
let secretary: string
let staff: string
const TOWN_OFFICER = 'o-town-officer'

const tokens = new Map<string, string>()
async function tokenOf(personId: string): Promise<string> {
  if (!tokens.has(personId)) tokens.set(personId, await host.login(personId))
  return tokens.get(personId)!
}
const as = async (personId: string, action: string, data: unknown): Promise<Reply> => host.call('errands', action, data, await tokenOf(personId))
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
  const run = await inject('POST', '/api/dev/jobs/errands/deadlines')
  expect(run.status).toBe(200)
  return run.body.data
}
/** A run that takes one step on this request (others may fall due at the same moment). */
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
let keys = 0
async function submit(personId: string, itemId: string): Promise<string> {
  return ok(await as(personId, 'submit', { itemId, clientKey: `job-key-${String((keys += 1)).padStart(4, '0')}` })).id
}
const stored = async (id: string) => (await host.store.collection('errands').doc(id).get()).data as any
async function notices(personId: string, requestId: string, kind?: string): Promise<Array<{ kind: string; title: string; body: string }>> {
  const items = ok(await host.call('inbox', 'list', { limit: 100 }, await tokenOf(personId))).items as Array<{ kind: string; title: string; body: string; page: string }>
  return items.filter((item) => item.page.includes(encodeURIComponent(requestId)) && (!kind || item.kind === kind))
}
const supervision = async (personId: string, requestId: string, words: string) =>
  (await notices(personId, requestId, 'errand_step')).filter((notice) => notice.body.includes(words)).length
const auditOf = async (id: string) => (await host.store.collection('audit').where({ subjectId: id, action: 'errands/deadlines' }).limit(50).get()).data

async function startHost() {
  host = await startTestHost()
  // The demo town's year of errand history has its own due work: these tests count only their own requests.
  await host.store.collection('errands').where({}).remove()
  tokens.clear()
  adjustments = await loadCalendarAdjustments(host.store)
  villager = host.personaWith((p) => isPlainVillager(p) && p.groupId === GROUP).id
  leader = host.personaWith((p) => p.roles.includes('group_leader') && p.groupId === GROUP).id
  secretary = host.personaWith((p) => p.roles.includes('village_secretary') && p.villageId === HEXING).id
  staff = host.personaWith((p) => p.roles.includes('village_staff') && p.villageId === HEXING).id
  expect(isWorkingDay('2027-03-01', adjustments)).toBe(true)
}

describe('errands/deadlines with a fixed clock', () => {
  beforeAll(startHost)
  afterAll(async () => {
    await setClock(null)
    await host.close()
  })

  it('nothing due: a run reads no request and changes nothing', async () => {
    await setClock(MONDAY)
    await submit(villager, 'gs-facility-repair')
    await runsIdle()
    expect(await runJob()).toMatchObject({ job: 'errands/deadlines', processed: 0, changed: 0, more: false })
  })

  it('not signed for within a working day → escalated to the village, once', async () => {
    await setClock(MONDAY)
    const id = await submit(villager, 'ag-subsidy')
    const deadline = addWorkingDays(new Date(MONDAY), 1, adjustments)
    await setClock(after(deadline, -1))
    await runsIdle()
    expect((await stored(id)).escalations).toEqual([])

    await setClock(after(deadline))
    await runsFor(id)
    const escalated = ok(await as(villager, 'request', { requestId: id }))
    expect(escalated.escalations).toEqual([{ level: 'village', at: expect.any(String) }])
    expect(Date.parse(escalated.escalations[0].at)).toBeGreaterThan(deadline.getTime())
    expect(escalated.steps.at(-1)).toMatchObject({ kind: 'escalated', by: { id: null } })
    expect((await stored(id)).staffQueue).toBe(true)
    for (const cadre of [secretary, staff, leader]) expect(await supervision(cadre, id, '无人签收')).toBe(1)
    expect(ok(await as(staff, 'todo', { limit: 100 })).items.map((item: { id: string }) => item.id)).toContain(id)

    await runsIdle()
    await setClock(after(deadline, 60))
    await runsIdle()
    expect((await stored(id)).escalations).toHaveLength(1)
    expect(await auditOf(id)).toHaveLength(1)
    expect((await auditOf(id))[0].actor).toEqual({ kind: 'system', job: 'errands/deadlines' })
  })

  it('a warning the working day before; overdue → the village; townAfterDays later → the town; each once, with notices', async () => {
    await setClock(MONDAY)
    const id = await submit(villager, 'gs-facility-repair')
    ok(await as(leader, 'advance', { requestId: id, to: 'accepted' }))
    const dueAt = new Date((await stored(id)).dueAt)
    expect(dueAt.toISOString()).toBe(addWorkingDays(new Date(MONDAY), 5, adjustments).toISOString())

    const warnAt = lastWorkingDayBefore(dueAt, adjustments)
    await setClock(after(warnAt, -1))
    await runsIdle()
    await setClock(after(warnAt))
    await runsFor(id)
    expect(await supervision(leader, id, '明天到期')).toBe(1)
    expect(await supervision(staff, id, '明天到期')).toBe(0)
    expect((await stored(id)).escalations).toEqual([])
    await runsIdle()

    await setClock(after(dueAt))
    await runsFor(id)
    expect((await stored(id)).escalations).toEqual([{ level: 'village', at: expect.any(String) }])
    for (const person of [leader, secretary, staff]) expect(await supervision(person, id, '已超期，督办到村')).toBe(1)
    expect(await supervision(TOWN_OFFICER, id, '督办')).toBe(0)
    await runsIdle()

    // The village's setting decides when it goes to the town.
    ok(await as(secretary, 'setEscalation', { villageId: HEXING, townAfterDays: 2, note: '村两委会议决定' }))
    const townAt = addWorkingDays(dueAt, 2, adjustments)
    await setClock(after(townAt, -1))
    await runsIdle()
    await setClock(after(townAt))
    await runsFor(id)
    const request = ok(await as(villager, 'request', { requestId: id }))
    expect(request.escalations).toEqual([
      { level: 'village', at: expect.any(String) },
      { level: 'town', at: expect.any(String) },
    ])
    expect(Date.parse(request.escalations[0].at)).toBeGreaterThan(dueAt.getTime())
    expect(Date.parse(request.escalations[1].at)).toBeGreaterThan(townAt.getTime())
    expect(Date.parse(request.escalations[1].at)).toBeLessThan(townAt.getTime() + 10 * MINUTE_MS)
    expect(request.overdue).toBe(true)
    expect(await supervision(TOWN_OFFICER, id, '督办到镇')).toBe(1)
    expect(await supervision(staff, id, '督办到镇')).toBe(1)
    await runsIdle()
    // Much later (the request from the test before reaches the town now): nothing more for this one.
    await setClock(addWorkingDays(townAt, 10, adjustments))
    await runJob()
    await runsIdle()
    expect((await stored(id)).escalations).toHaveLength(2)
    expect(await auditOf(id)).toHaveLength(3)
    expect(ok(await as(TOWN_OFFICER, 'request', { requestId: id })).escalations).toHaveLength(2)
  })

  it('a deadline moved by an approved extension or a return gets its own warning the working day before', async () => {
    const base = addWorkingDays(new Date(MONDAY), 20, adjustments)
    await setClock(base)
    const id = await submit(villager, 'gs-facility-repair')
    ok(await as(leader, 'advance', { requestId: id, to: 'accepted' }))
    const dueAt = new Date((await stored(id)).dueAt)
    await setClock(after(lastWorkingDayBefore(dueAt, adjustments)))
    await runsFor(id)
    expect(await supervision(leader, id, '明天到期')).toBe(1)

    ok(await as(leader, 'extend', { requestId: id, days: 3, reason: '等镇里盖章' }))
    const extended = new Date(ok(await as(staff, 'decideExtension', { requestId: id, approve: true })).dueAt)
    expect(extended.toISOString()).toBe(addWorkingDays(dueAt, 3, adjustments).toISOString())
    await setClock(after(lastWorkingDayBefore(extended, adjustments), -1))
    await runJob()
    expect(await supervision(leader, id, '明天到期')).toBe(1)
    await setClock(after(lastWorkingDayBefore(extended, adjustments)))
    await runsFor(id)
    expect(await supervision(leader, id, '明天到期')).toBe(2)

    // Returned on the last day and answered 2 working days later: warned again before the new deadline.
    ok(await as(leader, 'advance', { requestId: id, to: 'returned', note: '请补充现场照片' }))
    const respondedAt = addWorkingDays(after(lastWorkingDayBefore(extended, adjustments)), 2, adjustments)
    await setClock(respondedAt)
    const resumed = new Date(ok(await as(villager, 'respond', { requestId: id, note: '照片已补' })).dueAt)
    expect(resumed.toISOString()).toBe(addWorkingDays(extended, 2, adjustments).toISOString())
    await setClock(after(lastWorkingDayBefore(resumed, adjustments)))
    await runsFor(id)
    expect(await supervision(leader, id, '明天到期')).toBe(3)
    expect((await stored(id)).escalations).toEqual([])
  })

  it('3 working days after done without a rating the leader is asked to call back, once; the call-back closes it', async () => {
    await setClock(MONDAY)
    const id = await submit(villager, 'hh-residence-proof')
    ok(await as(leader, 'advance', { requestId: id, to: 'accepted' }))
    const doneAt = after(MONDAY, 120)
    await setClock(doneAt)
    ok(await as(leader, 'advance', { requestId: id, to: 'done' }))
    const askAt = addWorkingDays(doneAt, 3, adjustments)
    await setClock(after(askAt, -1))
    // Too early to call back: the villager may still rate it.
    const early = host.store.checksum()
    expect((await as(leader, 'callback', { requestId: id, rating: 'satisfied', note: '电话回访，村民满意' })).status).toBe(409)
    expect(host.store.checksum()).toBe(early)
    await runsIdle()

    await setClock(after(askAt))
    await runsFor(id)
    expect(await supervision(leader, id, '请电话回访')).toBe(1)
    expect((await stored(id)).callbackAsked).toBe(true)
    expect(ok(await as(leader, 'request', { requestId: id })).can).toMatchObject({ callback: true })
    await runsIdle()
    expect(await supervision(leader, id, '请电话回访')).toBe(1)

    expect(ok(await as(leader, 'callback', { requestId: id, rating: 'fair', note: '电话回访，村民说基本满意' }))).toEqual({ state: 'closed' })
    expect(ok(await as(villager, 'request', { requestId: id }))).toMatchObject({ state: 'closed', rating: { rating: 'fair', by: 'callback' } })
  })

  it('after everything, a run far later processes nothing', async () => {
    await setClock(after(MONDAY, 60 * 24 * 90))
    const first = await runJob()
    expect(first.more).toBe(false)
    await runsIdle()
    expect(await runJob()).toMatchObject({ processed: 0, changed: 0 })
  })
})

describe('errands/deadlines reads what is due, not every open request', () => {
  beforeAll(startHost)
  afterAll(async () => {
    await setClock(null)
    await host.close()
  })

  async function meteredRun() {
    const { result, byCollection } = await host.store.metered(() => runJob())
    return { result, requestReads: byCollection.errands?.reads ?? 0 }
  }

  it('with 200 open requests of which 3 are due, one run reads a handful of requests; with none due, none', async () => {
    await setClock(MONDAY)
    const due = [await submit(villager, 'gs-utility-pay'), await submit(villager, 'gs-utility-pay'), await submit(villager, 'gs-utility-pay')]
    // The rest are submitted later and signed for at once: their next check is days away.
    const later = after(addWorkingDays(new Date(MONDAY), 1, adjustments), -30)
    await setClock(later)
    for (let index = 0; index < 197; index += 1) {
      const id = await submit(villager, 'gs-facility-repair')
      if (index % 2 === 0) ok(await as(leader, 'advance', { requestId: id, to: 'accepted' }))
    }
    expect((await host.store.collection('errands').where({ open: true }).count()).total).toBe(200)

    await setClock(after(addWorkingDays(new Date(MONDAY), 1, adjustments)))
    const run = await meteredRun()
    expect(run.result).toMatchObject({ processed: 3, changed: 3, more: false })
    // The query returns the 3 due ones; each is read once more in its transaction.
    expect(run.requestReads).toBeLessThanOrEqual(3 * 3)
    expect(run.requestReads).toBeGreaterThanOrEqual(3)
    for (const id of due) expect((await stored(id)).escalations).toMatchObject([{ level: 'village' }])

    const idle = await meteredRun()
    expect(idle.result).toMatchObject({ processed: 0, changed: 0 })
    expect(idle.requestReads).toBeLessThanOrEqual(1)
  })
})
