/** The partyGroups function and the roster changes that drive it, through the host over a real store. */
import { isGroupLeader, isPlainVillager, startTestHost, type TestHost, addOtherTown } from '../support/test-host'

let host: TestHost
const token = new Map<string, string>()
async function as(predicate: Parameters<TestHost['personaWith']>[0]) {
  const persona = host.personaWith(predicate)
  if (!token.has(persona.id)) token.set(persona.id, await host.login(persona.id))
  return { persona, token: token.get(persona.id)! }
}
const secretaryOf = (villageId: string) => (p: { roles: string[]; villageId: string | null }) => p.roles.includes('village_secretary') && p.villageId === villageId
const HEXING = 'v-hexing'

beforeAll(async () => {
  host = await startTestHost()
  // A second town with its own officer, to show town officers stay in their town.
  addOtherTown(host.store)
})
afterAll(async () => host.close())

const previewVillage = {
  groups: [
    { id: 'a', number: 1, leaderId: 'a1', neighbours: ['b'] },
    { id: 'b', number: 2, leaderId: 'b1', neighbours: ['a', 'c'] },
    { id: 'c', number: 3, leaderId: null, neighbours: ['b'] },
  ],
  members: [
    { id: 'a1', groupId: 'a', partyMember: true },
    { id: 'a2', groupId: 'a', partyMember: true },
    { id: 'a3', groupId: 'a', partyMember: true },
    { id: 'b1', groupId: 'b', partyMember: false },
    { id: 'b2', groupId: 'b', partyMember: true },
    { id: 'c1', groupId: 'c', partyMember: true },
  ],
}

describe('partyGroups.preview', () => {
  it('computes a what-if village for the secretary and writes nothing', async () => {
    const { token: secretary } = await as(secretaryOf(HEXING))
    const before = host.store.checksum()
    const { status, body } = await host.call('partyGroups', 'preview', previewVillage, secretary)
    expect(status).toBe(200)
    expect(host.store.checksum()).toBe(before)
    expect(body.data.partyGroups).toHaveLength(1)
    expect(body.data.partyGroups[0]).toMatchObject({ id: 'pg-a', groupIds: ['a', 'b', 'c'], leaderId: 'a1', crossGroup: true })
    const messages = body.data.partyGroups[0].reasons.map((reason: { message: string }) => reason.message)
    expect(messages).toEqual(expect.arrayContaining(['村民小组长不是党员', '党员少于3名', expect.stringMatching(/^与.+跨组设立$/)]))
    expect(body.data.stats).toMatchObject({ groups: 3, partyGroups: 1, crossGroup: 1, coverage: 1 })
  })

  it('answers 400 with fields for ids that are not in the village', async () => {
    const { token: secretary } = await as(secretaryOf(HEXING))
    const bad = {
      groups: [{ id: 'a', number: 1, leaderId: 'a1', neighbours: ['zz'] }],
      members: [{ id: 'a1', groupId: 'nowhere', partyMember: true }],
    }
    const { status, body } = await host.call('partyGroups', 'preview', bad, secretary)
    expect(status).toBe(400)
    expect(body.error.fields.map((field: { path: string }) => field.path)).toEqual(expect.arrayContaining(['data.groups.0.neighbours.0', 'data.members.0.groupId']))
  })

  it('is refused to villagers, group leaders, and a secretary naming another village', async () => {
    for (const predicate of [isPlainVillager, isGroupLeader]) {
      const { token: caller } = await as(predicate)
      expect((await host.call('partyGroups', 'preview', previewVillage, caller)).status).toBe(403)
    }
    const { token: secretary } = await as(secretaryOf(HEXING))
    expect((await host.call('partyGroups', 'preview', { ...previewVillage, villageId: 'v-xinan' }, secretary)).status).toBe(403)
    expect((await host.call('partyGroups', 'preview', { ...previewVillage, villageId: HEXING }, secretary)).status).toBe(200)
  })
})

describe('village report and coverage', () => {
  it('shows the secretary every group covered, with reasons, and a service point per Party group', async () => {
    const { token: secretary } = await as(secretaryOf(HEXING))
    const { status, body } = await host.call('partyGroups', 'village', { villageId: HEXING }, secretary)
    expect(status).toBe(200)
    const report = body.data
    const covered = report.partyGroups.flatMap((partyGroup: { groups: Array<{ id: string }> }) => partyGroup.groups.map((group) => group.id))
    expect(new Set(covered).size).toBe(covered.length)
    expect(covered.length + report.uncovered.length).toBe(report.stats.groups)
    expect(report.stats.crossGroup).toBeGreaterThan(0)
    const cross = report.partyGroups.find((partyGroup: { crossGroup: boolean }) => partyGroup.crossGroup)
    expect(cross.reasons.some((reason: { code: string }) => reason.code === 'JOINED_NEIGHBOUR')).toBe(true)
    for (const partyGroup of report.partyGroups) expect(partyGroup.servicePoints.length).toBeGreaterThanOrEqual(1)
  })

  it('lets each officer see only their scope', async () => {
    const { token: townOfficer } = await as((p) => p.roles.includes('town_officer'))
    const { token: cityOfficer } = await as((p) => p.roles.includes('city_officer'))
    const { token: secretary } = await as(secretaryOf(HEXING))
    const otherTownOfficer = await host.login('o-other-town')

    const town = await host.call('partyGroups', 'coverage', { level: 'town', id: 't-sijia' }, townOfficer)
    expect(town.status).toBe(200)
    expect(town.body.data.rows).toHaveLength(3)
    expect(town.body.data.stats.groups).toBe(33)
    expect(town.body.data.stats.coverage).toBeGreaterThan(0.9)
    expect((await host.call('partyGroups', 'coverage', { level: 'town', id: 't-sijia' }, otherTownOfficer)).status).toBe(403)
    expect((await host.call('partyGroups', 'village', { villageId: HEXING }, otherTownOfficer)).status).toBe(403)
    expect((await host.call('partyGroups', 'recompute', { villageId: HEXING }, otherTownOfficer)).status).toBe(403)
    expect((await host.call('partyGroups', 'coverage', { level: 'city' }, townOfficer)).status).toBe(403)
    expect((await host.call('partyGroups', 'coverage', { level: 'town', id: 't-sijia' }, secretary)).status).toBe(403)
    expect((await host.call('partyGroups', 'coverage', { level: 'village', id: HEXING }, secretary)).status).toBe(200)
    expect((await host.call('partyGroups', 'coverage', { level: 'village', id: 'v-xinan' }, secretary)).status).toBe(403)

    const city = await host.call('partyGroups', 'coverage', { level: 'city' }, cityOfficer)
    expect(city.status).toBe(200)
    expect(city.body.data.rows.map((row: { name: string }) => row.name).sort()).toEqual(['余东镇', '四甲镇'].sort())
    expect(city.body.data.stats.groups).toBe(33)
  })

  it('shows a villager their Party group and their service point', async () => {
    const { token: villager, persona } = await as(isPlainVillager)
    const { body } = await host.call('partyGroups', 'mine', {}, villager)
    expect(body.data.partyGroup.groups.map((group: { id: string }) => group.id)).toContain(persona.groupId)
    expect(body.data.myServicePoint.address).toMatch(/合兴村/)
    expect(body.data.partyGroup.leader.name).toEqual(expect.any(String))
  })
})

describe('roster changes drive recomputes, counts and the ledger', () => {
  it('makes a group cross-group when its leader leaves the Party, and back again', async () => {
    const { token: secretary } = await as(secretaryOf('v-changqiao'))
    const { data: group } = await host.store.collection('groups').doc('v-changqiao-g01').get()
    const leaderId = group!.leaderId as string
    const membersBefore = (group!.counts as { partyMembers: number }).partyMembers

    const left = await host.call('roster', 'setPartyMembership', { personId: leaderId, partyMembership: null }, secretary)
    expect(left.status).toBe(200)
    const { data: after } = await host.store.collection('groups').doc('v-changqiao-g01').get()
    expect(after).toMatchObject({ leaderIsPartyMember: false, counts: { partyMembers: membersBefore - 1 } })
    const report = (await host.call('partyGroups', 'village', { villageId: 'v-changqiao' }, secretary)).body.data
    const holder = report.partyGroups.find((partyGroup: { groups: Array<{ id: string }> }) => partyGroup.groups.some((g) => g.id === 'v-changqiao-g01'))
    expect(holder?.crossGroup ?? false).toBe(true)
    expect(holder.reasons).toEqual(expect.arrayContaining([expect.objectContaining({ groupId: 'v-changqiao-g01', code: 'LEADER_NOT_PARTY_MEMBER' })]))

    await host.call('roster', 'setPartyMembership', { personId: leaderId, partyMembership: 'full' }, secretary)
    const restored = (await host.call('partyGroups', 'village', { villageId: 'v-changqiao' }, secretary)).body.data
    expect(restored.partyGroups.find((partyGroup: { id: string }) => partyGroup.id === 'pg-v-changqiao-g01')).toBeDefined()
    const log = (await host.call('roster', 'changeLog', { villageId: 'v-changqiao', limit: 10 }, secretary)).body.data
    expect(log.items).toHaveLength(2)
    expect(log.nextCursor).toBeNull()
    expect(log.items[0].before).toEqual({ personId: leaderId, partyMembership: null })
  })

  it('keeps neighbours symmetric', async () => {
    const { token: secretary } = await as(secretaryOf('v-changqiao'))
    expect((await host.call('roster', 'setNeighbours', { groupId: 'v-changqiao-g01', neighbours: ['v-changqiao-g02', 'v-changqiao-g10'] }, secretary)).status).toBe(200)
    const { data: far } = await host.store.collection('groups').doc('v-changqiao-g10').get()
    expect(far!.neighbours).toContain('v-changqiao-g01')
    const { data: dropped } = await host.store.collection('groups').doc('v-changqiao-g05').get()
    expect(dropped!.neighbours).not.toContain('v-changqiao-g01')
    const bad = await host.call('roster', 'setNeighbours', { groupId: 'v-changqiao-g01', neighbours: ['v-hexing-g01'] }, secretary)
    expect(bad.status).toBe(400)
  })

  it('refuses roster changes and overrides to villagers, group leaders and other villages', async () => {
    const { token: villager } = await as(isPlainVillager)
    const { token: leader, persona } = await as(isGroupLeader)
    const { token: otherSecretary } = await as(secretaryOf('v-xinan'))
    const before = host.store.checksum()
    for (const caller of [villager, leader, otherSecretary]) {
      expect((await host.call('roster', 'setPartyMembership', { personId: persona.id, partyMembership: null }, caller)).status).toBe(403)
      expect(
        (
          await host.call(
            'partyGroups',
            'override',
            { villageId: HEXING, override: { kind: 'MOVE_GROUP', groupId: 'v-hexing-g05', toGroupId: 'v-hexing-g01', why: '方便开会' } },
            caller,
          )
        ).status,
      ).toBe(403)
      expect((await host.call('roster', 'importCommit', { villageId: HEXING, fileId: 'local://x.csv' }, caller)).status).toBe(403)
    }
    expect(host.store.checksum()).toBe(before)
  })
})

describe('overrides', () => {
  it('appoints another Party member as leader, survives recomputes, and is flagged when it becomes invalid', async () => {
    const { token: secretary } = await as(secretaryOf(HEXING))
    const report = (await host.call('partyGroups', 'village', { villageId: HEXING }, secretary)).body.data
    const partyGroup = report.partyGroups.find((candidate: { id: string }) => candidate.id === 'pg-v-hexing-g02')
    const members = (await host.call('roster', 'groupMembers', { groupId: 'v-hexing-g02', limit: 100 }, secretary)).body.data.items
    const appointee = members.find((member: { partyMember: boolean; id: string }) => member.partyMember && member.id !== partyGroup.leader.id)
    const [villager, recruit] = members.filter((member: { partyMember: boolean }) => !member.partyMember)
    // One more member first, so the Party group still stands when the appointee later leaves.
    expect((await host.call('roster', 'setPartyMembership', { personId: recruit.id, partyMembership: 'probationary' }, secretary)).status).toBe(200)

    const refused = await host.call(
      'partyGroups',
      'override',
      { villageId: HEXING, override: { kind: 'APPOINT_LEADER', partyGroupId: partyGroup.id, leaderId: villager.id, why: '试一试' } },
      secretary,
    )
    expect(refused.status).toBe(400)

    const done = await host.call(
      'partyGroups',
      'override',
      { villageId: HEXING, override: { kind: 'APPOINT_LEADER', partyGroupId: partyGroup.id, leaderId: appointee.id, why: '原组长年纪大了' } },
      secretary,
    )
    expect(done.status).toBe(200)
    const appointed = done.body.data.partyGroups.find((candidate: { id: string }) => candidate.id === partyGroup.id)
    expect(appointed.leader.id).toBe(appointee.id)
    expect(appointed.appliedOverrides[0]).toMatchObject({ kind: 'APPOINT_LEADER', why: '原组长年纪大了', by: expect.any(String), at: expect.any(String) })

    const again = await host.call(
      'partyGroups',
      'override',
      { villageId: HEXING, override: { kind: 'APPOINT_LEADER', partyGroupId: partyGroup.id, leaderId: appointee.id, why: '再点一次' } },
      secretary,
    )
    expect(again.status).toBe(409)
    const ledger = (await host.call('roster', 'changeLog', { villageId: HEXING, limit: 5 }, secretary)).body.data
    expect(ledger.items[0]).toMatchObject({ summary: `指定${appointee.name}为${partyGroup.name}的党小组长`, note: '原组长年纪大了', kind: 'partyGroups.override' })

    const recomputed = (await host.call('partyGroups', 'recompute', { villageId: HEXING }, secretary)).body.data
    expect(recomputed.partyGroups.find((candidate: { id: string }) => candidate.id === partyGroup.id).leader.id).toBe(appointee.id)

    // The appointee leaves the Party: the override is kept and flagged, not dropped.
    await host.call('roster', 'setPartyMembership', { personId: appointee.id, partyMembership: null }, secretary)
    const flagged = (await host.call('partyGroups', 'village', { villageId: HEXING }, secretary)).body.data
    expect(flagged.overrideIssues).toEqual([expect.objectContaining({ code: 'OVERRIDE_INVALID', message: expect.stringContaining('不是该党小组党员') })])
    expect(flagged.partyGroups.find((candidate: { id: string }) => candidate.id === partyGroup.id).leader.id).toBe(partyGroup.leader.id)
  })
})

describe('a refused override', () => {
  it('is answered with the rules’ reason and stores nothing', async () => {
    const { token: secretary } = await as(secretaryOf(HEXING))
    const report = (await host.call('partyGroups', 'village', { villageId: HEXING }, secretary)).body.data
    const own = report.partyGroups.find((partyGroup: { groups: unknown[]; crossGroup: boolean }) => !partyGroup.crossGroup)
    const { data: group } = await host.store.collection('groups').doc(own.groups[0].id).get()
    const before = host.store.checksum()
    const refused = await host.call(
      'partyGroups',
      'override',
      { villageId: HEXING, override: { kind: 'MOVE_GROUP', groupId: group!._id, toGroupId: (group!.neighbours as string[])[0], why: '想换个党小组' } },
      secretary,
    )
    expect(refused.status).toBe(409)
    expect(refused.body.error.message).toContain('不能这样调整')
    expect(host.store.checksum()).toBe(before)
  })
})
