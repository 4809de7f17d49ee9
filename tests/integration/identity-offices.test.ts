/**
 * Identities, offices and sessions through the host over a real store: granting and revoking
 * offices by rank and scope, sign-in codes for office holders, one open code per person, imports
 * that give fresh ids and cannot drop an office holder, and tokens that age out.
 */
import { SignJWT } from 'jose'
import { rosterRows } from '../../cloudfunctions/shared/domain/roster-import'
import type { GrantRecord, GroupRecord, HouseholdRecord, InvitationRecord, PersonRecord } from '../../cloudfunctions/shared/records/records'
import { loadTokenSecret } from '../../server/tokens'
import { startTestHost, type TestHost } from '../support/test-host'

let host: TestHost
const HEXING = 'v-hexing'
const XINAN = 'v-xinan'
const TOWN = 't-sijia'
const tokens: Record<string, string> = {}
const ids: Record<string, string> = {}

beforeAll(async () => {
  host = await startTestHost()
  const pick = async (key: string, predicate: (p: TestHost['personas'][number]) => boolean) => {
    ids[key] = host.personaWith(predicate).id
    tokens[key] = await host.login(ids[key])
  }
  await pick('secretary', (p) => p.roles.includes('village_secretary') && p.villageId === HEXING)
  await pick('staff', (p) => p.roles.includes('village_staff') && p.villageId === HEXING)
  await pick('xinanSecretary', (p) => p.roles.includes('village_secretary') && p.villageId === XINAN)
  await pick('town', (p) => p.roles.includes('town_officer'))
  await pick('police', (p) => p.roles.includes('police_liaison'))
  await pick('city', (p) => p.roles.includes('city_officer'))
  await pick('admin', (p) => p.roles.includes('admin'))
})
afterAll(async () => host.close())

const grantsOf = async (personId: string) => (await host.store.collection<GrantRecord>('grants').where({ personId }).limit(100).get()).data
const auditCount = async () => (await host.store.collection('audit').count()).total
async function villagerOf(villageId: string, index: number): Promise<PersonRecord> {
  const { data } = await host.store
    .collection<PersonRecord>('people')
    .where({ villageId })
    .orderBy('_id', 'asc')
    .limit(index + 1)
    .get()
  const officeHolders = new Set([ids.secretary, ids.staff, ids.xinanSecretary])
  return data.filter((person) => !officeHolders.has(person._id))[index - 1] ?? data[index]
}

describe('offices: identity.grants, grant, revoke', () => {
  it('lists a village’s office holders with names for its secretary, and the town’s and its villages’ for the town officer', async () => {
    const village = await host.call('identity', 'grants', { scopeId: HEXING }, tokens.secretary)
    expect(village.status).toBe(200)
    expect(village.body.data.scope).toMatchObject({ level: 'village', villageId: HEXING, townId: TOWN, name: '合兴村' })
    expect(village.body.data.items.map((item: { role: string }) => item.role)).toEqual(['village_secretary', 'village_staff'])
    expect(village.body.data.items[0]).toMatchObject({ personId: ids.secretary, personName: expect.any(String), scopeName: '合兴村' })

    const town = await host.call('identity', 'grants', { scopeId: TOWN }, tokens.town)
    expect(town.status).toBe(200)
    const roles = town.body.data.items.map((item: { role: string }) => item.role)
    expect(roles.filter((role: string) => role === 'village_secretary')).toHaveLength(3)
    expect(roles).toEqual(expect.arrayContaining(['town_officer', 'police_liaison', 'village_staff']))
    expect(roles).not.toContain('city_officer')

    for (const [who, scopeId] of [
      ['staff', HEXING],
      ['xinanSecretary', HEXING],
      ['police', TOWN],
      ['secretary', TOWN],
      ['town', 'city'],
      ['secretary', 'no-such-place'],
    ]) {
      expect([who, scopeId, (await host.call('identity', 'grants', { scopeId }, tokens[who])).status]).toEqual([who, scopeId, 403])
    }
    expect((await host.call('identity', 'grants', { scopeId: 'no-such-place' }, tokens.city)).status).toBe(404)
  })

  it('lets the secretary appoint village staff in her village, audited, and refuses offices at or above her own', async () => {
    const villager = await villagerOf(HEXING, 3)
    const before = await auditCount()
    const granted = await host.call('identity', 'grant', { personId: villager._id, role: 'village_staff', scopeId: HEXING }, tokens.secretary)
    expect(granted.status).toBe(200)
    expect(granted.body.data).toMatchObject({ personId: villager._id, role: 'village_staff', personName: villager.name })
    expect(await auditCount()).toBe(before + 1)
    expect((await grantsOf(villager._id)).map((grant) => grant.role)).toEqual(['village_staff'])
    // The new cadre is a cadre at once: the caller is loaded from the grants on every call.
    const cadre = await host.login(villager._id)
    expect((await host.call('identity', 'me', {}, cadre)).body.data.roles).toContain('village_staff')

    const checksum = host.store.checksum()
    const refused = [
      await host.call('identity', 'grant', { personId: villager._id, role: 'village_secretary', scopeId: HEXING }, tokens.secretary),
      await host.call('identity', 'grant', { personId: villager._id, role: 'village_staff', scopeId: XINAN }, tokens.secretary),
      await host.call('identity', 'grant', { personId: villager._id, role: 'village_staff', scopeId: HEXING }, tokens.staff),
      await host.call('identity', 'grant', { personId: villager._id, role: 'village_staff', scopeId: HEXING }, tokens.police),
      await host.call('identity', 'grant', { personId: villager._id, role: 'town_officer', scopeId: TOWN }, tokens.town),
      await host.call('identity', 'grant', { personId: villager._id, role: 'admin', scopeId: 'city' }, tokens.admin),
    ]
    expect(refused.map((answer) => answer.status)).toEqual([403, 403, 403, 403, 403, 403])
    const invalid = [
      await host.call('identity', 'grant', { personId: villager._id, role: 'village_staff', scopeId: HEXING }, tokens.secretary),
      await host.call('identity', 'grant', { personId: (await villagerOf(XINAN, 2))._id, role: 'village_staff', scopeId: HEXING }, tokens.secretary),
      await host.call('identity', 'grant', { personId: villager._id, role: 'village_staff', scopeId: TOWN }, tokens.town),
      await host.call('identity', 'grant', { personId: villager._id, role: 'mayor', scopeId: HEXING }, tokens.secretary),
    ]
    expect(invalid.map((answer) => [answer.status, answer.body.error.fields?.[0]?.path ?? null])).toEqual([
      [409, null],
      // A person of another village is outside the secretary's reach for this office: 403, like a missing one.
      [403, null],
      [400, 'data.role'],
      [400, 'data.role'],
    ])
    expect(host.store.checksum()).toBe(checksum)
  })

  it('revokes only below one’s own rank; nobody can revoke their own office', async () => {
    const villager = await villagerOf(HEXING, 4)
    const granted = await host.call('identity', 'grant', { personId: villager._id, role: 'village_staff', scopeId: HEXING }, tokens.secretary)
    const [secretaryGrant] = await grantsOf(ids.secretary)
    const [townGrant] = await grantsOf(ids.town)
    const checksum = host.store.checksum()
    expect((await host.call('identity', 'revoke', { grantId: secretaryGrant._id }, tokens.secretary)).status).toBe(403)
    expect((await host.call('identity', 'revoke', { grantId: secretaryGrant._id }, tokens.staff)).status).toBe(403)
    expect((await host.call('identity', 'revoke', { grantId: townGrant._id }, tokens.town)).status).toBe(403)
    expect((await host.call('identity', 'revoke', { grantId: granted.body.data.id }, tokens.xinanSecretary)).status).toBe(403)
    expect((await host.call('identity', 'revoke', { grantId: 'no-such-grant' }, tokens.secretary)).status).toBe(403)
    expect((await host.call('identity', 'revoke', { grantId: 'no-such-grant' }, tokens.admin)).status).toBe(404)
    expect(host.store.checksum()).toBe(checksum)

    const before = await auditCount()
    const revoked = await host.call('identity', 'revoke', { grantId: granted.body.data.id }, tokens.secretary)
    expect(revoked).toMatchObject({ status: 200, body: { data: { id: granted.body.data.id, revoked: true } } })
    expect(await grantsOf(villager._id)).toEqual([])
    expect(await auditCount()).toBe(before + 1)
  })

  it('lets the town officer replace a village secretary: grant the new one, revoke the old one', async () => {
    const next = await villagerOf(XINAN, 5)
    const granted = await host.call('identity', 'grant', { personId: next._id, role: 'village_secretary', scopeId: XINAN }, tokens.town)
    expect(granted.status).toBe(200)
    const [old] = (await grantsOf(ids.xinanSecretary)).filter((grant) => grant.role === 'village_secretary')
    expect((await host.call('identity', 'revoke', { grantId: old._id }, tokens.town)).status).toBe(200)
    expect((await host.call('identity', 'grants', { scopeId: XINAN }, tokens.xinanSecretary)).status).toBe(403)
  })
})

describe('invitations', () => {
  it('refuses a code for the village secretary from village staff, and allows it from the secretary’s equal or above', async () => {
    const checksum = host.store.checksum()
    const refused = await host.call('identity', 'issueInvitation', { personId: ids.secretary }, tokens.staff)
    expect(refused.status).toBe(403)
    expect(refused.body.error.message).toContain('同级或更高职务')
    expect(host.store.checksum()).toBe(checksum)
    expect((await host.call('identity', 'issueInvitation', { personId: ids.staff }, tokens.staff)).status).toBe(200)
    expect((await host.call('identity', 'issueInvitation', { personId: ids.secretary }, tokens.admin)).status).toBe(200)
  })

  it('a new code voids the person’s older ones, in one audited write', async () => {
    const villager = await villagerOf(HEXING, 6)
    const first = await host.call('identity', 'issueInvitation', { personId: villager._id }, tokens.staff)
    const before = await auditCount()
    const second = await host.call('identity', 'issueInvitation', { personId: villager._id }, tokens.secretary)
    expect(second.status).toBe(200)
    expect(await auditCount()).toBe(before + 1)
    const { data: codes } = await host.store.collection<InvitationRecord>('invitations').where({ personId: villager._id }).limit(100).get()
    const statusOf = new Map(codes.map((code) => [code.code, code.status]))
    expect(statusOf.get(first.body.data.code)).toBe('void')
    expect(statusOf.get(second.body.data.code)).toBe('open')
    expect(codes.filter((code) => code.status === 'open')).toHaveLength(1)
  })
})

// ── Imports ─────────────────────────────────────────────────────────────────────────────────────

async function villageCsv(villageId: string, drop: (row: string[], header: string[]) => boolean, add: string[][] = []): Promise<Buffer> {
  const [groups, households, people] = await Promise.all([
    host.store.collection<GroupRecord>('groups').where({ villageId }).limit(1000).get(),
    host.store.collection<HouseholdRecord>('households').where({ villageId }).limit(1000).get(),
    host.store.collection<PersonRecord>('people').where({ villageId }).limit(1000).get(),
  ])
  const [header, ...rows] = rosterRows(groups.data, households.data, people.data)
  const kept = [...rows.filter((row) => !drop(row, header)), ...add]
  const quote = (cell: string) => (/[",\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell)
  return Buffer.from(`\ufeff${[header, ...kept].map((row) => row.map(quote).join(',')).join('\r\n')}\r\n`)
}

async function upload(bytes: Buffer, token: string): Promise<string> {
  const response = await host.app.inject({
    method: 'POST',
    url: '/api/files?name=roster.csv&purpose=import',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/octet-stream' },
    payload: bytes,
  })
  expect(response.statusCode).toBe(200)
  return response.json().data.fileId
}

describe('roster import and identities', () => {
  const named = (person: PersonRecord) => (row: string[], header: string[]) => row[header.indexOf('姓名')] === person.name && row[header.indexOf('户号')] === person.householdNo

  it('cannot remove an office holder: 409 naming her, nothing written, her office kept', async () => {
    const { data: secretary } = await host.store.collection<PersonRecord>('people').doc(ids.secretary).get()
    const fileId = await upload(await villageCsv(HEXING, named(secretary!)), tokens.secretary)
    const checksum = host.store.checksum()
    const refused = await host.call('roster', 'importCommit', { villageId: HEXING, fileId, allowRemovals: true }, tokens.secretary)
    expect(refused.status).toBe(409)
    expect(refused.body.error.fields).toEqual([{ path: `removed.${ids.secretary}`, message: expect.stringContaining(`${secretary!.name}（村党组织书记）`) }])
    expect(host.store.checksum()).toBe(checksum)
    expect((await grantsOf(ids.secretary)).map((grant) => grant.role)).toEqual(['village_secretary'])
  })

  it('only the secretary (or an admin) may confirm removals; village staff may not', async () => {
    const villager = await villagerOf(HEXING, 8)
    const fileId = await upload(await villageCsv(HEXING, named(villager)), tokens.staff)
    const checksum = host.store.checksum()
    const refused = await host.call('roster', 'importCommit', { villageId: HEXING, fileId, allowRemovals: true }, tokens.staff)
    expect(refused.status).toBe(403)
    expect(refused.body.error.message).toContain('村党组织书记')
    expect(host.store.checksum()).toBe(checksum)
  })

  it('a removed person’s token and open code stop working, and the next person in the household gets a fresh id', async () => {
    const leaver = await villagerOf(HEXING, 10)
    const leaverToken = await host.login(leaver._id)
    expect((await host.call('identity', 'me', {}, leaverToken)).status).toBe(200)
    const code = await host.call('identity', 'issueInvitation', { personId: leaver._id }, tokens.secretary)
    expect(code.status).toBe(200)

    const { data: household } = await host.store.collection<HouseholdRecord>('households').doc(leaver.householdId!).get()
    const { data: group } = await host.store.collection<GroupRecord>('groups').doc(household!.groupId).get()
    const newcomer = [String(group!.number), group!.name, household!.householdNo, '新来的人', '女', '1990-03-03', '', '群众', '', '']
    const fileId = await upload(await villageCsv(HEXING, named(leaver), [newcomer]), tokens.secretary)
    const committed = await host.call('roster', 'importCommit', { villageId: HEXING, fileId, allowRemovals: true }, tokens.secretary)
    expect(committed.status).toBe(200)
    expect(committed.body.data.summary).toMatchObject({ added: 1, removed: 1 })

    const { data: added } = await host.store.collection<PersonRecord>('people').where({ villageId: HEXING, name: '新来的人' }).limit(1).get()
    expect(added[0].householdId).toBe(leaver.householdId)
    expect(added[0]._id).not.toBe(leaver._id)
    expect(added[0]._id.startsWith(household!._id)).toBe(false)
    // The leaver's signed, unexpired token finds nobody: 401, never the newcomer.
    const after = await host.call('identity', 'me', {}, leaverToken)
    expect(after.status).toBe(401)
    const { data: codes } = await host.store.collection<InvitationRecord>('invitations').where({ personId: leaver._id }).limit(10).get()
    expect(codes.map((doc) => doc.status)).toEqual(['void'])
  })
})

// ── Tokens ──────────────────────────────────────────────────────────────────────────────────────

describe('tokens', () => {
  const DAY = 24 * 60 * 60
  const sign = (claims: { iat?: number; exp?: number }) => {
    let jwt = new SignJWT({}).setProtectedHeader({ alg: 'HS256' }).setSubject(ids.secretary)
    if (claims.iat !== undefined) jwt = jwt.setIssuedAt(claims.iat)
    if (claims.exp !== undefined) jwt = jwt.setExpirationTime(claims.exp)
    return jwt.sign(loadTokenSecret(host.dataDir))
  }
  const status = async (token: string) => (await host.call('identity', 'me', {}, token)).status
  const now = () => Math.floor(Date.now() / 1000)

  it('accepts a token with iat and exp inside the lifetime', async () => {
    expect(await status(await sign({ iat: now() - 60, exp: now() + DAY }))).toBe(200)
  })

  it('refuses a correctly signed token without exp, without iat, or older than 7 days whatever its exp', async () => {
    expect(await status(await sign({ iat: now() - 60 }))).toBe(401)
    expect(await status(await sign({ exp: now() + DAY }))).toBe(401)
    expect(await status(await sign({ iat: now() - 8 * DAY, exp: now() + 365 * DAY }))).toBe(401)
    expect(await status(await sign({ iat: now() + DAY, exp: now() + 2 * DAY }))).toBe(401)
  })
})
