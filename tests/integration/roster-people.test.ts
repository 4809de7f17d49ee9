/**
 * Issue 8: one villager at a time. roster.search (name part, 户号 prefix, pinyin initials), roster.person
 * (with canCall) and roster.callNumber (the full number, each reveal one audit entry without it).
 */
import { isPlainVillager, startTestHost, type TestHost } from '../support/test-host'

let host: TestHost
const tokens: Record<string, string> = {}
const HEXING = 'v-hexing'
const G02 = 'v-hexing-g02'
const HUANG = 'v-hexing-g02-h008-p2' // 黄伟强, 合兴村2组, 18478145259
const NO_PHONE = 'v-hexing-g02-h001-p3' // 徐伟德, a child without a phone
const ZHU = '朱美萍' // 合兴村2组's leader

beforeAll(async () => {
  host = await startTestHost()
  const persona = (predicate: Parameters<TestHost['personaWith']>[0]) => host.login(host.personaWith(predicate).id)
  tokens.villager = await persona((p) => isPlainVillager(p) && p.villageId === HEXING)
  tokens.leader = await persona((p) => p.roles.includes('group_leader') && p.groupId === G02)
  tokens.secretary = await persona((p) => p.roles.includes('village_secretary') && p.villageId === HEXING)
  tokens.staff = await persona((p) => p.roles.includes('village_staff') && p.villageId === HEXING)
  tokens.xinanSecretary = await persona((p) => p.roles.includes('village_secretary') && p.villageId === 'v-xinan')
  tokens.xinanLeader = await persona((p) => p.roles.includes('group_leader') && p.villageId === 'v-xinan')
  tokens.town = await persona((p) => p.roles.includes('town_officer'))
  tokens.city = await persona((p) => p.roles.includes('city_officer'))
})
afterAll(async () => host.close())

const auditOf = async (action: string) => (await host.store.collection('audit').where({ action }).limit(100).get()).data

describe('roster.search', () => {
  it('finds 黄伟强 in 合兴村2组 by his pinyin initials, phone masked', async () => {
    const response = await host.call('roster', 'search', { groupId: G02, q: 'hwq' }, tokens.leader)
    expect(response.status).toBe(200)
    expect(response.body.data.items).toEqual([
      expect.objectContaining({ id: HUANG, name: '黄伟强', householdNo: '02-008', phone: '184****5259', groupId: G02, groupName: '第2村民小组', isLeader: false }),
    ])
    expect(response.body.data.nextCursor).toBeNull()
  })

  it('searches a whole village by initials (any case), a part of the name or the start of the 户号', async () => {
    const byInitials = await host.call('roster', 'search', { villageId: HEXING, q: 'HWQ' }, tokens.secretary)
    expect(byInitials.body.data.items.map((item: { name: string; groupName: string }) => `${item.name}@${item.groupName}`)).toContain('黄伟强@第2村民小组')
    const byName = await host.call('roster', 'search', { villageId: HEXING, q: '伟强' }, tokens.town)
    expect(byName.body.data.items.map((item: { id: string }) => item.id)).toContain(HUANG)
    const byHousehold = await host.call('roster', 'search', { groupId: G02, q: '02-008' }, tokens.staff)
    expect(byHousehold.body.data.items.map((item: { name: string }) => item.name)).toEqual(['黄荣', '黄伟强'])
  })

  it('pages by cursor in 户号 order, and refuses a cursor of another list', async () => {
    const all = await host.call('roster', 'search', { groupId: G02, q: '张' }, tokens.leader)
    const names: string[] = []
    let cursor: string | undefined
    for (;;) {
      const page = await host.call('roster', 'search', { groupId: G02, q: '张', limit: 3, ...(cursor ? { cursor } : {}) }, tokens.leader)
      expect(page.status).toBe(200)
      names.push(...page.body.data.items.map((item: { id: string }) => item.id))
      if (!page.body.data.nextCursor) break
      cursor = page.body.data.nextCursor
    }
    expect(names).toEqual(all.body.data.items.map((item: { id: string }) => item.id))
    expect(names.length).toBeGreaterThan(3)
    const first = await host.call('roster', 'search', { groupId: G02, q: '张', limit: 1 }, tokens.leader)
    const foreign = await host.call('roster', 'search', { groupId: G02, q: '黄', cursor: first.body.data.nextCursor }, tokens.leader)
    expect(foreign.status).toBe(400)
    expect(foreign.body.error.fields).toEqual([expect.objectContaining({ path: 'data.cursor' })])
  })

  it('is for those who may see the roster: 403 for a villager, a leader of another group, a leader asking for the whole village', async () => {
    expect((await host.call('roster', 'search', { groupId: G02, q: 'hwq' }, tokens.villager)).status).toBe(403)
    expect((await host.call('roster', 'search', { groupId: G02, q: 'hwq' }, tokens.xinanLeader)).status).toBe(403)
    expect((await host.call('roster', 'search', { villageId: HEXING, q: 'hwq' }, tokens.leader)).status).toBe(403)
    expect((await host.call('roster', 'search', { villageId: HEXING, q: 'hwq' }, tokens.xinanSecretary)).status).toBe(403)
  })

  it('needs exactly one of groupId and villageId, and a query', async () => {
    expect((await host.call('roster', 'search', { groupId: G02, villageId: HEXING, q: 'hwq' }, tokens.secretary)).status).toBe(400)
    expect((await host.call('roster', 'search', { q: 'hwq' }, tokens.secretary)).status).toBe(400)
    expect((await host.call('roster', 'search', { groupId: G02, q: '  ' }, tokens.secretary)).status).toBe(400)
  })

  it('answers a village search quickly (narrowed by the indexed villageId, matched in the function)', async () => {
    const started = performance.now()
    const response = await host.call('roster', 'search', { villageId: HEXING, q: 'z' }, tokens.secretary)
    const elapsed = performance.now() - started
    expect(response.status).toBe(200)
    // The demo village has ~300 villagers; a county village up to 20,000 (initials ~10 µs a name).
    expect(elapsed).toBeLessThan(2000)
  })
})

describe('roster.person', () => {
  it('shows household, group, Party membership, masked phone, age and whether the caller may call', async () => {
    const response = await host.call('roster', 'person', { personId: HUANG }, tokens.secretary)
    expect(response.status).toBe(200)
    expect(response.body.data).toMatchObject({
      id: HUANG,
      name: '黄伟强',
      phone: '184****5259',
      partyMembership: null,
      household: { householdNo: '02-008', address: '合兴村2组8号' },
      group: { id: G02, number: 2, name: '第2村民小组' },
      village: { id: HEXING, name: '合兴村' },
      isLeader: false,
      canCall: true,
    })
    expect(response.body.data.age).toEqual(expect.any(Number))
  })

  it('tells a town officer they may look but not call, and the group leader they may call', async () => {
    expect((await host.call('roster', 'person', { personId: HUANG }, tokens.town)).body.data.canCall).toBe(false)
    expect((await host.call('roster', 'person', { personId: HUANG }, tokens.leader)).body.data.canCall).toBe(true)
    expect((await host.call('roster', 'person', { personId: NO_PHONE }, tokens.secretary)).body.data).toMatchObject({ phone: null, canCall: false })
  })

  it('refuses a villager and another village’s secretary (403)', async () => {
    expect((await host.call('roster', 'person', { personId: HUANG }, tokens.villager)).status).toBe(403)
    expect((await host.call('roster', 'person', { personId: HUANG }, tokens.xinanSecretary)).status).toBe(403)
  })
})

describe('roster.callNumber', () => {
  it('gives a villager their own group leader’s number, and writes one audit entry without it', async () => {
    const { data: leaders } = await host.store.collection('people').where({ groupId: G02, name: ZHU }).limit(1).get()
    const before = (await auditOf('roster.callNumber')).length
    const response = await host.call('roster', 'callNumber', { personId: leaders[0]._id }, tokens.villager)
    expect(response.status).toBe(200)
    expect(response.body.data).toEqual({ phone: leaders[0].phone })
    const entries = await auditOf('roster.callNumber')
    expect(entries.length).toBe(before + 1)
    const entry = entries.find((candidate) => candidate.subjectId === leaders[0]._id)!
    expect(JSON.stringify([entry.before, entry.after, entry.summary])).not.toContain(String(leaders[0].phone))
    expect(entry).toMatchObject({ villageId: HEXING, groupId: G02, subjectKind: 'person' })
  })

  it('gives a villager the number of whoever runs their Party group’s service point, in another group', async () => {
    const { data: partyGroups } = await host.store.collection('partyGroups').where({ villageId: HEXING }).limit(100).get()
    const crossGroup = partyGroups.find((partyGroup) => (partyGroup.groupIds as string[]).length > 1 && partyGroup.leaderId)!
    const leader = (await host.store.collection('people').doc(String(crossGroup.leaderId)).get()).data!
    const otherGroup = (crossGroup.groupIds as string[]).find((id) => id !== leader.groupId)!
    const { data: members } = await host.store.collection('people').where({ groupId: otherGroup }).limit(50).get()
    const { data: group } = await host.store.collection('groups').doc(otherGroup).get()
    const villager = members.find((member) => member._id !== group!.leaderId)!
    const token = await host.login(String(villager._id))
    const response = await host.call('roster', 'callNumber', { personId: leader._id }, token)
    expect(response.status).toBe(200)
    expect(response.body.data.phone).toBe(leader.phone)
  })

  it('lets a group leader call their own villagers, and the village’s secretary and cadres anyone of the village', async () => {
    for (const token of [tokens.leader, tokens.secretary, tokens.staff]) {
      const response = await host.call('roster', 'callNumber', { personId: HUANG }, token)
      expect([response.status, response.body.data?.phone]).toEqual([200, '18478145259'])
    }
  })

  it('refuses a villager asking for a stranger’s number, an officer of another village, and the officers above the village (403, nothing written)', async () => {
    const { data: stranger } = await host.store.collection('people').where({ villageId: 'v-xinan' }).limit(1).get()
    const before = host.store.checksum()
    const refusals = [
      await host.call('roster', 'callNumber', { personId: HUANG }, tokens.villager), // same group, not the leader
      await host.call('roster', 'callNumber', { personId: stranger[0]._id }, tokens.villager),
      await host.call('roster', 'callNumber', { personId: HUANG }, tokens.xinanSecretary),
      await host.call('roster', 'callNumber', { personId: HUANG }, tokens.xinanLeader),
      await host.call('roster', 'callNumber', { personId: HUANG }, tokens.town),
      await host.call('roster', 'callNumber', { personId: HUANG }, tokens.city),
      await host.call('roster', 'callNumber', { personId: 'p-nowhere' }, tokens.secretary),
    ]
    expect(refusals.map((response) => response.status)).toEqual([403, 403, 403, 403, 403, 403, 403])
    expect(host.store.checksum()).toBe(before)
  })

  it('answers 409 没有登记电话 for a person without a phone, and writes nothing', async () => {
    const before = host.store.checksum()
    const response = await host.call('roster', 'callNumber', { personId: NO_PHONE }, tokens.secretary)
    expect(response.status).toBe(409)
    expect(response.body.error.message).toContain('没有登记电话')
    expect(host.store.checksum()).toBe(before)
  })
})
