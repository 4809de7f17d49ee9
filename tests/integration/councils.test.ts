/**
 * Councils through the HTTP host over a real store (issue 9): the village board of 合兴村 voting all
 * at once, refusals that write nothing, the chair's in-person record, secret ballots as stored, the
 * hash chain against tampering, a matter's life to its minutes, an election and its tie, proposals.
 * The job councils/closeAndRemind is in councils-job.test.ts, the authorisation matrix in
 * councils-matrix.test.ts.
 */
import type { Where } from '../../cloudfunctions/shared/db/commands'
import { startTestHost, isPlainVillager, type TestHost } from '../support/test-host'

let host: TestHost
const HEXING = 'v-hexing'
const BOARD = 'board-v-hexing'
const HOUR_MS = 60 * 60 * 1000

type Reply = { status: number; body: any }
const tokens = new Map<string, string>()
async function tokenOf(personId: string): Promise<string> {
  if (!tokens.has(personId)) tokens.set(personId, await host.login(personId))
  return tokens.get(personId)!
}
async function as(personId: string, action: string, data: unknown): Promise<Reply> {
  return host.call('councils', action, data, await tokenOf(personId))
}
const inject = (method: 'GET' | 'POST', url: string, payload?: unknown) =>
  host.app.inject({ method, url, payload: payload as never }).then((response) => ({ status: response.statusCode, body: response.json() }))
const setClock = (at: string | null) => inject('POST', '/api/dev/clock', { at })
const inHours = (hours: number) => new Date(Date.now() + hours * HOUR_MS).toISOString()

let secretary: string
let staff: string
let villagerRep: string
let leader2: string
/** The seven standing members of 合兴村's board, the chair first. */
let boardMembers: string[]
/** A villager of 合兴村 on no board or council: concerned by the village's public matters, a voter on none. */
let outsider: string

async function people(where: Where): Promise<any[]> {
  return (await host.store.collection('people').where(where).orderBy('_id', 'asc').limit(1000).get()).data
}
async function stored(collection: string, id: string): Promise<any> {
  return (await host.store.collection(collection).doc(id).get()).data
}
async function all(collection: string, where: Where): Promise<any[]> {
  return (await host.store.collection(collection).where(where).limit(1000).get()).data
}

beforeAll(async () => {
  host = await startTestHost()
  secretary = host.personaWith((p) => p.roles.includes('village_secretary') && p.villageId === HEXING).id
  staff = host.personaWith((p) => p.roles.includes('village_staff') && p.villageId === HEXING).id
  villagerRep = host.personaWith((p) => isPlainVillager(p) && p.villageId === HEXING).id
  leader2 = host.personaWith((p) => p.roles.includes('group_leader') && p.villageId === HEXING).id
  const board = await stored('councils', BOARD)
  boardMembers = board.members.map((member: { personId: string }) => member.personId)
  const councilMembers = new Set((await all('councils', { villageId: HEXING })).flatMap((body) => body.members.map((member: { personId: string }) => member.personId)))
  outsider = (await people({ groupId: 'v-hexing-g03' })).find((person) => !councilMembers.has(person._id))._id
})
afterAll(async () => host.close())

async function createMatter(by: string, data: Record<string, unknown>): Promise<string> {
  const created = await as(by, 'createMatter', {
    bodyId: BOARD,
    title: '修缮村道路灯',
    text: '村道东段路灯损坏，拟用村集体资金修缮。',
    kind: 'motion',
    closesAt: inHours(72),
    ...data,
  })
  expect([created.status, created.body.error]).toEqual([200, undefined])
  return created.body.data.id
}
async function openMatter(by: string, data: Record<string, unknown> = {}): Promise<string> {
  const id = await createMatter(by, data)
  const opened = await as(by, 'open', { matterId: id })
  expect([opened.status, opened.body.error]).toEqual([200, undefined])
  return id
}
const vote = (personId: string, matterId: string, choice: unknown, extra: Record<string, unknown> = {}) => as(personId, 'vote', { matterId, choice, ...extra })
const links = async (matterId: string) => (await all('matterLinks', { matterId })).sort((a, b) => a.seq - b.seq)

/** Calls that must be refused with `status` and leave the store exactly as it was. */
async function refusedUnchanged(status: number, call: () => Promise<Reply>): Promise<Reply> {
  const before = host.store.checksum()
  const reply = await call()
  expect([reply.status, reply.body.ok]).toEqual([status, false])
  expect(host.store.checksum()).toBe(before)
  return reply
}

describe('the 7-person board votes all at once', () => {
  it('counts one vote per member, duplicates add nothing, a changed vote replaces the first, the chain holds one ballot link per distinct cast', async () => {
    expect(boardMembers).toHaveLength(7)
    expect(boardMembers[0]).toBe(secretary)
    const matterId = await openMatter(secretary)
    await Promise.all(boardMembers.map(tokenOf))

    const choices = ['agree', 'agree', 'agree', 'agree', 'oppose', 'abstain', 'abstain']
    const first = await Promise.all(boardMembers.flatMap((member, index) => [vote(member, matterId, choices[index]), vote(member, matterId, choices[index])]))
    expect(first.map((reply) => reply.status)).toEqual(Array(14).fill(200))

    // Member 1 changes agree → oppose (twice, at once), while the others send their vote once more.
    const changer = boardMembers[1]
    const second = await Promise.all([
      vote(changer, matterId, 'oppose'),
      vote(changer, matterId, 'oppose'),
      ...boardMembers.filter((member) => member !== changer).map((member) => vote(member, matterId, choices[boardMembers.indexOf(member)])),
    ])
    expect(second.map((reply) => reply.status)).toEqual(Array(8).fill(200))

    const detail = (await as(secretary, 'matter', { matterId })).body.data
    expect(detail).toMatchObject({ state: 'voting', voted: 7, eligible: 7, quorumNeeds: 0 })
    expect(detail.slots.every((slot: { voted: boolean }) => slot.voted)).toBe(true)
    expect((await stored('matters', matterId)).tally).toEqual({ agree: 3, oppose: 2, abstain: 2 })

    const ballotLinks = (await links(matterId)).filter((link) => link.type === 'ballot')
    expect(ballotLinks).toHaveLength(8)
    const perVoter = new Map<string, number>()
    for (const link of ballotLinks) perVoter.set(link.payload.voterId, (perVoter.get(link.payload.voterId) ?? 0) + 1)
    expect(Object.fromEntries(perVoter)).toEqual(Object.fromEntries(boardMembers.map((member) => [member, member === changer ? 2 : 1])))
    expect(ballotLinks.filter((link) => link.payload.voterId === changer).map((link) => link.payload.choice)).toEqual(['agree', 'oppose'])
    expect((await all('ballots', { matterId })).filter((ballot) => ballot.voted)).toHaveLength(7)

    expect((await as(secretary, 'verify', { matterId })).body.data).toMatchObject({ ok: true, problems: [] })
    const closed = await as(secretary, 'close', { matterId })
    expect(closed.status).toBe(200)
    const after = (await as(secretary, 'matter', { matterId })).body.data
    expect(after).toMatchObject({ state: 'closed', voted: 7, eligible: 7, tally: { agree: 3, oppose: 2, abstain: 2 } })
    expect(after.result).toMatchObject({ passed: false, rule: 'majority' })
    const expected = boardMembers.map((member, index) => [member, member === changer ? 'oppose' : choices[index]])
    expect(after.slots.map((slot: { voterId: string; choice: string }) => [slot.voterId, slot.choice]).sort()).toEqual(expected.sort())
    expect((await as(secretary, 'verify', { matterId })).body.data).toMatchObject({ ok: true, problems: [], head: after.chainHead, length: after.chainLength })
  })
})

describe('refusals write nothing', () => {
  it('refuses a non-member, a recused member, a late vote, a draft, a bad choice and an opposition without a reason', async () => {
    const closesAt = inHours(2)
    const matterId = await openMatter(secretary, { reasonToOppose: true, closesAt })
    const recused = boardMembers[6]
    expect(recused).not.toBe(villagerRep)
    expect((await vote(secretary, matterId, 'agree')).status).toBe(200)
    expect((await vote(staff, matterId, 'oppose', { reason: '资金应先用于修桥' })).status).toBe(200)
    expect((await vote(recused, matterId, 'agree')).status).toBe(200)
    expect((await stored('matters', matterId)).tally).toEqual({ agree: 2, oppose: 1, abstain: 0 })
    await tokenOf(outsider)

    // Not on the board: 403, whatever they choose.
    await refusedUnchanged(403, () => vote(outsider, matterId, 'agree'))

    // Recused while voting: the slot stays, marked; their vote leaves the tally and the count.
    const recusal = await as(secretary, 'recuse', { matterId, personId: recused, reason: '本人承包了路灯工程' })
    expect(recusal.body.data).toEqual({ eligible: 6 })
    const detail = (await as(secretary, 'matter', { matterId })).body.data
    expect(detail).toMatchObject({ eligible: 6, voted: 2 })
    expect(detail.slots.find((slot: { voterId: string }) => slot.voterId === recused).lost).toContain('回避')
    expect((await stored('matters', matterId)).tally).toEqual({ agree: 1, oppose: 1, abstain: 0 })
    await refusedUnchanged(403, () => vote(recused, matterId, 'oppose', { reason: '我不同意回避' }))
    expect((await as(secretary, 'verify', { matterId })).body.data.ok).toBe(true)

    // A bad choice: 400 with fields.
    const maybe = await refusedUnchanged(400, () => vote(villagerRep, matterId, 'maybe'))
    expect(maybe.body.error.fields.map((field: { path: string }) => field.path).join()).toContain('choice')
    const option = await refusedUnchanged(400, () => vote(villagerRep, matterId, ['o1']))
    expect(option.body.error.fields[0].path).toBe('data.choice')
    // Oppose without a reason when the matter asks for one.
    const noReason = await refusedUnchanged(400, () => vote(villagerRep, matterId, 'oppose'))
    expect(noReason.body.error.fields[0].path).toBe('data.reason')

    // A draft takes no votes.
    const draft = await createMatter(secretary, { title: '草稿事项' })
    await refusedUnchanged(409, () => vote(villagerRep, draft, 'agree'))

    // After closesAt, before the job has run: 409.
    await setClock(new Date(Date.parse(closesAt) + 60_000).toISOString())
    try {
      expect((await stored('matters', matterId)).state).toBe('voting')
      await refusedUnchanged(409, () => vote(villagerRep, matterId, 'agree'))
      await refusedUnchanged(409, () => vote(secretary, matterId, 'abstain'))
    } finally {
      await setClock(null)
    }

    // The recused vote is not in the result either.
    const closed = await as(secretary, 'close', { matterId })
    expect(closed.status).toBe(200)
    const result = (await as(secretary, 'matter', { matterId })).body.data
    expect(result).toMatchObject({ state: 'closed', eligible: 6, voted: 2, tally: { agree: 1, oppose: 1, abstain: 0 } })
    expect(result.recusals).toEqual([expect.objectContaining({ personId: recused, reason: '本人承包了路灯工程' })])
    expect((await as(secretary, 'verify', { matterId })).body.data.ok).toBe(true)
  })
})

describe('the chair records an in-person vote', () => {
  it('marks the slot, tells the member, and lets them change it themselves; others may not record, nor anyone on a secret ballot', async () => {
    const matterId = await openMatter(secretary, { title: '村规民约修订' })
    const before = (await host.call('inbox', 'list', { limit: 100 }, await tokenOf(villagerRep))).body.data.items.length

    const recorded = await vote(secretary, matterId, 'agree', { onBehalfOf: villagerRep, note: '当面表决，本人不会用手机' })
    expect(recorded.status).toBe(200)
    const slotOf = async (viewer: string) =>
      ((await as(viewer, 'matter', { matterId })).body.data.slots as Array<{ voterId: string; voted: boolean; recordedByChair: boolean }>).find(
        (slot) => slot.voterId === villagerRep,
      )!
    expect(await slotOf(secretary)).toMatchObject({ voted: true, recordedByChair: true })
    const mine = (await as(villagerRep, 'matter', { matterId })).body.data.mine
    expect(mine).toEqual({ choice: 'agree', voted: true, recordedByChair: true, final: false })
    // The secretary's own slot is untouched.
    expect((await as(secretary, 'matter', { matterId })).body.data.mine.voted).toBe(false)

    const inbox = (await host.call('inbox', 'list', { limit: 100 }, await tokenOf(villagerRep))).body.data.items
    expect(inbox.length).toBe(before + 1)
    expect(inbox[0]).toMatchObject({ kind: 'council_recorded' })
    expect(inbox[0].body).toContain('当面表决，本人不会用手机')
    expect(inbox[0].page).toContain(encodeURIComponent(matterId))

    // The member changes it themselves.
    expect((await vote(villagerRep, matterId, 'oppose')).status).toBe(200)
    expect(await slotOf(secretary)).toMatchObject({ voted: true, recordedByChair: false })
    expect((await as(villagerRep, 'matter', { matterId })).body.data.mine).toMatchObject({ choice: 'oppose', recordedByChair: false })
    expect((await stored('matters', matterId)).tally).toEqual({ agree: 0, oppose: 1, abstain: 0 })
    const ballotLinks = (await links(matterId)).filter((link) => link.type === 'ballot')
    expect(ballotLinks.map((link) => [link.payload.voterId, link.payload.choice, link.payload.recordedBy])).toEqual([
      [villagerRep, 'agree', secretary],
      [villagerRep, 'oppose', null],
    ])

    // Village staff sit on the board but do not chair it.
    expect(boardMembers).toContain(staff)
    await refusedUnchanged(403, () => vote(staff, matterId, 'agree', { onBehalfOf: boardMembers[6], note: '当面表决' }))

    const secret = await openMatter(secretary, { title: '评先评优', ballot: 'secret' })
    await refusedUnchanged(403, () => vote(secretary, secret, 'agree', { onBehalfOf: villagerRep, note: '当面表决' }))
  })
})

describe('a secret ballot as stored', () => {
  const CHOICE_WORDS = /agree|oppose|abstain|"o\d+"|choice/

  it('keeps who voted apart from what was chosen in every document it touches', async () => {
    const matterId = await openMatter(secretary, { title: '评选文明家庭', kind: 'choice', ballot: 'secret', options: ['张家', '李家', '王家'], maxChoices: 1 })
    const cast: Array<[string, string[]]> = [
      [secretary, ['o1']],
      [staff, ['o2']],
      [villagerRep, ['o1']],
      [leader2, ['o3']],
    ]
    for (const [voter, choice] of cast) expect((await vote(voter, matterId, choice)).status).toBe(200)
    const motion = await openMatter(secretary, { title: '无记名表决', ballot: 'secret' })
    expect((await vote(villagerRep, motion, 'oppose')).status).toBe(200)
    expect((await vote(staff, motion, 'agree')).status).toBe(200)

    // Final once cast.
    await refusedUnchanged(409, () => vote(secretary, matterId, ['o2']))
    await refusedUnchanged(409, () => vote(villagerRep, motion, 'agree'))

    // What the voter and the chair see: that they voted, never what.
    const seen = (await as(secretary, 'matter', { matterId })).body.data
    expect(seen.mine).toEqual({ choice: null, voted: true, recordedByChair: false, final: true })
    expect(seen.slots.every((slot: { choice: unknown; reason: unknown }) => slot.choice === null && slot.reason === null)).toBe(true)
    expect(seen.tally).toEqual({})

    for (const id of [matterId, motion]) {
      const matter = await stored('matters', id)
      const ballots = await all('ballots', { matterId: id })
      expect(ballots.length).toBe(7)
      for (const ballot of ballots) {
        expect(ballot.choice ?? null).toBeNull()
        expect(ballot.reason ?? null).toBeNull()
        // No time of its own: the only time on a slot is the matter's closing time, the same on all.
        const times = Object.entries(ballot).filter(([key, value]) => /at$|time|date|stamp/i.test(key) || (typeof value === 'string' && /^\d{4}-\d\d-\d\dT/.test(value)))
        expect(times).toEqual([['closesAt', matter.closesAt]])
        // A cast slot has the same fields as an empty one: nothing but `voted` tells them apart.
        expect(Object.keys(ballot).sort()).toEqual(Object.keys(ballots[0]).sort())
      }
      for (const link of (await links(id)).filter((l) => l.type === 'receipt')) {
        expect(Object.keys(link.payload)).toEqual(['voterId'])
        expect(JSON.stringify(link.payload)).not.toMatch(CHOICE_WORDS)
      }
      const entries = await all('audit', { subjectId: id })
      const votes = entries.filter((entry) => entry.action === 'councils.vote')
      expect(votes.length).toBe(id === matterId ? 4 : 2)
      for (const entry of votes) expect(JSON.stringify(entry)).not.toMatch(CHOICE_WORDS)
      const notices = [...(await host.store.collection('inbox').limit(1000).get()).data, ...(await host.store.collection('broadcasts').limit(1000).get()).data].filter((doc) =>
        JSON.stringify(doc).includes(encodeURIComponent(id)),
      )
      for (const notice of notices) expect(JSON.stringify(notice)).not.toMatch(CHOICE_WORDS)
    }
    // The counts are on the matter alone.
    expect((await stored('matters', matterId)).tally).toEqual({ o1: 2, o2: 1, o3: 1 })
    expect((await stored('matters', motion)).tally).toEqual({ agree: 1, oppose: 1, abstain: 0 })

    expect((await as(secretary, 'close', { matterId })).status).toBe(200)
    const closed = (await as(villagerRep, 'matter', { matterId })).body.data
    expect(closed.tally).toEqual({ o1: 2, o2: 1, o3: 1 })
    expect(closed.slots.every((slot: { choice: unknown }) => slot.choice === null)).toBe(true)
    const sealed = (await links(matterId)).find((link) => link.type === 'sealed')
    expect(sealed.payload).toEqual({ tally: { o1: 2, o2: 1, o3: 1 }, receipts: 4 })
    expect((await as(secretary, 'verify', { matterId })).body.data.ok).toBe(true)
  })
})

describe('tamper evidence', () => {
  async function closedMatter(): Promise<string> {
    const matterId = await openMatter(secretary, { title: '环境整治' })
    expect((await vote(secretary, matterId, 'agree')).status).toBe(200)
    expect((await vote(staff, matterId, 'agree')).status).toBe(200)
    expect((await vote(villagerRep, matterId, 'abstain')).status).toBe(200)
    expect((await as(secretary, 'close', { matterId })).status).toBe(200)
    expect((await as(secretary, 'verify', { matterId })).body.data).toMatchObject({ ok: true, problems: [] })
    return matterId
  }
  const verify = async (matterId: string) => (await as(villagerRep, 'verify', { matterId })).body.data
  const withoutId = ({ _id, ...rest }: Record<string, unknown>) => rest

  it('an altered ballot link is found, and the chain holds again once it is put back', async () => {
    const matterId = await closedMatter()
    const link = (await links(matterId)).find((l) => l.type === 'ballot' && l.payload.voterId === villagerRep)
    await host.store
      .collection('matterLinks')
      .doc(link._id)
      .update({ payload: { ...link.payload, choice: 'agree' } })
    const broken = await verify(matterId)
    expect(broken.ok).toBe(false)
    expect(broken.problems.length).toBeGreaterThan(0)

    await host.store.collection('matterLinks').doc(link._id).set(withoutId(link))
    expect(await verify(matterId)).toMatchObject({ ok: true, problems: [] })
  })

  it('a removed link is found', async () => {
    const matterId = await closedMatter()
    const chain = await links(matterId)
    const removed = chain.find((l) => l.type === 'ballot')
    await host.store.collection('matterLinks').doc(removed._id).remove()
    const broken = await verify(matterId)
    expect(broken.ok).toBe(false)
    expect(broken.problems.length).toBeGreaterThan(0)
    await host.store.collection('matterLinks').doc(removed._id).set(withoutId(removed))
    expect((await verify(matterId)).ok).toBe(true)

    // The last link removed: the stored head no longer matches.
    const last = chain[chain.length - 1]
    await host.store.collection('matterLinks').doc(last._id).remove()
    expect((await verify(matterId)).ok).toBe(false)
  })

  it('a slot whose choice was changed in place disagrees with the chain', async () => {
    const matterId = await closedMatter()
    const slot = (await all('ballots', { matterId })).find((ballot) => ballot.voterId === villagerRep)
    await host.store.collection('ballots').doc(slot._id).update({ choice: 'agree' })
    const broken = await verify(matterId)
    expect(broken.ok).toBe(false)
    expect(broken.problems.join()).toContain('不一致')
  })

  it('a changed published result disagrees with the chain', async () => {
    const matterId = await closedMatter()
    const matter = await stored('matters', matterId)
    await host.store
      .collection('matters')
      .doc(matterId)
      .update({ result: { ...matter.result, passed: !matter.result.passed } })
    expect((await verify(matterId)).ok).toBe(false)
  })
})

describe('a matter from draft to minutes', () => {
  const listed = async (personId: string, data: Record<string, unknown> = {}) =>
    ((await as(personId, 'matters', { limit: 100, ...data })).body.data.items as Array<{ id: string }>).map((item) => item.id)

  it('is seen by the village once published if public, its result listed once closed; minutes lock it, notes follow', async () => {
    const matterId = await createMatter(secretary, { title: '一事一议：修桥' })
    const hidden = await createMatter(secretary, { title: '人事安排', public: false })
    expect(await listed(outsider)).not.toContain(matterId)
    await refusedUnchanged(403, () => as(outsider, 'matter', { matterId }))

    for (const id of [matterId, hidden]) expect((await as(secretary, 'publish', { matterId: id })).body.data).toEqual({ state: 'published' })
    await refusedUnchanged(409, () => as(secretary, 'publish', { matterId }))
    expect(await listed(outsider)).toContain(matterId)
    expect(await listed(outsider)).not.toContain(hidden)
    expect((await as(outsider, 'matter', { matterId })).body.data).toMatchObject({ state: 'published', public: true })
    await refusedUnchanged(403, () => as(outsider, 'matter', { matterId: hidden }))
    await refusedUnchanged(403, () => as(outsider, 'verify', { matterId: hidden }))
    // Members see the hidden one.
    expect(await listed(villagerRep)).toEqual(expect.arrayContaining([matterId, hidden]))
    const told = (await host.call('inbox', 'list', { limit: 100 }, await tokenOf(outsider))).body.data.items
    expect(told.some((item: { kind: string; page: string }) => item.kind === 'council_published' && item.page.includes(encodeURIComponent(matterId)))).toBe(true)
    expect(told.some((item: { page: string }) => item.page.includes(encodeURIComponent(hidden)))).toBe(false)

    expect(await listed(outsider, { filter: 'results' })).not.toContain(matterId)
    for (const id of [matterId, hidden]) {
      expect((await as(secretary, 'open', { matterId: id })).status).toBe(200)
      expect((await vote(secretary, id, 'agree')).status).toBe(200)
      expect((await as(secretary, 'close', { matterId: id })).status).toBe(200)
    }
    expect(await listed(outsider, { filter: 'results' })).toContain(matterId)
    expect(await listed(outsider, { filter: 'results' })).not.toContain(hidden)
    expect(await listed(villagerRep, { filter: 'results' })).toContain(matterId)

    await refusedUnchanged(409, () => as(secretary, 'appendNote', { matterId, text: '补充：桥宽四米' }))
    const minutes = { matterId, attendees: ['王书记', '李委员'], summary: '讨论了修桥方案', decisions: '表决未过半数，下次再议' }
    expect((await as(secretary, 'recordMinutes', minutes)).body.data).toEqual({ state: 'minuted' })
    await refusedUnchanged(409, () => as(secretary, 'recordMinutes', { ...minutes, summary: '改写纪要' }))
    expect((await as(secretary, 'appendNote', { matterId, text: '补充：桥宽四米' })).body.data).toEqual({ notes: 1 })
    const detail = (await as(outsider, 'matter', { matterId })).body.data
    expect(detail).toMatchObject({
      state: 'minuted',
      minutes: { summary: '讨论了修桥方案', decisions: '表决未过半数，下次再议' },
      notes: [expect.objectContaining({ text: '补充：桥宽四米' })],
    })
    expect((await as(outsider, 'verify', { matterId })).body.data.ok).toBe(true)
  })
})

describe('an election on a group council', () => {
  const GROUP = 'v-hexing-g05'
  const COUNCIL = `council-${GROUP}`

  function ageOn(birthDate: string, today: string): number {
    const [by, bm, bd] = birthDate.split('-').map(Number)
    const [ty, tm, td] = today.split('-').map(Number)
    return ty - by - (tm < bm || (tm === bm && td < bd) ? 1 : 0)
  }

  it('gives every adult of the group a slot, and a tie is settled by the chair, who seats the winner', async () => {
    const council = await stored('councils', COUNCIL)
    const chair = council.chairId as string
    expect(chair).toBeTruthy()
    // Make room on the council: five is the most.
    const leaving = council.members.find((member: { seat: string }) => member.seat !== 'chair').personId
    expect((await as(chair, 'removeMember', { bodyId: COUNCIL, personId: leaving, note: '外出务工' })).status).toBe(200)
    const sitting = new Set<string>([...council.members.map((member: { personId: string }) => member.personId)])
    const group = await people({ groupId: GROUP })
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date())
    const adults = group.filter((person) => ageOn(person.birthDate, today) >= 18).map((person) => person._id as string)
    expect(adults.length).toBeLessThan(group.length)
    const [a, b] = adults.filter((id) => !sitting.has(id))

    const created = await as(chair, 'createMatter', {
      bodyId: COUNCIL,
      title: '补选议事会成员',
      text: '补选一名议事会成员。',
      kind: 'election',
      candidates: [a, b],
      seats: 1,
      closesAt: inHours(48),
    })
    expect(created.status).toBe(200)
    const matterId = created.body.data.id
    const elsewhere = await as(chair, 'createMatter', {
      bodyId: COUNCIL,
      title: '补选议事会成员',
      text: '外组候选人',
      kind: 'election',
      candidates: [a, outsider],
      closesAt: inHours(48),
    })
    expect(elsewhere.status).toBe(400)

    const opened = await as(chair, 'open', { matterId })
    expect(opened.body.data).toEqual({ state: 'voting', eligible: adults.length })
    const detail = (await as(chair, 'matter', { matterId })).body.data
    expect(detail).toMatchObject({ kind: 'election', ballot: 'secret', eligible: adults.length, voted: 0 })
    expect(detail.slots.map((slot: { voterId: string }) => slot.voterId).sort()).toEqual([...adults].sort())
    const optionOf = (personId: string) => detail.options.find((option: { personId: string }) => option.personId === personId).id as string

    const minor = group.find((person) => !adults.includes(person._id))._id
    await refusedUnchanged(403, () => vote(minor, matterId, [optionOf(a)]))
    // An even number, more than half of the electorate (quorum), split evenly between the two.
    const voters = adults.slice(0, adults.length - (adults.length % 2))
    for (const [index, voter] of voters.entries()) expect((await vote(voter, matterId, [optionOf(index % 2 === 0 ? a : b)])).status).toBe(200)
    expect((await as(chair, 'close', { matterId })).status).toBe(200)
    const result = (await as(chair, 'matter', { matterId })).body.data.result
    expect(result.tie?.sort()).toEqual([optionOf(a), optionOf(b)].sort())
    expect(result.winners ?? []).toEqual([])
    expect((await stored('councils', COUNCIL)).members.map((member: { personId: string }) => member.personId)).not.toContain(a)

    // Minutes wait for the tie.
    await refusedUnchanged(409, () => as(chair, 'recordMinutes', { matterId, attendees: ['组长'], summary: '补选', decisions: '平票' }))
    const plain = voters.find((id) => id !== chair)!
    await refusedUnchanged(403, () => as(plain, 'settleTie', { matterId, winners: [optionOf(a)], note: '抽签决定' }))
    const settled = await as(chair, 'settleTie', { matterId, winners: [optionOf(a)], note: '抽签决定' })
    expect(settled.status).toBe(200)
    expect(settled.body.data.result).toMatchObject({ passed: true, winners: [optionOf(a)] })
    const after = (await stored('councils', COUNCIL)).members
    expect(after.length).toBe(council.members.length)
    expect(after).toContainEqual({ personId: a, seat: 'member' })
    expect(after.map((member: { personId: string }) => member.personId)).not.toContain(b)
    // Settled: the tie is gone from the stored result, so minutes can follow and a second settling is refused.
    const settledResult = (await as(chair, 'matter', { matterId })).body.data.result
    expect(settledResult.tie).toBeUndefined()
    expect(settledResult.winners).toEqual([optionOf(a)])
    await refusedUnchanged(409, () => as(chair, 'settleTie', { matterId, winners: [optionOf(b)], note: '再定一次' }))
    expect((await as(chair, 'recordMinutes', { matterId, attendees: ['组长'], summary: '补选', decisions: '平票由组长抽签确定' })).body.data).toEqual({ state: 'minuted' })
    expect((await as(chair, 'verify', { matterId })).body.data.ok).toBe(true)
  })
})

describe('proposals from villagers', () => {
  const COUNCIL = 'council-v-hexing-g02'
  const propose = (personId: string, title: string, bodyId = COUNCIL) => as(personId, 'propose', { bodyId, title, text: '村口垃圾桶太少，建议增加两个。' })
  const noticesOf = async (personId: string) =>
    ((await host.call('inbox', 'list', { limit: 100 }, await tokenOf(personId))).body.data.items as Array<{ kind: string; title: string }>).filter(
      (item) => item.kind === 'council_proposal_answer',
    )

  it('a villager proposes, a neighbour supports once, others are refused; the chair adopts, declines with a reason, forwards', async () => {
    const group2 = await people({ groupId: 'v-hexing-g02' })
    const neighbour = group2.find((person) => person._id !== villagerRep && person._id !== leader2)._id
    const otherGroup = (await people({ groupId: 'v-hexing-g03' }))[0]._id

    const proposed = await propose(villagerRep, '增加垃圾桶')
    expect(proposed.status).toBe(200)
    const proposalId = proposed.body.data.id
    await refusedUnchanged(403, () => propose(otherGroup, '外组的提议'))
    await refusedUnchanged(403, () => as(otherGroup, 'support', { proposalId }))
    expect((await as(neighbour, 'support', { proposalId })).body.data).toEqual({ supporters: 1 })
    expect((await as(neighbour, 'support', { proposalId })).body.data).toEqual({ supporters: 1 })
    const listed = (await as(villagerRep, 'proposals', { bodyId: COUNCIL })).body.data.items.find((item: { id: string }) => item.id === proposalId)
    expect(listed).toMatchObject({ supporters: 1, supportedByMe: false, state: 'open', proposer: { id: villagerRep } })
    const chairTold = (await host.call('inbox', 'list', { limit: 100 }, await tokenOf(leader2))).body.data.items
    expect(chairTold.some((item: { kind: string }) => item.kind === 'council_proposal')).toBe(true)

    const adopted = await as(leader2, 'answerProposal', { proposalId, decision: 'adopt' })
    expect(adopted.body.data).toMatchObject({ state: 'adopted', proposalId: null })
    const draft = await stored('matters', adopted.body.data.matterId)
    expect(draft).toMatchObject({ bodyId: COUNCIL, state: 'draft', title: '增加垃圾桶' })
    expect((await as(leader2, 'verify', { matterId: draft._id })).body.data.ok).toBe(true)
    await refusedUnchanged(409, () => as(leader2, 'answerProposal', { proposalId, decision: 'decline', reason: '已经采纳' }))
    await refusedUnchanged(409, () => as(neighbour, 'support', { proposalId }))

    const second = (await propose(villagerRep, '修水渠')).body.data.id
    await refusedUnchanged(400, () => as(leader2, 'answerProposal', { proposalId: second, decision: 'decline' }))
    expect((await as(leader2, 'answerProposal', { proposalId: second, decision: 'decline', reason: '今年预算已用完' })).body.data.state).toBe('declined')

    const third = (await propose(villagerRep, '全村统一安装路灯')).body.data.id
    const forwarded = await as(leader2, 'answerProposal', { proposalId: third, decision: 'forward' })
    expect(forwarded.body.data).toMatchObject({ state: 'forwarded', matterId: null })
    const onBoard = (await as(secretary, 'proposals', { bodyId: BOARD })).body.data.items
    expect(onBoard).toContainEqual(expect.objectContaining({ id: forwarded.body.data.proposalId, bodyId: BOARD, title: '全村统一安装路灯', state: 'open' }))

    const told = await noticesOf(villagerRep)
    expect(told).toHaveLength(3)
    expect(told.map((item) => item.title).sort()).toEqual(['您的议题已转交村自治理事会', '您的议题已采纳，列为议事事项', '您的议题未采纳'].sort())
  })
})
