/** Notices: written with the change, merged per person, read state per person, delivered to WeChat by a job. */
import { deliver, deliverBroadcasts, MAX_ATTEMPTS } from '../../cloudfunctions/inbox/jobs'
import { notify } from '../../cloudfunctions/shared/inbox/notify'
import { openApiSender, recordingSender, type OpenApi } from '../../cloudfunctions/shared/inbox/sender'
import { silentLogger } from '../../cloudfunctions/shared/runtime/logger'
import { localFileStorage } from '../../server/local-storage'
import { startTestHost, type TestHost } from '../support/test-host'

let host: TestHost
let secretary: string
const HEXING = 'v-hexing'

beforeAll(async () => {
  host = await startTestHost()
  secretary = await host.login(host.personaWith((p) => p.roles.includes('village_secretary') && p.villageId === HEXING).id)
})
afterAll(async () => host.close())

async function someoneIn(groupId: string, index = 0) {
  const { data } = await host.store.collection('people').where({ groupId }).orderBy('_id', 'asc').limit(20).get()
  return { id: data[index]._id, token: await host.login(data[index]._id) }
}
const inbox = async (token: string, data: Record<string, unknown> = {}) => host.call('inbox', 'list', data, token)
const noticesStored = async () => (await host.store.collection('broadcasts').count()).total + (await host.store.collection('inbox').count()).total

describe('a recompute that moves a group tells its villagers', () => {
  it('leaves one notice for the moved group, readable by each of its villagers, and none for groups it did not touch', async () => {
    const moved = await someoneIn('v-hexing-g09')
    const neighbour = await someoneIn('v-hexing-g09', 1)
    const untouched = await someoneIn('v-hexing-g03')
    const untouchedBefore = (await inbox(untouched.token)).body.data.unread
    const movedBefore = (await inbox(moved.token)).body.data.unread

    const override = await host.call(
      'partyGroups',
      'override',
      { villageId: HEXING, override: { kind: 'MOVE_GROUP', groupId: 'v-hexing-g09', toGroupId: 'v-hexing-g10', why: '离十组的服务点更近' } },
      secretary,
    )
    expect(override.status).toBe(200)

    for (const person of [moved, neighbour]) {
      const list = (await inbox(person.token)).body.data
      expect(list.unread).toBe(movedBefore + 1)
      expect(list.items[0]).toMatchObject({ kind: 'party_group_changed', title: '本组的党小组有变化', readAt: null, page: '/packages/party/pages/mine/index' })
      expect(list.items[0].body).toContain('现在属于')
      expect(list.items[0].body).toContain('离十组的服务点更近')
    }
    expect((await inbox(untouched.token)).body.data.unread).toBe(untouchedBefore)

    // Read state is each person's own.
    const first = (await inbox(moved.token)).body.data.items[0]
    expect((await host.call('inbox', 'markRead', { ids: [first.id] }, moved.token)).body.data.unread).toBe(movedBefore)
    expect((await inbox(moved.token)).body.data.items[0].readAt).not.toBeNull()
    expect((await inbox(neighbour.token)).body.data.unread).toBe(movedBefore + 1)
    // Someone outside the group can neither see nor mark it.
    expect((await inbox(untouched.token)).body.data.items.some((item: { id: string }) => item.id === first.id)).toBe(false)
    expect((await host.call('inbox', 'markRead', { ids: [first.id] }, untouched.token)).body.data.unread).toBe(untouchedBefore)
    expect((await inbox(neighbour.token)).body.data.unread).toBe(movedBefore + 1)
  })

  it('a refused change leaves no notice', async () => {
    const before = await noticesStored()
    const checksum = host.store.checksum()
    const refused = await host.call(
      'partyGroups',
      'override',
      { villageId: HEXING, override: { kind: 'MOVE_GROUP', groupId: 'v-hexing-g05', toGroupId: 'v-hexing-g12', why: '不相邻的组' } },
      secretary,
    )
    expect(refused.status).toBe(409)
    expect(await noticesStored()).toBe(before)
    expect(host.store.checksum()).toBe(checksum)
  })

  it('a transaction that fails after notifying leaves no notice', async () => {
    const before = await noticesStored()
    await expect(
      host.store.runTransaction(async (tx) => {
        await notify(tx, { people: ['p-a', 'p-b'] }, { kind: 'test', title: '试', body: '试', page: '' }, new Date())
        await notify(tx, { group: 'v-hexing-g01' }, { kind: 'test', title: '试', body: '试', page: '' }, new Date())
        throw new Error('the change failed')
      }),
    ).rejects.toThrow('the change failed')
    expect(await noticesStored()).toBe(before)
  })

  it('refuses more than 50 named people (a scope takes a broadcast)', async () => {
    const people = Array.from({ length: 51 }, (_, i) => `p-${i}`)
    await expect(host.store.runTransaction((tx) => notify(tx, { people }, { kind: 'test', title: '试', body: '试', page: '' }, new Date()))).rejects.toThrow(/at most 50/)
  })
})

describe('inbox.list paging', () => {
  it('pages newest first with no repeats while notices arrive, and refuses another person’s cursor', async () => {
    const me = await someoneIn('v-hexing-g08')
    const other = await someoneIn('v-hexing-g08', 1)
    const base = Date.now()
    await host.store.runTransaction(async (tx) => {
      for (let i = 0; i < 12; i += 1) await notify(tx, { people: [me.id] }, { kind: 'test', title: `第${i}条`, body: '', page: '' }, new Date(base + i * 1000))
    })
    const first = (await inbox(me.token, { limit: 5 })).body.data
    expect(first.items.map((item: { title: string }) => item.title).slice(0, 3)).toEqual(['第11条', '第10条', '第9条'])
    await host.store.runTransaction((tx) => notify(tx, { people: [me.id] }, { kind: 'test', title: '新来的', body: '', page: '' }, new Date(base + 60_000)))
    const titles = first.items.map((item: { title: string }) => item.title)
    let cursor = first.nextCursor
    while (cursor) {
      const page = (await inbox(me.token, { limit: 5, cursor })).body.data
      titles.push(...page.items.map((item: { title: string }) => item.title))
      cursor = page.nextCursor
    }
    const mine = titles.filter((title: string) => title.startsWith('第'))
    expect(mine).toEqual(Array.from({ length: 12 }, (_, i) => `第${11 - i}条`))
    expect(titles).not.toContain('新来的')

    const stolen = await inbox(other.token, { cursor: first.nextCursor })
    expect(stolen.status).toBe(400)
    expect(stolen.body.error.fields[0].path).toBe('data.cursor')
    expect((await inbox(me.token, { cursor: 'not-a-cursor' })).status).toBe(400)
  })
})

describe('inbox/deliver', () => {
  const context = (messages = recordingSender(host.store)) => ({
    db: host.store,
    storage: localFileStorage(host.dataDir),
    log: silentLogger,
    now: () => new Date(),
    actor: { kind: 'system' as const, job: 'inbox/deliver' },
    messages,
    templateIdFor: (kind: string) => `tmpl-${kind}`,
  })

  async function pendingFor(personId: string, bind: boolean) {
    if (bind) await host.store.collection('bindings').doc(`o-${personId}`).set({ personId, boundAt: new Date().toISOString() })
    await host.store.runTransaction((tx) =>
      notify(tx, { people: [personId] }, { kind: 'party_group_changed', title: '本组党小组长有变化', body: '长话短说', page: '/x' }, new Date()),
    )
    const { data } = await host.store.collection('inbox').where({ personId }).orderBy('createdAt', 'desc').limit(1).get()
    return data[0]._id
  }
  const stateOf = async (id: string) => (await host.store.collection('inbox').doc(id).get()).data!

  it('locally records what would have been sent (also through the demo route), and a rerun sends nothing', async () => {
    await deliver(context()) // clear what earlier tests left pending
    const bound = await pendingFor('v-hexing-g11-p-bound', true)
    const unbound = await pendingFor('v-hexing-g11-p-unbound', false)
    const run = await host.app.inject({ method: 'POST', url: '/api/dev/jobs/inbox/deliver' })
    expect(run.json().data).toMatchObject({ job: 'inbox/deliver', processed: 2, changed: 2, more: false })
    expect(await stateOf(bound)).toMatchObject({ deliveryState: 'sent', attempts: 1 })
    expect(await stateOf(unbound)).toMatchObject({ deliveryState: 'skipped', lastError: 'no_binding' })
    const { data: outbox } = await host.store.collection('outbox').where({ inboxId: bound }).limit(5).get()
    expect(outbox).toHaveLength(1)
    expect(outbox[0]).toMatchObject({ openId: 'o-v-hexing-g11-p-bound', page: '/x', data: { thing1: { value: '本组党小组长有变化' } } })
    const shown = await host.app.inject({ method: 'GET', url: '/api/dev/outbox' })
    expect(shown.json().data.some((entry: { inboxId: string }) => entry.inboxId === bound)).toBe(true)
    const again = await host.app.inject({ method: 'POST', url: '/api/dev/jobs/inbox/deliver' })
    expect(again.json().data).toMatchObject({ processed: 0, changed: 0 })
  })

  it('sends through cloud.openapi; a 43101 (not subscribed) is recorded and never retried', async () => {
    const calls: unknown[] = []
    const openapi: OpenApi = {
      subscribeMessage: {
        send: async (args) => {
          calls.push(args)
          throw Object.assign(new Error('user refuse to accept the msg'), { errCode: 43101, errMsg: 'user refuse to accept the msg' })
        },
      },
    }
    const id = await pendingFor('v-hexing-g11-p-refuses', true)
    const first = await deliver(context(openApiSender(openapi)))
    expect(first).toMatchObject({ processed: 1, changed: 1 })
    expect(calls).toHaveLength(1)
    expect(calls[0]).toMatchObject({ touser: 'o-v-hexing-g11-p-refuses', templateId: 'tmpl-party_group_changed', page: '/x', miniprogramState: 'formal' })
    expect(await stateOf(id)).toMatchObject({ deliveryState: 'not_subscribed', attempts: 1, lastError: '43101' })
    expect(await deliver(context(openApiSender(openapi)))).toMatchObject({ processed: 0, changed: 0 })
    expect(calls).toHaveLength(1)
  })

  it('retries other failures, then gives up', async () => {
    let calls = 0
    const flaky: OpenApi = { subscribeMessage: { send: async () => ((calls += 1), { errCode: -1, errMsg: 'system busy' }) } }
    const id = await pendingFor('v-hexing-g11-p-flaky', true)
    for (let run = 1; run <= MAX_ATTEMPTS; run += 1) {
      await deliver(context(openApiSender(flaky)))
      expect(await stateOf(id)).toMatchObject({ attempts: run, deliveryState: run < MAX_ATTEMPTS ? 'pending' : 'failed' })
    }
    await deliver(context(openApiSender(flaky)))
    expect(calls).toBe(MAX_ATTEMPTS)
  })
})

describe('inbox/deliver for broadcasts', () => {
  it('pushes a group notice to each member on WeChat, resuming where a bounded run stopped, and never twice', async () => {
    const { data: members } = await host.store.collection('people').where({ groupId: 'v-hexing-g12' }).orderBy('_id', 'asc').limit(100).get()
    const bound = members.slice(0, 3).map((person) => person._id)
    for (const personId of bound) await host.store.collection('bindings').doc(`o-${personId}`).set({ personId, boundAt: new Date().toISOString() })
    // Earlier tests' notices out of the way first.
    await deliver({
      db: host.store,
      storage: localFileStorage(host.dataDir),
      log: silentLogger,
      now: () => new Date(),
      actor: { kind: 'system', job: 'inbox/deliver' },
      messages: recordingSender(host.store),
      templateIdFor: (kind) => `tmpl-${kind}`,
    })
    await host.store.runTransaction((tx) =>
      notify(tx, { group: 'v-hexing-g12' }, { kind: 'party_group_changed', title: '本组党小组长有变化', body: '说明', page: '/p' }, new Date()),
    )
    const { data: created } = await host.store.collection('broadcasts').where({ scopeId: 'v-hexing-g12' }).orderBy('createdAt', 'desc').limit(1).get()
    const broadcastId = created[0]._id
    const context = {
      db: host.store,
      storage: localFileStorage(host.dataDir),
      log: silentLogger,
      now: () => new Date(),
      actor: { kind: 'system' as const, job: 'inbox/deliver' },
      messages: recordingSender(host.store),
      templateIdFor: (kind: string) => `tmpl-${kind}`,
    }

    // A budget of 2 people: the first run stops after the first two members and says so.
    const first = await deliverBroadcasts(context, 2)
    expect(first).toMatchObject({ processed: 2, more: true })
    let runs = 1
    while ((await deliverBroadcasts(context, 2)).more) runs += 1
    expect(runs).toBeGreaterThanOrEqual(Math.ceil(members.length / 2) - 1)
    const { data: sent } = await host.store.collection('outbox').where({ inboxId: broadcastId }).limit(100).get()
    expect(sent.map((entry) => entry.personId).sort()).toEqual([...bound].sort())
    const { data: after } = await host.store.collection('broadcasts').doc(broadcastId).get()
    expect(after).toMatchObject({ deliveryState: 'sent', delivery: { sent: 3, notSubscribed: 0, failed: 0 } })
    expect(await deliverBroadcasts(context, 500)).toMatchObject({ processed: 0, changed: 0 })
  })
})
