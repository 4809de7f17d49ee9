/**
 * Binding a WeChat OPENID to a person with an invitation code, through the same `invoke` path the
 * cloud entry uses (the OPENID comes from the WeChat context, not from the payload).
 */
import { identityFunction } from '../../cloudfunctions/identity/actions'
import { loadCaller, callerFromOpenId } from '../../cloudfunctions/shared/identity/load-caller'
import { invoke } from '../../cloudfunctions/shared/runtime/define-function'
import { silentLogger } from '../../cloudfunctions/shared/runtime/logger'
import { localFileStorage } from '../../server/local-storage'
import { createAdmin } from '../../server/cli/create-admin'
import { startTestHost, type TestHost } from '../support/test-host'

let host: TestHost
beforeAll(async () => {
  host = await startTestHost()
})
afterAll(async () => host.close())

async function bind(openId: string | null, data: unknown) {
  return invoke(
    identityFunction,
    { action: 'bindInvitation', data },
    {
      db: host.store,
      storage: localFileStorage(host.dataDir),
      requestId: 'test',
      log: silentLogger,
      now: () => new Date(),
      caller: () => callerFromOpenId(host.store, openId),
      openId,
    },
  )
}

it('creates the first admin with a code that binds exactly once', async () => {
  const admin = await createAdmin(host.store, '新管理员')
  const bound = await bind('openid-admin-1', { code: admin.code, openId: 'ignored-payload-openid' })
  expect(bound).toEqual({ ok: false, error: expect.objectContaining({ code: 'INVALID_INPUT' }) })
  const ok = await bind('openid-admin-1', { code: admin.code })
  expect(ok).toEqual({ ok: true, data: { personId: admin.personId, name: '新管理员' } })
  const caller = await callerFromOpenId(host.store, 'openid-admin-1')
  expect(caller?.roles).toContain('admin')
  const again = await bind('openid-admin-2', { code: admin.code })
  expect(again.ok).toBe(false)
  expect(await callerFromOpenId(host.store, 'openid-admin-2')).toBeNull()
})

it('lets village staff issue a code for a villager of their village, which the villager binds', async () => {
  const staff = host.personaWith((p) => p.roles.includes('village_staff'))
  const villager = host.personas.find((p) => p.roles.length === 1 && p.villageId === staff.villageId)!
  const issued = await host.call('identity', 'issueInvitation', { personId: villager.id }, await host.login(staff.id))
  expect(issued.status).toBe(200)
  expect(issued.body.data.code).toMatch(/^\d{8}$/)
  const result = await bind('openid-villager', { code: issued.body.data.code })
  expect(result).toMatchObject({ ok: true, data: { personId: villager.id } })
  expect((await callerFromOpenId(host.store, 'openid-villager'))?.personId).toBe(villager.id)
  const wrong = await bind('openid-someone', { code: '00000000' })
  expect(wrong).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', fields: [{ path: 'data.code' }] } })
})

it('refuses village staff of another village', async () => {
  const staff = host.personaWith((p) => p.roles.includes('village_staff'))
  const other = host.personas.find((p) => p.villageId && p.villageId !== staff.villageId)!
  const before = host.store.checksum()
  const refused = await host.call('identity', 'issueInvitation', { personId: other.id }, await host.login(staff.id))
  expect(refused.status).toBe(403)
  expect(host.store.checksum()).toBe(before)
})

it('without an OPENID, binding asks to open the app in WeChat and writes nothing', async () => {
  const before = host.store.checksum()
  const result = await bind(null, { code: '12345678' })
  expect(result).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } })
  expect(host.store.checksum()).toBe(before)
  expect(await loadCaller(host.store, 'nobody')).toBeNull()
})
