/** Scheduled jobs, the demo clock and the demo routes, through the host over a real store. */
import { identityFunction } from '../../cloudfunctions/identity/actions'
import { invoke } from '../../cloudfunctions/shared/runtime/define-function'
import { silentLogger } from '../../cloudfunctions/shared/runtime/logger'
import { localFileStorage } from '../../server/local-storage'
import { startTestHost, type TestHost } from '../support/test-host'

let host: TestHost
beforeAll(async () => {
  host = await startTestHost()
})
afterAll(async () => host.close())

const DAY_MS = 24 * 60 * 60 * 1000
const inject = (method: 'GET' | 'POST', url: string, payload?: unknown) =>
  host.app.inject({ method, url, payload: payload as never }).then((response) => ({ status: response.statusCode, body: response.json() }))

describe('demo clock', () => {
  afterEach(async () => inject('POST', '/api/dev/clock', { at: null }))

  it('moves now for actions, may go backwards, and returns to real time with null', async () => {
    const real = Date.now()
    const forward = await inject('POST', '/api/dev/clock', { at: '2027-03-01T09:00:00+08:00' })
    expect(forward.status).toBe(200)
    expect(Date.parse(forward.body.data.now)).toBeGreaterThanOrEqual(Date.parse('2027-03-01T01:00:00Z'))
    const villager = await host.login(host.personas.find((p) => p.roles.includes('villager'))!.id)
    const ping = await host.call('system', 'ping', {}, villager)
    expect(ping.body.data.at.startsWith('2027-03-01T09:00')).toBe(true)

    const back = await inject('POST', '/api/dev/clock', { at: '2020-01-01T00:00:00Z' })
    expect(back.body.data.now.startsWith('2020-01-01T00:00')).toBe(true)
    expect((await inject('GET', '/api/dev/clock')).body.data.now.startsWith('2020-01-01')).toBe(true)

    const reset = await inject('POST', '/api/dev/clock', { at: null })
    expect(Math.abs(Date.parse(reset.body.data.now) - real)).toBeLessThan(60_000)
  })

  it('refuses a time it cannot read, and keeps the clock', async () => {
    const bad = await inject('POST', '/api/dev/clock', { at: 'next tuesday' })
    expect(bad.status).toBe(400)
    expect(bad.body.error.fields[0].path).toBe('at')
    expect(Math.abs(Date.parse((await inject('GET', '/api/dev/clock')).body.data.now) - Date.now())).toBeLessThan(60_000)
  })
})

describe('identity/expireInvitations', () => {
  afterAll(async () => inject('POST', '/api/dev/clock', { at: null }))

  it('expires stale codes once the clock passes their week, then has nothing to do', async () => {
    const open = async () => (await host.store.collection('invitations').where({ status: 'open' }).count()).total
    expect(await open()).toBeGreaterThan(0)
    const today = await inject('POST', '/api/dev/jobs/identity/expireInvitations')
    expect(today.body.data).toMatchObject({ job: 'identity/expireInvitations', changed: 0, more: false })

    await inject('POST', '/api/dev/clock', { at: new Date(Date.now() + 8 * DAY_MS).toISOString() })
    const first = await inject('POST', '/api/dev/jobs/identity/expireInvitations')
    expect(first.status).toBe(200)
    expect(first.body.data.changed).toBeGreaterThan(0)
    expect(first.body.data.processed).toBe(first.body.data.changed)
    expect(await open()).toBe(0)
    const { data: entries } = await host.store.collection('audit').where({ action: 'identity/expireInvitations' }).limit(100).get()
    expect(entries).toHaveLength(first.body.data.changed)
    expect(entries[0].actor).toEqual({ kind: 'system', job: 'identity/expireInvitations' })

    const before = host.store.checksum()
    const second = await inject('POST', '/api/dev/jobs/identity/expireInvitations')
    expect(second.body.data).toMatchObject({ changed: 0, processed: 0, more: false })
    expect(host.store.checksum()).toBe(before)
  })

  it('an expired code no longer binds a WeChat account', async () => {
    const { data } = await host.store.collection('invitations').where({ status: 'expired' }).limit(1).get()
    const envelope = await invoke(
      identityFunction,
      { action: 'bindInvitation', data: { code: data[0].code } },
      {
        db: host.store,
        storage: localFileStorage(host.dataDir),
        requestId: 'test',
        log: silentLogger,
        now: () => new Date(),
        caller: async () => null,
        openId: 'o-someone-new',
      },
    )
    expect(envelope).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } })
    expect((await host.store.collection('bindings').doc('o-someone-new').get()).data).toBeNull()
  })
})

describe('who may run a job', () => {
  it('an unknown job is 404', async () => {
    expect((await inject('POST', '/api/dev/jobs/identity/nothing')).status).toBe(404)
    expect((await inject('POST', '/api/dev/jobs/nobody/expireInvitations')).status).toBe(404)
  })

  it('a client naming a job through /api/fn is refused and nothing is written', async () => {
    await inject('POST', '/api/dev/clock', { at: new Date(Date.now() + 30 * DAY_MS).toISOString() })
    await host.store
      .collection('invitations')
      .add({ code: '12345678', personId: host.personas[0].id, issuedBy: 'test', expiresAt: new Date(Date.now() - DAY_MS).toISOString(), usedAt: null, status: 'open' })
    const admin = await host.login(host.personas.find((p) => p.roles.includes('admin'))!.id)
    const before = host.store.checksum()
    const asAction = await host.call('identity', 'expireInvitations', {}, admin)
    expect(asAction.status).toBe(400)
    for (const event of [
      { Type: 'Timer', TriggerName: 'expireInvitations' },
      { Type: 'timer', TriggerName: 'expireInvitations', action: 'me' },
    ]) {
      const response = await host.app.inject({ method: 'POST', url: '/api/fn/identity', payload: event, headers: { authorization: `Bearer ${admin}` } })
      expect(response.statusCode).toBe(403)
    }
    expect(host.store.checksum()).toBe(before)
    await inject('POST', '/api/dev/clock', { at: null })
  })

  it('demo routes are gone with DEMO=0', async () => {
    const closed = await startTestHost({ demo: false, seed: false })
    try {
      for (const [method, url] of [
        ['GET', '/api/dev/clock'],
        ['POST', '/api/dev/clock'],
        ['POST', '/api/dev/jobs/identity/expireInvitations'],
        ['GET', '/api/dev/outbox'],
      ] as const) {
        expect((await closed.app.inject({ method, url, payload: method === 'POST' ? {} : undefined })).statusCode).toBe(404)
      }
    } finally {
      await closed.close()
    }
  })
})
