/**
 * Group chats (issue 12) through the HTTP host over a real store: membership from the roster,
 * sending (a retried clientId stores nothing), history newest first and polling, unread counts and
 * read pointers, questions and reply times, notices read by N of M, the content check and the rate limit.
 */
import { isPlainVillager, startTestHost, type TestHost } from '../support/test-host'

let host: TestHost
const GROUP = 'v-hexing-g02'
const CHAT = `group:${GROUP}`
const MONDAY = '2027-03-01T01:00:00.000Z'

type Reply = { status: number; body: any }
const tokens = new Map<string, string>()
async function tokenOf(personId: string): Promise<string> {
  if (!tokens.has(personId)) tokens.set(personId, await host.login(personId))
  return tokens.get(personId)!
}
const as = async (personId: string, action: string, data: unknown): Promise<Reply> => host.call('chat', action, data, await tokenOf(personId))
const inject = (method: 'GET' | 'POST', url: string, payload?: unknown) =>
  host.app.inject({ method, url, payload: payload as never }).then((response) => ({ status: response.statusCode, body: response.json() }))
const setClock = async (at: string | Date | null) => {
  const set = await inject('POST', '/api/dev/clock', { at: at instanceof Date ? at.toISOString() : at })
  expect(set.status).toBe(200)
}
const ok = (reply: Reply) => {
  expect([reply.status, reply.body.error]).toEqual([200, undefined])
  return reply.body.data
}
let ids = 0
const clientId = () => `client-${String((ids += 1)).padStart(6, '0')}`

let villager: string
let neighbour: string
let leader: string
let secretary: string
let otherVillager: string

beforeAll(async () => {
  host = await startTestHost()
  villager = host.personaWith((p) => isPlainVillager(p) && p.groupId === GROUP).id
  leader = host.personaWith((p) => p.roles.includes('group_leader') && p.groupId === GROUP).id
  secretary = host.personaWith((p) => p.roles.includes('village_secretary') && p.villageId === 'v-hexing').id
  const people = (await host.store.collection('people').where({ groupId: GROUP }).orderBy('_id', 'asc').limit(200).get()).data
  neighbour = people.find((person: any) => person._id !== leader && person._id !== villager)!._id as string
  otherVillager = (await host.store.collection('people').where({ groupId: 'v-hexing-g03' }).limit(1).get()).data[0]._id as string
  await setClock(MONDAY)
})
afterAll(async () => {
  await setClock(null)
  await host.close()
})

describe('a group chat', () => {
  it('lists the group and village chats; a villager of another group gets 404', async () => {
    const chats = ok(await as(villager, 'chats', {}))
    expect(chats.map((chat: any) => chat.id)).toEqual([CHAT, 'village:v-hexing'])
    const secretarys = ok(await as(secretary, 'chats', {})).map((chat: any) => chat.id)
    expect(secretarys).toEqual(expect.arrayContaining([CHAT, 'village:v-hexing', 'group:v-hexing-g03']))
    expect((await as(otherVillager, 'history', { chatId: CHAT })).status).toBe(404)
    expect((await as(otherVillager, 'send', { chatId: CHAT, clientId: clientId(), text: '你好' })).status).toBe(404)
  })

  it('sends (a retry stores nothing), pages newest first, polls with after, counts unread', async () => {
    const key = clientId()
    const first = ok(await as(villager, 'send', { chatId: CHAT, clientId: key, text: '明天几点开会？' }))
    const before = host.store.checksum()
    expect(ok(await as(villager, 'send', { chatId: CHAT, clientId: key, text: '明天几点开会？' }))).toEqual(first)
    expect(host.store.checksum()).toBe(before)
    const second = ok(await as(villager, 'send', { chatId: CHAT, clientId: clientId(), text: '还有谁去？' }))
    const page = ok(await as(neighbour, 'history', { chatId: CHAT, limit: 10 }))
    expect(page.items.slice(0, 2).map((item: any) => item.id)).toEqual([second.id, first.id])
    const polled = ok(await as(neighbour, 'history', { chatId: CHAT, after: first.id }))
    expect(polled.items.map((item: any) => item.id)).toEqual([second.id])
    expect(ok(await as(neighbour, 'history', { chatId: CHAT, after: second.id })).items).toEqual([])
    const unread = ok(await as(neighbour, 'chats', {})).find((chat: any) => chat.id === CHAT).unread
    expect(unread).toBeGreaterThanOrEqual(2)
    expect(ok(await as(neighbour, 'read', { chatId: CHAT, upTo: second.id })).unread).toBe(0)
    expect(ok(await as(villager, 'chats', {})).find((chat: any) => chat.id === CHAT).unread).toBe(0)
  })

  it('a question is answered by the leader and leaves the open list', async () => {
    // The demo town's chat history has answered questions of its own: count from what is there.
    const answeredBefore = ok(await as(leader, 'replyTimes', { scope: 'group' })).groups[0].answered
    const asked = ok(await as(villager, 'send', { chatId: CHAT, clientId: clientId(), text: '低保怎么申请？' }))
    ok(await as(villager, 'ask', { messageId: asked.id }))
    expect(ok(await as(leader, 'openQuestions', { scope: 'group' })).items.map((item: any) => item.messageId)).toContain(asked.id)
    expect((await as(neighbour, 'answer', { messageId: asked.id, text: '我来答' })).status).toBe(403)
    const answer = ok(await as(leader, 'answer', { messageId: asked.id, text: '带户口本到村委会' }))
    expect(answer.seconds).toBeGreaterThanOrEqual(0)
    expect(ok(await as(leader, 'openQuestions', { scope: 'group' })).items.map((item: any) => item.messageId)).not.toContain(asked.id)
    const times = ok(await as(leader, 'replyTimes', { scope: 'group' })).groups
    expect(times[0]).toMatchObject({ chatId: CHAT, answered: answeredBefore + 1 })
  })

  it('refuses risky text, holds text for review, and limits the rate', async () => {
    const before = host.store.checksum()
    const risky = await as(villager, 'send', { chatId: CHAT, clientId: clientId(), text: '一起去网赌' })
    expect(risky.status).toBe(400)
    expect(host.store.checksum()).toBe(before)
    const held = ok(await as(villager, 'send', { chatId: CHAT, clientId: clientId(), text: '谁借我钱，我给你转账' }))
    expect(held.state).toBe('held')
    expect(ok(await as(neighbour, 'history', { chatId: CHAT })).items.map((item: any) => item.id)).not.toContain(held.id)
    ok(await as(leader, 'release', { messageId: held.id }))
    expect(ok(await as(neighbour, 'history', { chatId: CHAT })).items.map((item: any) => item.id)).toContain(held.id)
    await setClock('2027-03-01T02:00:00.000Z')
    let limited: Reply | null = null
    for (let i = 0; i < 25 && !limited; i += 1) {
      const reply = await as(neighbour, 'send', { chatId: CHAT, clientId: clientId(), text: `第${i}条` })
      if (reply.status !== 200) limited = reply
    }
    expect(limited?.status).toBe(429)
    expect(limited?.body.error.code).toBe('RATE_LIMITED')
  })

  it('a notice is pinned with read by N of M', async () => {
    await setClock('2027-03-01T03:00:00.000Z')
    const notice = ok(await as(leader, 'notice', { chatId: CHAT, clientId: clientId(), text: '明早八点打扫卫生' }))
    const info = ok(await as(villager, 'chat', { chatId: CHAT }))
    expect(info.pinned[0]).toMatchObject({ id: notice.id, readByMe: false })
    ok(await as(villager, 'read', { chatId: CHAT, upTo: notice.id }))
    const reads = ok(await as(leader, 'noticeReads', { messageId: notice.id }))
    expect(reads.readBy).toBeGreaterThanOrEqual(2)
    expect(reads.notRead.map((person: any) => person.id)).not.toContain(villager)
  })
})
