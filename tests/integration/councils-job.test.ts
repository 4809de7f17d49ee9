/** The job councils/closeAndRemind with the demo clock: reminds once 24 hours before closing, closes once at closesAt. */
import { startTestHost, type TestHost } from '../support/test-host'

let host: TestHost
const GROUP = 'v-hexing-g03'
const COUNCIL = `council-${GROUP}`
const HOUR_MS = 60 * 60 * 1000

const inject = (method: 'GET' | 'POST', url: string, payload?: unknown) =>
  host.app.inject({ method, url, payload: payload as never }).then((response) => ({ status: response.statusCode, body: response.json() }))
const setClock = (at: string | null) => inject('POST', '/api/dev/clock', { at })
const runJob = async () => {
  const run = await inject('POST', '/api/dev/jobs/councils/closeAndRemind')
  expect(run.status).toBe(200)
  return run.body.data as { job: string; processed: number; changed: number; more: boolean }
}

const tokens = new Map<string, string>()
async function tokenOf(personId: string): Promise<string> {
  if (!tokens.has(personId)) tokens.set(personId, await host.login(personId))
  return tokens.get(personId)!
}
const as = async (personId: string, action: string, data: unknown) => host.call('councils', action, data, await tokenOf(personId))
async function notices(personId: string, matterId: string, kind: string): Promise<number> {
  const items = (await host.call('inbox', 'list', { limit: 100 }, await tokenOf(personId))).body.data.items as Array<{ kind: string; page: string }>
  return items.filter((item) => item.kind === kind && item.page.includes(encodeURIComponent(matterId))).length
}

let chair: string
let members: string[]

beforeAll(async () => {
  host = await startTestHost()
  const { data: council } = await host.store.collection('councils').doc(COUNCIL).get()
  chair = council!.chairId as string
  members = (council!.members as Array<{ personId: string }>).map((member) => member.personId)
})
afterAll(async () => {
  await setClock(null)
  await host.close()
})

async function openMatter(title: string, closesInHours: number): Promise<string> {
  const created = await as(chair, 'createMatter', {
    bodyId: COUNCIL,
    title,
    text: '组里的事，请议事会表决。',
    kind: 'motion',
    closesAt: new Date(Date.now() + closesInHours * HOUR_MS).toISOString(),
  })
  expect(created.status).toBe(200)
  expect((await as(chair, 'open', { matterId: created.body.data.id })).status).toBe(200)
  return created.body.data.id
}

describe('councils/closeAndRemind', () => {
  it('reminds those who have not voted once, 24 hours ahead, and closes the matter once at closesAt', async () => {
    expect(members.length).toBeGreaterThanOrEqual(3)
    const soon = await openMatter('修水渠', 20)
    const later = await openMatter('修村道', 60)
    const [voter, ...waiting] = members
    expect((await as(voter, 'vote', { matterId: soon, choice: 'agree' })).status).toBe(200)

    const first = await runJob()
    expect(first).toMatchObject({ job: 'councils/closeAndRemind', changed: 1, more: false })
    for (const person of waiting) expect(await notices(person, soon, 'council_reminder')).toBe(1)
    expect(await notices(voter, soon, 'council_reminder')).toBe(0)
    for (const person of members) expect(await notices(person, later, 'council_reminder')).toBe(0)

    // Again: nothing to do, nothing written, nobody reminded twice.
    const before = host.store.checksum()
    expect(await runJob()).toMatchObject({ changed: 0 })
    expect(host.store.checksum()).toBe(before)
    for (const person of waiting) expect(await notices(person, soon, 'council_reminder')).toBe(1)

    // One of them votes after the reminder; then the clock passes closesAt.
    expect((await as(waiting[0], 'vote', { matterId: soon, choice: 'oppose' })).status).toBe(200)
    const { data: matter } = await host.store.collection('matters').doc(soon).get()
    await setClock(new Date(Date.parse(matter!.closesAt as string) + 60_000).toISOString())
    const late = host.store.checksum()
    expect((await as(waiting[1], 'vote', { matterId: soon, choice: 'agree' })).status).toBe(409)
    expect(host.store.checksum()).toBe(late)

    const closing = await runJob()
    expect(closing).toMatchObject({ changed: 1, more: false })
    const closed = (await as(chair, 'matter', { matterId: soon })).body.data
    expect(closed).toMatchObject({ state: 'closed', voted: 2, eligible: members.length, tally: { agree: 1, oppose: 1, abstain: 0 } })
    expect(closed.result).toMatchObject({ passed: false })
    expect((await as(chair, 'verify', { matterId: soon })).body.data.ok).toBe(true)
    // The later matter was neither closed nor reminded (still 40 hours to go).
    expect((await host.store.collection('matters').doc(later).get()).data).toMatchObject({ state: 'voting', reminded: false })

    const afterClose = host.store.checksum()
    expect(await runJob()).toMatchObject({ changed: 0 })
    expect(host.store.checksum()).toBe(afterClose)
    const { data: entries } = await host.store.collection('audit').where({ subjectId: soon, action: 'councils/closeAndRemind' }).limit(10).get()
    expect(entries).toHaveLength(1)
    expect(entries[0].actor).toEqual({ kind: 'system', job: 'councils/closeAndRemind' })

    // The result is published to the group (a public matter): any villager of the group is told, and lists it.
    const { data: group } = await host.store.collection('people').where({ groupId: GROUP }).orderBy('_id', 'asc').limit(100).get()
    const villager = group.find((person) => !members.includes(person._id))!._id
    expect(await notices(villager, soon, 'council_result')).toBe(1)
    const results = (await as(villager, 'matters', { filter: 'results' })).body.data.items
    expect(results.map((item: { id: string }) => item.id)).toContain(soon)
    for (const person of members) expect(await notices(person, soon, 'council_reminder')).toBe(person === voter ? 0 : 1)
  })

  it('an election closed by the job seats its winner, as a close by the chair does', async () => {
    await setClock(null)
    const electionGroup = 'v-hexing-g04'
    const body = `council-${electionGroup}`
    const { data: council } = await host.store.collection('councils').doc(body).get()
    const electionChair = council!.chairId as string
    const seated = (council!.members as Array<{ personId: string }>).map((member) => member.personId)
    expect((await as(electionChair, 'removeMember', { bodyId: body, personId: seated[seated.length - 1], note: '外出务工' })).status).toBe(200)
    const { data: group } = await host.store.collection('people').where({ groupId: electionGroup }).orderBy('_id', 'asc').limit(100).get()
    const [a, b] = group.filter((person) => !seated.includes(person._id) && (person.birthDate as string) < '2000').map((person) => person._id)
    const created = await as(electionChair, 'createMatter', {
      bodyId: body,
      title: '补选议事会成员',
      text: '补选一名成员。',
      kind: 'election',
      candidates: [a, b],
      seats: 1,
      closesAt: new Date(Date.now() + 2 * HOUR_MS).toISOString(),
    })
    expect(created.status).toBe(200)
    const matterId = created.body.data.id
    expect((await as(electionChair, 'open', { matterId })).status).toBe(200)
    const detail = (await as(electionChair, 'matter', { matterId })).body.data
    const optionOf = (personId: string) => detail.options.find((option: { personId: string }) => option.personId === personId).id
    // Everyone votes for a: a clear winner, quorum met.
    for (const slot of detail.slots as Array<{ voterId: string }>) expect((await as(slot.voterId, 'vote', { matterId, choice: [optionOf(a)] })).status).toBe(200)
    await setClock(new Date(Date.now() + 3 * HOUR_MS).toISOString())
    expect(await runJob()).toMatchObject({ changed: 1 })
    await setClock(null)
    expect((await as(electionChair, 'matter', { matterId })).body.data.result).toMatchObject({ passed: true, winners: [optionOf(a)] })
    const { data: after } = await host.store.collection('councils').doc(body).get()
    expect(after!.members).toContainEqual({ personId: a, seat: 'member' })
  })

  it('two runs at once close a due matter exactly once', async () => {
    await setClock(null)
    const due = await openMatter('清理河道', 2)
    const { data: matter } = await host.store.collection('matters').doc(due).get()
    await setClock(new Date(Date.parse(matter!.closesAt as string) + 60_000).toISOString())
    const runs = await Promise.all([runJob(), runJob(), runJob()])
    expect(runs.reduce((sum, run) => sum + run.changed, 0)).toBe(1)
    const { data: entries } = await host.store.collection('audit').where({ subjectId: due, action: 'councils/closeAndRemind' }).limit(10).get()
    expect(entries).toHaveLength(1)
    expect((await host.store.collection('matterLinks').where({ matterId: due, type: 'closed' }).count()).total).toBe(1)
    // A chair closing after the job is told it is closed already.
    expect((await as(chair, 'close', { matterId: due })).status).toBe(409)
    await setClock(null)
  })
})
