/** partyGroups.members: the Party members of one Party group, for 指定党小组长, in one call. */
import { isPlainVillager, startTestHost, type TestHost } from '../support/test-host'

let host: TestHost
beforeAll(async () => {
  host = await startTestHost()
})
afterAll(async () => host.close())

const HEXING = 'v-hexing'

it('lists exactly the Party members of the Party group’s villager groups, with their group', async () => {
  const secretary = await host.login(host.personaWith((p) => p.roles.includes('village_secretary') && p.villageId === HEXING).id)
  const { data: partyGroup } = await host.store.collection('partyGroups').doc('pg-v-hexing-g01').get()
  const groupIds = partyGroup!.groupIds as string[]
  expect(groupIds.length).toBeGreaterThan(1)
  const { data: people } = await host.store
    .collection('people')
    .where({ groupId: host.store.command.in(groupIds) })
    .limit(1000)
    .get()
  const expected = people.filter((person) => person.partyMembership).map((person) => person._id)

  const answer = await host.call('partyGroups', 'members', { villageId: HEXING, partyGroupId: 'pg-v-hexing-g01' }, secretary)
  expect(answer.status).toBe(200)
  expect(answer.body.data.items.map((item: { id: string }) => item.id).sort()).toEqual(expected.sort())
  for (const item of answer.body.data.items) expect(groupIds).toContain(item.group.id)
  expect(answer.body.data.items.some((item: { isGroupLeader: boolean }) => item.isGroupLeader)).toBe(true)
})

it('is refused outside the caller’s reach and answers 404 for a Party group of another village', async () => {
  const villager = await host.login(host.personaWith((p) => isPlainVillager(p) && p.villageId === HEXING).id)
  const other = await host.login(host.personaWith((p) => p.roles.includes('village_secretary') && p.villageId === 'v-xinan').id)
  const secretary = await host.login(host.personaWith((p) => p.roles.includes('village_secretary') && p.villageId === HEXING).id)
  expect((await host.call('partyGroups', 'members', { villageId: HEXING, partyGroupId: 'pg-v-hexing-g01' }, villager)).status).toBe(403)
  expect((await host.call('partyGroups', 'members', { villageId: HEXING, partyGroupId: 'pg-v-hexing-g01' }, other)).status).toBe(403)
  expect((await host.call('partyGroups', 'members', { villageId: HEXING, partyGroupId: 'pg-v-xinan-g01' }, secretary)).status).toBe(404)
})
