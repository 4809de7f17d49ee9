/** An election's winner takes a seat only where the council has room; otherwise the result says so (issue 9). */
import { startTestHost, type TestHost } from '../support/test-host'

let host: TestHost
const GROUP = 'v-hexing-g05'
const COUNCIL = `council-${GROUP}`

const stored = async (collection: string, id: string): Promise<any> => (await host.store.collection(collection).doc(id).get()).data
const call = async (personId: string, action: string, data: unknown) => host.call('councils', action, data, await host.login(personId))

beforeAll(async () => {
  host = await startTestHost()
})
afterAll(async () => host.close())

async function electAndClose(chair: string, candidate: string) {
  const created = await call(chair, 'createMatter', {
    bodyId: COUNCIL,
    title: '补选议事会成员',
    text: '选一位',
    kind: 'election',
    closesAt: new Date(Date.now() + 48 * 3600_000).toISOString(),
    candidates: [candidate],
    seats: 1,
  })
  expect(created.status).toBe(200)
  const matterId = created.body.data.id
  const opened = await call(chair, 'open', { matterId })
  expect(opened.status).toBe(200)
  const { data: slots } = await host.store.collection<any>('ballots').where({ matterId }).limit(200).get()
  // More than half of the group's adults vote, each for the one candidate.
  for (const slot of slots.slice(0, Math.floor(slots.length / 2) + 1)) {
    expect((await call(slot.personId, 'vote', { matterId, choice: ['c1'] })).status).toBe(200)
  }
  return (await call(chair, 'close', { matterId })).body.data.result
}

it('a full council keeps its members and the result names the winner left without a seat', async () => {
  const council = await stored('councils', COUNCIL)
  expect(council.members).toHaveLength(5)
  const members = new Set(council.members.map((member: { personId: string }) => member.personId))
  const { data: group } = await host.store.collection<any>('people').where({ groupId: GROUP }).limit(200).get()
  const candidate = group.find((person) => !members.has(person._id) && person.birthDate < '2000')
  const result = await electAndClose(council.chairId, candidate._id)
  expect(result.winners).toEqual(['c1'])
  expect(result.statement).toContain(`${candidate.name} 暂未入席`)
  expect((await stored('councils', COUNCIL)).members).toEqual(council.members)
})

it('with room, the winner is seated in the same step and the audit entry says so', async () => {
  const council = await stored('councils', COUNCIL)
  const leaving = council.members[4].personId
  expect((await call(council.chairId, 'removeMember', { bodyId: COUNCIL, personId: leaving, note: '外出务工' })).status).toBe(200)
  const members = new Set(council.members.map((member: { personId: string }) => member.personId))
  const { data: group } = await host.store.collection<any>('people').where({ groupId: GROUP }).limit(200).get()
  const candidate = group.find((person) => !members.has(person._id) && person.birthDate < '2000')
  const result = await electAndClose(council.chairId, candidate._id)
  expect(result.statement).not.toContain('暂未入席')
  const after = await stored('councils', COUNCIL)
  expect(after.members.at(-1)).toEqual({ personId: candidate._id, seat: 'member' })
  const { data: entries } = await host.store.collection<any>('audit').where({ action: 'councils.close' }).orderBy('at', 'desc').limit(1).get()
  expect(entries[0].after.seated).toEqual([candidate._id])
})
