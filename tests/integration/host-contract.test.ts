/** The public HTTP contract of the local host, over the seeded demo town. */
import { SignJWT } from 'jose'
import { loadTokenSecret } from '../../server/tokens'
import { isGroupLeader, isPlainVillager, startTestHost, type TestHost } from '../support/test-host'

let host: TestHost
beforeAll(async () => {
  host = await startTestHost()
})
afterAll(async () => host.close())

describe('health and demo login', () => {
  it('answers /healthz', async () => {
    const response = await host.app.inject({ method: 'GET', url: '/healthz' })
    expect(response.statusCode).toBe(200)
    expect(response.json()).toEqual({ ok: true })
  })

  it('seeds at least 600 villagers in 33 groups of 3 villages of 四甲镇', async () => {
    const villagers = await host.store
      .collection('people')
      .where({ groupId: host.store.command.exists(true), villageId: host.store.command.neq(null) })
      .count()
    expect(villagers.total).toBeGreaterThanOrEqual(600)
    expect((await host.store.collection('groups').count()).total).toBeGreaterThanOrEqual(30)
    const { data: villages } = await host.store.collection('villages').where({ townId: 't-sijia' }).get()
    expect(villages.map((village) => village.name)).toContain('合兴村')
    expect(villages).toHaveLength(3)
  })

  it('lists personas for every kind of user', async () => {
    const roles = new Set(host.personas.flatMap((persona) => persona.roles))
    for (const role of ['villager', 'group_leader', 'party_member', 'village_secretary', 'village_staff', 'town_officer', 'police_liaison', 'city_officer', 'admin']) {
      expect(roles).toContain(role)
    }
    for (const persona of host.personas) expect(Object.keys(persona)).toEqual(expect.arrayContaining(['id', 'name', 'roles', 'villageId', 'groupId']))
  })

  it('refuses to log in as nobody', async () => {
    const response = await host.app.inject({ method: 'POST', url: '/api/dev/login', payload: { personId: 'nobody' } })
    expect(response.statusCode).toBe(400)
    expect(response.json().error.code).toBe('INVALID_INPUT')
  })
})

describe('first slice', () => {
  it('shows a villager their group, its leader, its size and their Party group', async () => {
    const villager = host.personaWith(isPlainVillager)
    const { status, body } = await host.call('home', 'overview', {}, await host.login(villager.id))
    expect(status).toBe(200)
    const { data } = body
    expect(data.person.name).toBe(villager.name)
    expect(data.village).toMatchObject({ name: '合兴村', townName: '四甲镇' })
    expect(data.group).toMatchObject({ id: villager.groupId, number: 2, name: '第2村民小组' })
    expect(data.group.leader.name).toBe('朱美萍')
    const { total } = await host.store.collection('people').where({ groupId: villager.groupId! }).count()
    expect(data.group.villagerCount).toBe(total)
    expect(data.partyGroup.groupNames).toContain('第2村民小组')
    expect(data.isGroupLeader).toBe(false)
  })

  it('gives a group leader their roster, paged by cursor and masked', async () => {
    const leader = host.personaWith(isGroupLeader)
    const token = await host.login(leader.id)
    const first = await host.call('roster', 'groupMembers', { groupId: leader.groupId, limit: 10 }, token)
    expect(first.status).toBe(200)
    expect(first.body.data.items).toHaveLength(10)
    expect(first.body.data.nextCursor).toEqual(expect.any(String))
    const { total } = await host.store.collection('people').where({ groupId: leader.groupId! }).count()
    expect(first.body.data.total).toBe(total)
    for (const item of first.body.data.items) if (item.phone) expect(item.phone).toMatch(/^\d{3}\*{4}\d{4}$/)
    expect(JSON.stringify(first.body)).not.toMatch(/idNumber|"1[358]\d{9}"/)
    // Walk to the end: every villager exactly once, in 户号 order, and the last page says so.
    const all = [...first.body.data.items]
    let cursor: string | null = first.body.data.nextCursor
    while (cursor) {
      const next = await host.call('roster', 'groupMembers', { groupId: leader.groupId, cursor, limit: 10 }, token)
      expect(next.status).toBe(200)
      all.push(...next.body.data.items)
      cursor = next.body.data.nextCursor
    }
    expect(all).toHaveLength(total)
    expect(new Set(all.map((item: { id: string }) => item.id)).size).toBe(total)
    const householdNos = all.map((item: { householdNo: string }) => item.householdNo)
    expect(householdNos).toEqual([...householdNos].sort())
    expect(all.filter((item: { isLeader: boolean }) => item.isLeader).length).toBeLessThanOrEqual(1)
  })

  it('no longer takes page numbers (a deliberate break since issue 6)', async () => {
    const leader = host.personaWith(isGroupLeader)
    const { status, body } = await host.call('roster', 'groupMembers', { groupId: leader.groupId, page: 2, pageSize: 10 }, await host.login(leader.id))
    expect(status).toBe(400)
    expect(body.error.code).toBe('INVALID_INPUT')
  })

  it('answers a forged or another group’s cursor with 400 on data.cursor and writes nothing', async () => {
    const leader = host.personaWith(isGroupLeader)
    const secretary = host.personaWith((p) => p.roles.includes('village_secretary') && p.villageId === leader.villageId)
    const token = await host.login(secretary.id)
    const { data: otherGroups } = await host.store
      .collection('groups')
      .where({ villageId: leader.villageId!, _id: host.store.command.neq(leader.groupId!) })
      .limit(1)
      .get()
    const foreign = (await host.call('roster', 'groupMembers', { groupId: otherGroups[0]._id, limit: 5 }, token)).body.data.nextCursor
    expect(foreign).toEqual(expect.any(String))
    const forged = Buffer.from(JSON.stringify(['001-001', 'x', 'not-the-hash'])).toString('base64url')
    for (const cursor of [forged, 'not*a*cursor', foreign]) {
      const before = host.store.checksum()
      const { status, body } = await host.call('roster', 'groupMembers', { groupId: leader.groupId, cursor, limit: 10 }, token)
      expect(status).toBe(400)
      expect(body.error.code).toBe('INVALID_INPUT')
      expect(body.error.message).toBe('翻页位置不对，请从头再看')
      expect(body.error.fields[0].path).toBe('data.cursor')
      expect(host.store.checksum()).toBe(before)
    }
  })

  it('refuses the roster to a villager and to another group’s leader', async () => {
    const villager = host.personaWith(isPlainVillager)
    const otherLeader = host.personaWith((persona) => isGroupLeader(persona) && persona.villageId !== villager.villageId)
    for (const persona of [villager, otherLeader]) {
      const { status, body } = await host.call('roster', 'groupMembers', { groupId: villager.groupId }, await host.login(persona.id))
      expect(status).toBe(403)
      expect(body.error).toMatchObject({ code: 'FORBIDDEN', message: expect.any(String), requestId: expect.any(String) })
    }
  })

  it('lets the village secretary and the town officer read the roster, not another village’s secretary', async () => {
    const leader = host.personaWith(isGroupLeader)
    const ownSecretary = host.personaWith((p) => p.roles.includes('village_secretary') && p.villageId === leader.villageId)
    const otherSecretary = host.personaWith((p) => p.roles.includes('village_secretary') && p.villageId !== leader.villageId)
    const townOfficer = host.personaWith((p) => p.roles.includes('town_officer'))
    const status = async (personId: string) => (await host.call('roster', 'groupMembers', { groupId: leader.groupId }, await host.login(personId))).status
    expect(await status(ownSecretary.id)).toBe(200)
    expect(await status(townOfficer.id)).toBe(200)
    expect(await status(otherSecretary.id)).toBe(403)
  })
})

describe('bad calls are refused and change nothing', () => {
  const writeAttempt = { personId: 'v-hexing-g02-h001-p1' }
  let adminToken: string
  beforeAll(async () => {
    adminToken = await host.login(host.personaWith((p) => p.roles.includes('admin')).id)
  })

  async function expectNothingWritten(request: () => Promise<{ status: number; body: any }>, status: number, code: string) {
    const before = host.store.checksum()
    const response = await request()
    expect(response.status).toBe(status)
    expect(response.body.ok).toBe(false)
    expect(response.body.error.code).toBe(code)
    expect(response.body.error.message).toMatch(/[\u4e00-\u9fa5]/)
    expect(host.store.checksum()).toBe(before)
    return response.body.error
  }

  it('the write itself works for an admin (so the refusals below are meaningful)', async () => {
    const before = host.store.checksum()
    const { status } = await host.call('identity', 'issueInvitation', writeAttempt, adminToken)
    expect(status).toBe(200)
    expect(host.store.checksum()).not.toBe(before)
  })

  it('401 without a token', async () => {
    await expectNothingWritten(() => host.call('identity', 'issueInvitation', writeAttempt), 401, 'UNAUTHENTICATED')
  })

  it('401 with a forged token', async () => {
    const forged = await new SignJWT({}).setProtectedHeader({ alg: 'HS256' }).setSubject('o-admin').setExpirationTime('1h').sign(new TextEncoder().encode('not-the-secret'))
    await expectNothingWritten(() => host.call('identity', 'issueInvitation', writeAttempt, forged), 401, 'UNAUTHENTICATED')
    await expectNothingWritten(() => host.call('identity', 'issueInvitation', writeAttempt, `${adminToken.slice(0, -3)}abc`), 401, 'UNAUTHENTICATED')
  })

  it('401 with an expired token', async () => {
    const expired = await new SignJWT({})
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('o-admin')
      .setIssuedAt(Math.floor(Date.now() / 1000) - 8 * 86400)
      .setExpirationTime(Math.floor(Date.now() / 1000) - 86400)
      .sign(loadTokenSecret(host.dataDir))
    await expectNothingWritten(() => host.call('identity', 'issueInvitation', writeAttempt, expired), 401, 'UNAUTHENTICATED')
  })

  it('400 with fields for invalid data', async () => {
    const error = await expectNothingWritten(() => host.call('identity', 'issueInvitation', { personId: 42, extra: true }, adminToken), 400, 'INVALID_INPUT')
    expect(error.fields).toEqual(expect.arrayContaining([expect.objectContaining({ path: 'data.personId' })]))
    expect(error.requestId).toEqual(expect.any(String))
  })

  it('400 for an unknown action, 404 for an unknown function', async () => {
    const unknownAction = await expectNothingWritten(() => host.call('identity', 'dropEverything', {}, adminToken), 400, 'INVALID_INPUT')
    expect(unknownAction.fields[0].path).toBe('action')
    await expectNothingWritten(() => host.call('nope', 'x', {}, adminToken), 404, 'NOT_FOUND')
  })

  it('400 for a body that is not JSON', async () => {
    const before = host.store.checksum()
    const response = await host.app.inject({
      method: 'POST',
      url: '/api/fn/system',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${adminToken}` },
      payload: '{"action":',
    })
    expect(response.statusCode).toBe(400)
    expect(response.json().error.code).toBe('INVALID_INPUT')
    expect(host.store.checksum()).toBe(before)
  })

  it('403 for a villager issuing invitations', async () => {
    const villagerToken = await host.login(host.personaWith(isPlainVillager).id)
    await expectNothingWritten(() => host.call('identity', 'issueInvitation', writeAttempt, villagerToken), 403, 'FORBIDDEN')
  })
})

describe('demo mode off', () => {
  it('answers 404 on /api/dev/* with DEMO=0 and still serves functions', async () => {
    const closed = await startTestHost({ demo: false })
    try {
      const login = await closed.app.inject({ method: 'POST', url: '/api/dev/login', payload: { personId: 'o-admin' } })
      expect(login.statusCode).toBe(404)
      expect((await closed.app.inject({ method: 'GET', url: '/api/dev/personas' })).statusCode).toBe(404)
      expect((await closed.call('system', 'ping', {})).status).toBe(401)
    } finally {
      await closed.close()
    }
  })
})
