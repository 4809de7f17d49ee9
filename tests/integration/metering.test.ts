/**
 * What a call costs in CloudBase terms: documents read and written, counted by the embedded store
 * per metered section and reported by the host as x-db-reads / x-db-writes.
 */
import { loadCaller } from '../../cloudfunctions/shared/identity/load-caller'
import { EmbeddedStore } from '../../server/embedded-store/embedded-store'
import { isPlainVillager, startTestHost, type TestHost } from '../support/test-host'

describe('store.metered', () => {
  let store: EmbeddedStore
  beforeEach(async () => {
    // Rehearsing, as the test host does: the rolled-back first run must not be counted.
    store = new EmbeddedStore({ file: ':memory:', rehearseTransactions: true })
    store.bulkInsert(
      'meta',
      Array.from({ length: 5 }, (_, index) => ({ _id: `m${index}`, n: index, even: index % 2 === 0 })),
    )
  })
  afterEach(() => store.close())

  it('counts each document a query returns, 1 per doc get (found or not) and 1 per count', async () => {
    const { result, reads, writes } = await store.metered(async () => {
      const { data } = await store.collection('meta').where({ even: true }).get()
      await store.collection('meta').doc('m1').get()
      await store.collection('meta').doc('missing').get()
      await store.collection('meta').count()
      await store.collection('meta').where({ n: 99 }).get()
      return data.length
    })
    expect(result).toBe(3)
    expect(reads).toBe(3 + 1 + 1 + 1)
    expect(writes).toBe(0)
  })

  it('counts each document added, set, updated or removed, one by one or by condition', async () => {
    const { reads, writes } = await store.metered(async () => {
      await store.collection('meta').add({ n: 10 })
      await store.collection('meta').doc('m0').set({ n: 0 })
      await store.collection('meta').doc('m1').update({ n: 11 })
      await store.collection('meta').doc('m2').remove()
      await store.collection('meta').where({ even: true }).update({ seen: true }) // m4 only: m0 was replaced, m2 removed
      await store.collection('meta').where({ n: 10 }).remove()
    })
    expect(reads).toBe(0)
    expect(writes).toBe(1 + 1 + 1 + 1 + 1 + 1)
  })

  it('counts a transaction’s reads and writes once, though the callback ran twice', async () => {
    let runs = 0
    const { reads, writes } = await store.metered(() =>
      store.runTransaction(async (tx) => {
        runs += 1
        const { data } = await tx.collection('meta').doc('m1').get()
        await tx
          .collection('meta')
          .doc('m1')
          .update({ n: (data!.n as number) + 1 })
        await tx.collection('meta').doc('m9').set({ n: 9 })
        await tx.collection('meta').add({ n: 100 })
        await tx.collection('meta').doc('m3').remove()
      }),
    )
    expect(runs).toBe(2)
    expect(reads).toBe(1)
    expect(writes).toBe(4)
  })

  it('keeps concurrent sections apart and counts nothing outside them', async () => {
    await store.collection('meta').get() // not metered: nothing to count into, nothing thrown
    const [a, b] = await Promise.all([
      store.metered(async () => {
        for (let index = 0; index < 3; index += 1) await store.collection('meta').doc(`m${index}`).get()
      }),
      store.metered(async () => {
        await store.collection('meta').add({ n: 7 })
        await store.collection('meta').get()
      }),
    ])
    expect([a.reads, a.writes]).toEqual([3, 0])
    expect([b.reads, b.writes]).toEqual([6, 1])
  })
})

describe('x-db-reads / x-db-writes on every function call', () => {
  let host: TestHost
  beforeAll(async () => {
    host = await startTestHost()
  })
  afterAll(async () => host.close())

  async function post(fn: string, action: string, data: unknown, token: string) {
    const response = await host.app.inject({ method: 'POST', url: `/api/fn/${fn}`, payload: { action, data }, headers: { authorization: `Bearer ${token}` } })
    return { status: response.statusCode, reads: Number(response.headers['x-db-reads']), writes: Number(response.headers['x-db-writes']), body: response.json() }
  }

  it('charges system.ping only for loading the caller, and writes nothing', async () => {
    const villager = host.personaWith(isPlainVillager)
    const callerCost = await host.store.metered(() => loadCaller(host.store, villager.id))
    // A plain villager: their person and group documents; the grants query finds none.
    expect([callerCost.reads, callerCost.writes]).toEqual([2, 0])
    const ping = await post('system', 'ping', {}, await host.login(villager.id))
    expect(ping.status).toBe(200)
    expect(ping.reads).toBe(callerCost.reads)
    expect(ping.writes).toBe(0)
  })

  it('counts a write action’s writes, and what it reads back', async () => {
    const officer = host.personaWith((p) => p.roles.includes('city_officer'))
    const token = await host.login(officer.id)
    const callerReads = (await host.store.metered(() => loadCaller(host.store, officer.id))).reads
    const set = await post('system', 'setCalendarDay', { date: '2027-01-01', kind: 'holiday', name: '元旦' }, token)
    expect(set.status).toBe(200)
    // The day and its audit entry; the day's previous state is read for the audit's `before`.
    expect(set.writes).toBe(2)
    expect(set.reads).toBe(callerReads + 1 + set.body.data.days.length)
    const removed = await post('system', 'setCalendarDay', { date: '2027-01-01', kind: null }, token)
    expect([removed.writes, removed.reads]).toEqual([2, callerReads + 1])
  })

  it('reports the cost of refused calls too (the caller was still loaded)', async () => {
    const villager = host.personaWith(isPlainVillager)
    const refused = await post('system', 'setCalendarDay', { date: '2027-01-01', kind: null }, await host.login(villager.id))
    expect(refused.status).toBe(403)
    expect([refused.reads, refused.writes]).toEqual([2, 0])
  })
})
