/**
 * Councils follow the roster in the same transaction as the change (issue 9): a new group leader
 * chairs the group council, the previous one leaves it and, mid-vote, loses their slot (kept,
 * marked, not counted); a new village secretary chairs the board.
 */
import { startTestHost, type TestHost } from '../support/test-host'

let host: TestHost
let secretary: string
const GROUP = 'v-hexing-g03'
const COUNCIL = `council-${GROUP}`
const HOUR_MS = 60 * 60 * 1000

const stored = async (collection: string, id: string): Promise<any> => (await host.store.collection(collection).doc(id).get()).data
const call = async (personId: string, fn: string, action: string, data: unknown) => host.call(fn, action, data, await host.login(personId))

beforeAll(async () => {
  host = await startTestHost()
  secretary = host.personaWith((p) => p.roles.includes('village_secretary') && p.villageId === 'v-hexing').id
})
afterAll(async () => host.close())

describe('a change of group leader', () => {
  it('moves the council chair, drops the old chair mid-vote and recounts without their named vote', async () => {
    const council = await stored('councils', COUNCIL)
    const oldChair: string = council.chairId
    const members: string[] = council.members.map((member: { personId: string }) => member.personId)
    const created = await call(oldChair, 'councils', 'createMatter', {
      bodyId: COUNCIL,
      title: '修缮三组便道',
      text: '出资修便道',
      kind: 'motion',
      closesAt: new Date(Date.now() + 48 * HOUR_MS).toISOString(),
    })
    expect(created.status).toBe(200)
    const matterId = created.body.data.id
    expect((await call(oldChair, 'councils', 'open', { matterId })).body.data.eligible).toBe(members.length)
    expect((await call(oldChair, 'councils', 'vote', { matterId, choice: 'agree' })).status).toBe(200)
    expect((await call(members[1], 'councils', 'vote', { matterId, choice: 'oppose' })).status).toBe(200)

    const newLeader = members[2]
    const changed = await call(secretary, 'roster', 'setGroupLeader', { groupId: GROUP, leaderId: newLeader })
    expect(changed.status).toBe(200)

    const after = await stored('councils', COUNCIL)
    expect(after.chairId).toBe(newLeader)
    expect(after.members[0]).toEqual({ personId: newLeader, seat: 'chair' })
    expect(after.members.map((member: { personId: string }) => member.personId)).not.toContain(oldChair)
    expect(after.members).toHaveLength(members.length - 1)

    const matter = (await call(newLeader, 'councils', 'matter', { matterId })).body.data
    expect(matter.eligible).toBe(members.length - 1)
    expect(matter.voted).toBe(1)
    expect(matter.slots.find((slot: { voterId: string }) => slot.voterId === oldChair).lost).toBe('已不是成员')
    // The old chair's vote left the count; they may no longer vote.
    expect((await call(oldChair, 'councils', 'vote', { matterId, choice: 'oppose' })).status).toBe(403)
    expect((await call(newLeader, 'councils', 'verify', { matterId })).body.data).toMatchObject({ ok: true, problems: [] })
    const closed = (await call(newLeader, 'councils', 'close', { matterId })).body.data
    expect(closed.result.statement).toContain(`应参加表决 ${members.length - 1} 人`)
    expect((await call(newLeader, 'councils', 'matter', { matterId })).body.data.tally).toEqual({ agree: 0, oppose: 1, abstain: 0 })

    // One audit entry for the roster change, which says what the council did.
    const { data: entries } = await host.store.collection<any>('audit').where({ action: 'roster.setGroupLeader', subjectId: GROUP }).get()
    expect(entries).toHaveLength(1)
    expect(entries[0].after.councils).toEqual([{ bodyId: COUNCIL, chairId: newLeader, left: [oldChair] }])
  })
})

describe('a new village Party secretary', () => {
  it('chairs the village board from the appointment on', async () => {
    const townOfficer = host.personaWith((p) => p.id === 'o-town-officer').id
    const board = await stored('councils', 'board-v-xinan')
    const someone = (await host.store.collection('people').where({ villageId: 'v-xinan', groupId: 'v-xinan-g04' }).limit(1).get()).data[0]._id
    const granted = await call(townOfficer, 'identity', 'grant', { personId: someone, role: 'village_secretary', scopeId: 'v-xinan' })
    expect(granted.status).toBe(200)
    const after = await stored('councils', 'board-v-xinan')
    expect(after.chairId).toBe(someone)
    expect(after.members[0]).toEqual({ personId: someone, seat: 'chair' })
    expect(after.members.map((member: { personId: string }) => member.personId)).not.toContain(board.chairId)
    // Revoked again: the chair goes back to the village's remaining secretary.
    expect((await call(townOfficer, 'identity', 'revoke', { grantId: granted.body.data.id })).status).toBe(200)
    expect((await stored('councils', 'board-v-xinan')).chairId).toBe(board.chairId)
  })
})
