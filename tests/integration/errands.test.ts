/**
 * Errands (代理代办, issue 10) through the HTTP host over a real store: a request's life from the
 * villager's submission to closed (a retried submit storing nothing, 不满意 reopening it), the clock
 * paused by a return and moved by an approved extension, proxy requests and consent, who may see
 * and act on a request, the figures kept by each step, and bad input that writes nothing. The job
 * errands/deadlines is in errands-job.test.ts, the authorisation matrix in errands-matrix.test.ts.
 */
import { loadCalendarAdjustments } from '../../cloudfunctions/shared/calendar/load-adjustments'
import { addWorkingDays, type CalendarAdjustments } from '../../cloudfunctions/shared/domain/calendar/working-days'
import { addOtherTown, isPlainVillager, startTestHost, type TestHost } from '../support/test-host'

let host: TestHost
const HEXING = 'v-hexing'
const GROUP = 'v-hexing-g02'
const MINUTE_MS = 60 * 1000
/** Monday 2 March 2027, 09:00 in the village (01:00 UTC): a plain working day. */
const MONDAY = '2027-03-01T01:00:00.000Z'

type Reply = { status: number; body: any }
const tokens = new Map<string, string>()
async function tokenOf(personId: string): Promise<string> {
  if (!tokens.has(personId)) tokens.set(personId, await host.login(personId))
  return tokens.get(personId)!
}
const as = async (personId: string, action: string, data: unknown): Promise<Reply> => host.call('errands', action, data, await tokenOf(personId))
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

/** Calls that must be refused with `status` and leave the store exactly as it was. */
async function refusedUnchanged(status: number, call: () => Promise<Reply>): Promise<Reply> {
  const before = host.store.checksum()
  const reply = await call()
  expect([reply.status, reply.body.ok]).toEqual([status, false])
  expect(host.store.checksum()).toBe(before)
  return reply
}

let keys = 0
const clientKey = () => `test-key-${String((keys += 1)).padStart(4, '0')}`
async function submit(personId: string, itemId: string, extra: Record<string, unknown> = {}): Promise<string> {
  return ok(await as(personId, 'submit', { itemId, clientKey: clientKey(), ...extra })).id
}
const detail = async (personId: string, requestId: string) => ok(await as(personId, 'request', { requestId }))
const advance = async (personId: string, requestId: string, to: string, extra: Record<string, unknown> = {}) => ok(await as(personId, 'advance', { requestId, to, ...extra }))
async function notices(personId: string, requestId: string, kind?: string): Promise<Array<{ kind: string; title: string; body: string }>> {
  const items = ok(await host.call('inbox', 'list', { limit: 100 }, await tokenOf(personId))).items as Array<{ kind: string; title: string; body: string; page: string }>
  return items.filter((item) => item.page.includes(encodeURIComponent(requestId)) && (!kind || item.kind === kind))
}

let adjustments: CalendarAdjustments
let villager: string
let leader: string
let secretary: string
let staff: string
/** Villagers of 2组 who are no persona (proxy requests are filed for them). */
let neighbours: string[]
/** The leader of 合兴村 3组, and one of its villagers. */
let otherLeader: string
let otherGroupVillager: string

async function people(groupId: string): Promise<any[]> {
  return (await host.store.collection('people').where({ groupId }).orderBy('_id', 'asc').limit(200).get()).data
}

beforeAll(async () => {
  host = await startTestHost()
  addOtherTown(host.store)
  adjustments = await loadCalendarAdjustments(host.store)
  villager = host.personaWith((p) => isPlainVillager(p) && p.groupId === GROUP).id
  leader = host.personaWith((p) => p.roles.includes('group_leader') && p.groupId === GROUP).id
  secretary = host.personaWith((p) => p.roles.includes('village_secretary') && p.villageId === HEXING).id
  staff = host.personaWith((p) => p.roles.includes('village_staff') && p.villageId === HEXING).id
  const personaIds = new Set(host.personas.map((p) => p.id))
  neighbours = (await people(GROUP)).filter((person) => !personaIds.has(person._id) && person._id !== leader).map((person) => person._id)
  const { data: group3 } = await host.store.collection('groups').doc('v-hexing-g03').get()
  otherLeader = group3!.leaderId as string
  otherGroupVillager = (await people('v-hexing-g03')).find((person) => person._id !== otherLeader && !personaIds.has(person._id))._id
  expect(neighbours.length).toBeGreaterThanOrEqual(8)
  expect(otherLeader).toBeTruthy()
})
afterAll(async () => {
  await setClock(null)
  await host.close()
})

describe('a request’s life through HTTP', () => {
  it('submit (a retry stores nothing) → accepted → collected → handed on → done → 不满意 reopens → done → 满意 closes', async () => {
    await setClock(MONDAY)
    const key = clientKey()
    const first = ok(await as(villager, 'submit', { itemId: 'gs-certificate', clientKey: key, note: '开家庭关系证明', contactTime: '晚上' }))
    expect(first.number).toMatch(/^合兴2027-\d{4}$/)
    // The app retries on a weak network: the same request and number, nothing stored.
    const stored = host.store.checksum()
    expect(ok(await as(villager, 'submit', { itemId: 'gs-certificate', clientKey: key, note: '开家庭关系证明', contactTime: '晚上' }))).toEqual(first)
    expect(host.store.checksum()).toBe(stored)
    const id = first.id as string

    const submitted = await detail(villager, id)
    expect(submitted).toMatchObject({ state: 'submitted', number: first.number, proxy: false, forPerson: { id: villager }, escalations: [] })
    expect(submitted.dueAt).toBe(addWorkingDays(new Date(MONDAY), 3, adjustments).toISOString())
    expect(await notices(leader, id, 'errand_new')).toHaveLength(1)

    expect(await advance(leader, id, 'accepted')).toMatchObject({ state: 'accepted', dueAt: submitted.dueAt })
    expect(await advance(leader, id, 'collected', { note: '材料已收齐' })).toMatchObject({ state: 'collected' })
    await refusedUnchanged(400, () => as(leader, 'advance', { requestId: id, to: 'handed_on' }))
    expect(await advance(leader, id, 'handed_on', { handedTo: 'village' })).toMatchObject({ state: 'handed_on' })
    expect(await advance(staff, id, 'done', { note: '证明已开好' })).toMatchObject({ state: 'done' })
    expect((await detail(villager, id)).can).toMatchObject({ rate: true })

    // 不满意: back to the same handler with the villager's note; the leader is told.
    expect(ok(await as(villager, 'rate', { requestId: id, rating: 'unsatisfied', note: '证明上名字写错了' }))).toEqual({ state: 'accepted' })
    const reopened = await detail(leader, id)
    expect(reopened).toMatchObject({ state: 'accepted', rating: null })
    expect((await notices(leader, id)).some((notice) => notice.title.includes('不满意') && notice.body.includes('证明上名字写错了'))).toBe(true)
    await refusedUnchanged(409, () => as(villager, 'rate', { requestId: id, rating: 'satisfied' }))
    // Nothing reaches closed by a step: only a rating or a recorded call-back closes it.
    await refusedUnchanged(409, () => as(leader, 'advance', { requestId: id, to: 'closed' }))

    expect(await advance(leader, id, 'done', { note: '已重新开具' })).toMatchObject({ state: 'done' })
    expect(ok(await as(villager, 'rate', { requestId: id, rating: 'satisfied' }))).toEqual({ state: 'closed' })
    const closed = await detail(villager, id)
    expect(closed).toMatchObject({ state: 'closed', number: first.number, rating: { rating: 'satisfied', by: 'villager' }, next: [] })
    expect(closed.steps.map((step: { kind: string }) => step.kind)).toEqual(['submitted', 'accepted', 'collected', 'handed_on', 'done', 'rated', 'done', 'rated'])
    await refusedUnchanged(409, () => as(staff, 'advance', { requestId: id, to: 'closed' }))
    await refusedUnchanged(409, () => as(villager, 'rate', { requestId: id, rating: 'fair' }))

    // Each step left one audit entry named after its action.
    const { data: entries } = await host.store.collection('audit').where({ subjectId: id }).limit(50).get()
    expect(entries.map((entry) => entry.action).sort()).toEqual(['errands.submit', ...Array(4).fill('errands.advance'), 'errands.rate', 'errands.advance', 'errands.rate'].sort())
  })

  it('a return (reason required) pauses the clock: dueAt moves by exactly the working days spent waiting on the villager', async () => {
    await setClock(MONDAY)
    const id = await submit(villager, 'ss-medical-pay')
    await advance(leader, id, 'accepted')
    const { dueAt } = await detail(villager, id)
    await refusedUnchanged(400, () => as(leader, 'advance', { requestId: id, to: 'returned' }))
    const returnedAt = new Date(Date.parse(MONDAY) + 2 * 60 * MINUTE_MS)
    await setClock(returnedAt)
    expect(await advance(leader, id, 'returned', { note: '请补充缴费档次' })).toMatchObject({ state: 'returned', dueAt })
    expect((await detail(villager, id)).can).toMatchObject({ respond: true })
    // Only the villager answers a return.
    await refusedUnchanged(403, () => as(leader, 'respond', { requestId: id }))

    await setClock(addWorkingDays(returnedAt, 3, adjustments))
    const responded = ok(await as(villager, 'respond', { requestId: id, note: '选第二档' }))
    expect(responded).toEqual({ state: 'accepted', dueAt: addWorkingDays(new Date(dueAt), 3, adjustments).toISOString() })
    expect(await detail(leader, id)).toMatchObject({ state: 'accepted', dueAt: responded.dueAt })
    await refusedUnchanged(409, () => as(villager, 'respond', { requestId: id }))
  })

  it('an extension asked before the deadline and approved by the village moves dueAt and tells the villager; after the deadline it is refused', async () => {
    await setClock(MONDAY)
    const id = await submit(villager, 'gs-facility-repair')
    await advance(leader, id, 'accepted')
    const { dueAt } = await detail(villager, id)
    await refusedUnchanged(400, () => as(leader, 'extend', { requestId: id, days: 2 }))
    await refusedUnchanged(403, () => as(villager, 'extend', { requestId: id, days: 2, reason: '等配件' }))
    expect(ok(await as(leader, 'extend', { requestId: id, days: 2, reason: '路灯配件要从镇里调' }))).toEqual({ dueAt })
    await refusedUnchanged(409, () => as(leader, 'extend', { requestId: id, days: 3, reason: '再等等' }))
    // The leader cannot approve their own request for more time.
    await refusedUnchanged(403, () => as(leader, 'decideExtension', { requestId: id, approve: true }))
    const moved = addWorkingDays(new Date(dueAt), 2, adjustments).toISOString()
    expect(ok(await as(staff, 'decideExtension', { requestId: id, approve: true }))).toEqual({ dueAt: moved })
    expect(await detail(villager, id)).toMatchObject({ dueAt: moved, extension: { days: 2, state: 'approved' } })
    expect((await notices(villager, id, 'errand_step')).some((notice) => notice.title.includes('同意延期'))).toBe(true)
    await refusedUnchanged(409, () => as(staff, 'decideExtension', { requestId: id, approve: true }))

    // Past the (moved) deadline: too late to ask.
    await setClock(new Date(Date.parse(moved) + MINUTE_MS))
    await refusedUnchanged(409, () => as(leader, 'extend', { requestId: id, days: 1, reason: '还需要时间' }))
    expect((await detail(villager, id)).overdue).toBe(true)
  })
})

describe('proxy requests (代办)', () => {
  it('the leader files for a villager of the group with consent in the app; the villager is told and confirms', async () => {
    await setClock(null)
    const [elder] = neighbours
    await refusedUnchanged(400, () => as(leader, 'submit', { itemId: 'ss-elder-allowance', clientKey: clientKey(), forPersonId: elder }))
    const id = await submit(leader, 'ss-elder-allowance', { forPersonId: elder, consent: { how: 'app' } })
    const pending = await detail(elder, id)
    expect(pending).toMatchObject({ proxy: true, forPerson: { id: elder }, filedBy: { id: leader }, consent: { how: 'app', state: 'pending' }, can: { consent: true } })
    expect(await notices(elder, id, 'errand_consent')).toHaveLength(1)
    const mine = ok(await as(elder, 'mine', {})).items
    expect(mine.map((item: { id: string }) => item.id)).toContain(id)
    expect(ok(await as(elder, 'consent', { requestId: id, decision: 'confirm' }))).toEqual({ state: 'submitted' })
    expect((await detail(elder, id)).consent).toMatchObject({ state: 'given' })
    await refusedUnchanged(409, () => as(elder, 'consent', { requestId: id, decision: 'confirm' }))
    // Nobody else answers for the villager.
    await refusedUnchanged(403, () => as(leader, 'consent', { requestId: id, decision: 'withdraw' }))
  })

  it('consent given in person needs a note saying how', async () => {
    const elder = neighbours[1]
    await refusedUnchanged(400, () => as(leader, 'submit', { itemId: 'ss-pension-cert', clientKey: clientKey(), forPersonId: elder, consent: { how: 'in_person' } }))
    const id = await submit(leader, 'ss-pension-cert', { forPersonId: elder, consent: { how: 'in_person', note: '3月1日上午在村民家中当面同意，其子在场' } })
    expect((await detail(elder, id)).consent).toEqual({ how: 'in_person', state: 'given', note: '3月1日上午在村民家中当面同意，其子在场' })
  })

  it('withdrawing consent cancels what has not been handed on; once handed on it is refused', async () => {
    const elder = neighbours[2]
    const early = await submit(leader, 'ca-care-register', { forPersonId: elder, consent: { how: 'app' } })
    await advance(leader, early, 'accepted')
    expect(ok(await as(elder, 'consent', { requestId: early, decision: 'withdraw', note: '子女已经办了' }))).toEqual({ state: 'cancelled' })
    expect(await detail(leader, early)).toMatchObject({ state: 'cancelled', consent: { state: 'withdrawn' } })
    await refusedUnchanged(409, () => as(leader, 'advance', { requestId: early, to: 'collected' }))

    const late = await submit(leader, 'ca-disability-subsidy', { forPersonId: elder, consent: { how: 'app' } })
    ok(await as(elder, 'consent', { requestId: late, decision: 'confirm' }))
    await advance(leader, late, 'accepted')
    await advance(leader, late, 'handed_on', { handedTo: 'town' })
    await refusedUnchanged(409, () => as(elder, 'consent', { requestId: late, decision: 'withdraw' }))
    expect((await detail(elder, late)).state).toBe('handed_on')
  })

  it('while the villager has not confirmed in the app, the leader may sign for it but not hand it on or finish it', async () => {
    const elder = neighbours[3]
    const id = await submit(leader, 'ca-hardship', { forPersonId: elder, consent: { how: 'app' } })
    await advance(leader, id, 'accepted')
    await refusedUnchanged(409, () => as(leader, 'advance', { requestId: id, to: 'handed_on', handedTo: 'village' }))
    await refusedUnchanged(409, () => as(leader, 'advance', { requestId: id, to: 'done' }))
    // Still the villager's to stop: withdrawing would cancel it.
    expect((await detail(elder, id)).can).toMatchObject({ consent: true })
    expect((await detail(leader, id)).next).toEqual(['collected', 'returned', 'cancelled'])
    ok(await as(elder, 'consent', { requestId: id, decision: 'confirm' }))
    expect((await detail(leader, id)).next).toEqual(['collected', 'handed_on', 'done', 'returned', 'cancelled'])
    expect(await advance(leader, id, 'handed_on', { handedTo: 'village' })).toMatchObject({ state: 'handed_on' })
  })

  it('a leader may not file for someone of another group, nor a villager for anyone else', async () => {
    await refusedUnchanged(403, () => as(leader, 'submit', { itemId: 'gs-utility-pay', clientKey: clientKey(), forPersonId: otherGroupVillager, consent: { how: 'app' } }))
    await refusedUnchanged(403, () => as(villager, 'submit', { itemId: 'gs-utility-pay', clientKey: clientKey(), forPersonId: neighbours[3], consent: { how: 'app' } }))
    await refusedUnchanged(403, () => as(otherLeader, 'submit', { itemId: 'gs-utility-pay', clientKey: clientKey(), forPersonId: villager, consent: { how: 'app' } }))
  })
})

describe('who sees and acts on a request', () => {
  it('only the villager’s own group leader signs for it; another group’s leader cannot see it; the village staff are refused where there is a leader', async () => {
    const id = await submit(neighbours[4], 'gs-utility-pay')
    await refusedUnchanged(404, () => as(otherLeader, 'request', { requestId: id }))
    await refusedUnchanged(404, () => as(otherLeader, 'advance', { requestId: id, to: 'accepted' }))
    await refusedUnchanged(403, () => as(staff, 'advance', { requestId: id, to: 'accepted' }))
    await refusedUnchanged(403, () => as(secretary, 'advance', { requestId: id, to: 'accepted' }))
    await refusedUnchanged(403, () => as(neighbours[4], 'advance', { requestId: id, to: 'accepted' }))
    expect(await advance(leader, id, 'accepted')).toMatchObject({ state: 'accepted' })
  })

  it('where the group has no leader the village staff sign for it', async () => {
    const GROUP5 = 'v-hexing-g05'
    const { data: before } = await host.store.collection('groups').doc(GROUP5).get()
    const formerLeader = before!.leaderId as string
    ok(await host.call('roster', 'setGroupLeader', { groupId: GROUP5, leaderId: null }, await tokenOf(secretary)))
    const someone = (await people(GROUP5)).find((person) => person._id !== formerLeader)._id
    const id = await submit(someone, 'hh-residence-proof')
    expect(await notices(staff, id, 'errand_new')).toHaveLength(1)
    expect(ok(await as(staff, 'todo', {})).items.map((item: { id: string }) => item.id)).toContain(id)
    await refusedUnchanged(404, () => as(formerLeader, 'advance', { requestId: id, to: 'accepted' }))
    expect(await advance(staff, id, 'accepted')).toMatchObject({ state: 'accepted' })
  })

  it('villagers see only their own requests and those filed for them', async () => {
    const own = await submit(villager, 'hj-elder-checkup')
    const forElder = await submit(leader, 'hj-elder-checkup', { forPersonId: neighbours[5], consent: { how: 'app' } })
    const mine = ok(await as(villager, 'mine', { limit: 100 })).items as Array<{ id: string; forPerson: { id: string } }>
    expect(mine.map((item) => item.id)).toContain(own)
    expect(mine.every((item) => item.forPerson.id === villager)).toBe(true)
    expect(mine.map((item) => item.id)).not.toContain(forElder)
    await refusedUnchanged(404, () => as(villager, 'request', { requestId: forElder }))
    await refusedUnchanged(404, () => as(neighbours[5], 'request', { requestId: own }))
    await refusedUnchanged(404, () => as(neighbours[5], 'rate', { requestId: own, rating: 'satisfied' }))
    await refusedUnchanged(404, () => as(villager, 'request', { requestId: 'errand-nowhere' }))
    expect((await detail(neighbours[5], forElder)).forPerson.id).toBe(neighbours[5])
    expect(ok(await as(neighbours[5], 'mine', {})).items.map((item: { id: string }) => item.id)).toContain(forElder)
  })

  it('village staff list their village, a town officer their town, neither another', async () => {
    const id = await submit(villager, 'ag-disaster')
    const village = ok(await as(staff, 'list', { scopeId: HEXING, limit: 100 })).items as Array<{ id: string }>
    expect(village.map((item) => item.id)).toContain(id)
    await refusedUnchanged(403, () => as(staff, 'list', { scopeId: 'v-xinan' }))
    await refusedUnchanged(403, () => as(staff, 'list', { scopeId: 't-sijia' }))
    const town = ok(await as('o-town-officer', 'list', { scopeId: 't-sijia', limit: 100 })).items as Array<{ id: string }>
    expect(town.map((item) => item.id)).toContain(id)
    expect(await detail('o-town-officer', id)).toMatchObject({ id, next: [] })
    await refusedUnchanged(403, () => as('o-town-officer', 'list', { scopeId: 't-other' }))
    await refusedUnchanged(403, () => as('o-other-town', 'list', { scopeId: 't-sijia' }))
    await refusedUnchanged(403, () => as('o-other-town', 'list', { scopeId: HEXING }))
    await refusedUnchanged(404, () => as('o-other-town', 'request', { requestId: id }))
    await refusedUnchanged(403, () => as(villager, 'list', { scopeId: HEXING }))
  })
})

describe('figures', () => {
  const FIELDS = ['requests', 'personTimes', 'onTime', 'satisfied', 'fair', 'unsatisfied'] as const
  const totals = async (personId: string, scopeId: string) => {
    const total = ok(await as(personId, 'figures', { scopeId })).total
    return Object.fromEntries(FIELDS.map((field) => [field, total[field]]))
  }
  const delta = (after: Record<string, number>, before: Record<string, number>) => Object.fromEntries(FIELDS.map((field) => [field, after[field] - before[field]]))

  it('the village’s and the town’s figures follow what was done, and a refused step changes no counter', async () => {
    await setClock(MONDAY)
    const village0 = await totals(staff, HEXING)
    const town0 = await totals('o-town-officer', 't-sijia')
    const group0 = ok(await as(staff, 'figures', { scopeId: HEXING })).parts.find((part: { key: string }) => part.key === GROUP)?.requests ?? 0

    const onTime = await submit(neighbours[6], 'gs-utility-pay')
    const late = await submit(neighbours[7], 'gs-utility-pay')
    const waiting = await submit(villager, 'gs-utility-pay')
    for (const id of [onTime, late, waiting]) await advance(leader, id, 'accepted')
    await advance(leader, onTime, 'done')
    ok(await as(neighbours[6], 'rate', { requestId: onTime, rating: 'satisfied' }))
    await setClock(addWorkingDays(new Date(MONDAY), 2, adjustments))
    await advance(leader, late, 'done')
    ok(await as(neighbours[7], 'rate', { requestId: late, rating: 'unsatisfied', note: '太慢了' }))
    await advance(leader, late, 'done')
    ok(await as(neighbours[7], 'rate', { requestId: late, rating: 'fair' }))

    // Refusals: nothing written, no counter moved.
    await refusedUnchanged(409, () => as(villager, 'rate', { requestId: waiting, rating: 'satisfied' }))
    await refusedUnchanged(409, () => as(leader, 'advance', { requestId: onTime, to: 'done' }))
    await refusedUnchanged(403, () => as(villager, 'advance', { requestId: waiting, to: 'done' }))

    const expected = { requests: 3, personTimes: 2, onTime: 1, satisfied: 1, fair: 1, unsatisfied: 1 }
    expect(delta(await totals(staff, HEXING), village0)).toEqual(expected)
    expect(delta(await totals('o-town-officer', 't-sijia'), town0)).toEqual(expected)
    const village = ok(await as(staff, 'figures', { scopeId: HEXING }))
    expect(village.parts.find((part: { key: string }) => part.key === GROUP).requests - group0).toBe(3)
    expect(village.months.find((month: { key: string }) => month.key === '2027-03')).toMatchObject({ personTimes: expect.any(Number) })
    const town = ok(await as('o-town-officer', 'figures', { scopeId: 't-sijia' }))
    expect(town.parts.map((part: { key: string }) => part.key)).toContain(HEXING)
    expect(town.total.onTimeRate).toBe(Math.round((town.total.onTime / town.total.personTimes) * 1000) / 1000)
    await refusedUnchanged(403, () => as(staff, 'figures', { scopeId: 't-sijia' }))
    await refusedUnchanged(403, () => as('o-other-town', 'figures', { scopeId: 't-sijia' }))
  })
})

describe('bad input', () => {
  it('an unknown item is 400; a switched-off item is 409, hidden from villagers and shown to staff; refusals write nothing', async () => {
    await setClock(null)
    await refusedUnchanged(400, () => as(villager, 'submit', { itemId: 'no-such-item', clientKey: clientKey() }))
    await refusedUnchanged(400, () => as(villager, 'submit', { itemId: 'gs-utility-pay', clientKey: 'short' }))
    await refusedUnchanged(403, () => as(villager, 'setItem', { villageId: HEXING, itemId: 'hj-job-referral', enabled: false, note: '暂停推荐' }))
    const items = (catalog: any) => catalog.categories.flatMap((category: { items: Array<{ id: string; enabled: boolean }> }) => category.items)

    const switched = ok(await as(staff, 'setItem', { villageId: HEXING, itemId: 'hj-job-referral', enabled: false, note: '本季度暂停' }))
    expect(switched).toMatchObject({ id: 'hj-job-referral', enabled: false })
    await refusedUnchanged(409, () => as(villager, 'submit', { itemId: 'hj-job-referral', clientKey: clientKey() }))
    await refusedUnchanged(409, () => as(leader, 'submit', { itemId: 'hj-job-referral', clientKey: clientKey(), forPersonId: neighbours[0], consent: { how: 'app' } }))
    expect(items(ok(await as(villager, 'catalog', {}))).map((item: { id: string }) => item.id)).not.toContain('hj-job-referral')
    expect(items(ok(await as(staff, 'catalog', {}))).find((item: { id: string }) => item.id === 'hj-job-referral')).toMatchObject({ enabled: false })
    // Another village is untouched.
    const xinanSecretary = host.personaWith((p) => p.roles.includes('village_secretary') && p.villageId === 'v-xinan').id
    expect(items(ok(await as(xinanSecretary, 'catalog', {}))).find((item: { id: string }) => item.id === 'hj-job-referral')).toMatchObject({ enabled: true })

    // A changed time limit is what a new request is timed by.
    ok(await as(staff, 'setItem', { villageId: HEXING, itemId: 'hj-job-referral', enabled: true, days: 8, note: '重新开放' }))
    await setClock(MONDAY)
    const id = await submit(villager, 'hj-job-referral')
    expect((await detail(villager, id)).dueAt).toBe(addWorkingDays(new Date(MONDAY), 8, adjustments).toISOString())
  })
})
