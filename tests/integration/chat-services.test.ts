/**
 * The micro-services of a group chat through the HTTP host over a real store, no mocks (issue 12):
 * questions (asked by the sender or a moderator, answered by a moderator only, once; the open list
 * slowest first; reply times per chat; unanswered ones older than a day in the leaders' 待办, moved
 * there by the demo clock), cards (a mediation case or an errand shows only to those who may see it,
 * a notice only to the members of its chat) and mutual aid (a request posted as a card, pledges,
 * fulfilled with thanks posted).
 */
import { startTestHost, type TestHost } from '../support/test-host'

let host: TestHost
const VILLAGE = 'v-hexing'
const GROUP = 'v-hexing-g04'
const CHAT = `group:${GROUP}`
const T0 = Date.parse('2027-03-01T01:00:00.000Z')
const HOUR = 3_600_000

type Reply = { status: number; body: any }
const tokens = new Map<string, string>()
async function tokenOf(personId: string): Promise<string> {
  if (!tokens.has(personId)) tokens.set(personId, await host.login(personId))
  return tokens.get(personId)!
}
const as = async (personId: string, action: string, data: unknown): Promise<Reply> => host.call('chat', action, data, await tokenOf(personId))
const call = async (personId: string, fn: string, action: string, data: unknown): Promise<Reply> => host.call(fn, action, data, await tokenOf(personId))
const ok = (reply: Reply) => {
  expect([reply.status, reply.body.error]).toEqual([200, undefined])
  return reply.body.data
}
const setClock = async (at: number | null) => {
  const set = await host.app.inject({ method: 'POST', url: '/api/dev/clock', payload: { at: at === null ? null : new Date(at).toISOString() } })
  expect(set.statusCode).toBe(200)
}
let ids = 0
const clientId = () => `services-${String((ids += 1)).padStart(6, '0')}`
const inbox = async (personId: string) => ok(await call(personId, 'inbox', 'list', { limit: 100 })).items as Array<{ kind: string; title: string; body: string; page: string }>
const attention = async (personId: string) => ok(await call(personId, 'home', 'attention', {})).items.filter((item: any) => item.kind === 'chat_question')

let villager: string
let neighbour: string
let third: string
let leader: string
let secretary: string
let staff: string
let otherGroup: string

beforeAll(async () => {
  host = await startTestHost()
  // The demo town seeds a few days of chat: these tests count from empty chats.
  for (const collection of ['chats', 'chatMessages', 'chatSends', 'chatReads', 'chatQuestions', 'chatReplyStats', 'chatAid', 'chatPresence'])
    await host.store.collection(collection).where({}).remove()
  const people = (await host.store.collection('people').where({ groupId: GROUP }).orderBy('_id', 'asc').limit(200).get()).data
  leader = (await host.store.collection('groups').doc(GROUP).get()).data!.leaderId as string
  const plain = people.filter((person: any) => person._id !== leader)
  ;[villager, neighbour, third] = [plain[0]._id, plain[3]._id, plain[6]._id] as string[]
  secretary = host.personaWith((p) => p.roles.includes('village_secretary') && p.villageId === VILLAGE).id
  staff = host.personaWith((p) => p.roles.includes('village_staff') && p.villageId === VILLAGE).id
  otherGroup = (await host.store.collection('people').where({ groupId: 'v-hexing-g08' }).limit(1).get()).data[0]._id as string
  await setClock(T0)
})
afterAll(async () => {
  await setClock(null)
  await host.close()
})

describe('questions and reply times', () => {
  const q: Record<'first' | 'second' | 'third', string> = { first: '', second: '', third: '' }

  it('a question is asked by its sender or a moderator, once; not by another member', async () => {
    q.first = ok(await as(villager, 'send', { chatId: CHAT, clientId: clientId(), text: '低保怎么申请？' })).id
    expect((await as(neighbour, 'ask', { messageId: q.first })).status).toBe(403)
    expect(ok(await as(villager, 'ask', { messageId: q.first }))).toEqual({ state: 'open' })
    expect((await as(villager, 'ask', { messageId: q.first })).status).toBe(409)
    expect((await as(leader, 'ask', { messageId: q.first })).status).toBe(409)

    await setClock(T0 + HOUR)
    q.second = ok(await as(neighbour, 'send', { chatId: CHAT, clientId: clientId(), text: '新农合什么时候交？' })).id
    // The leader marks a villager's message as a question for them.
    ok(await as(leader, 'ask', { messageId: q.second }))

    await setClock(T0 + 2 * HOUR)
    q.third = ok(await as(third, 'send', { chatId: CHAT, clientId: clientId(), text: '自来水管坏了找谁？' })).id
    ok(await as(third, 'ask', { messageId: q.third }))
    // Notices, answers and cards are not questions.
    const notice = ok(await as(leader, 'notice', { chatId: CHAT, clientId: clientId(), text: '周六打扫卫生' }))
    expect((await as(leader, 'ask', { messageId: notice.id })).status).toBe(409)
  })

  it('lists open questions slowest first for the leader (the group) and the cadres (the village), and for no one else', async () => {
    await setClock(T0 + 2.5 * HOUR)
    const mine = ok(await as(leader, 'openQuestions', { scope: 'group' })).items
    expect(mine.map((item: any) => item.messageId)).toEqual([q.first, q.second, q.third])
    expect(mine.map((item: any) => item.waitingHours)).toEqual([2.5, 1.5, 0.5])
    expect(mine[0]).toMatchObject({ chatId: CHAT, senderName: expect.any(String), text: '低保怎么申请？', chatName: expect.stringContaining('群') })
    for (const cadre of [secretary, staff]) {
      const village = ok(await as(cadre, 'openQuestions', { scope: 'village' })).items
      expect(village.map((item: any) => item.messageId)).toEqual([q.first, q.second, q.third])
    }
    // By cursor, one at a time: the same order, no repeats.
    const paged: string[] = []
    let cursor: string | undefined
    do {
      const page = ok(await as(leader, 'openQuestions', { scope: 'group', limit: 1, ...(cursor ? { cursor } : {}) }))
      paged.push(...page.items.map((item: any) => item.messageId))
      cursor = page.nextCursor ?? undefined
    } while (cursor)
    expect(paged).toEqual([q.first, q.second, q.third])
    // A villager leads nothing; a leader is not the village's; another group's leader leads another group.
    expect(ok(await as(villager, 'openQuestions', { scope: 'group' })).items).toEqual([])
    expect(ok(await as(villager, 'openQuestions', { scope: 'village' })).items).toEqual([])
    expect(ok(await as(leader, 'openQuestions', { scope: 'village' })).items).toEqual([])
    const otherLeader = (await host.store.collection('groups').doc('v-hexing-g08').get()).data!.leaderId as string
    expect(ok(await as(otherLeader, 'openQuestions', { scope: 'group' })).items).toEqual([])
    expect(ok(await as('o-town-officer', 'openQuestions', { scope: 'village' })).items).toEqual([])
    expect(ok(await as(leader, 'chat', { chatId: CHAT })).openQuestions).toBe(3)
  })

  it('is answered by a moderator only, once, as a reply in the chat, and the asker is told', async () => {
    expect((await as(neighbour, 'answer', { messageId: q.first, text: '我来答' })).status).toBe(403)
    expect((await as(villager, 'answer', { messageId: q.first, text: '我自己答' })).status).toBe(403)
    const answer = ok(await as(leader, 'answer', { messageId: q.first, text: '带户口本到村委会' }))
    expect(answer.seconds).toBe(2.5 * 3600)
    const before = host.store.checksum()
    const again = await as(staff, 'answer', { messageId: q.first, text: '带身份证' })
    expect([again.status, again.body.error.code]).toEqual([409, 'CONFLICT'])
    expect((await as(leader, 'answer', { messageId: q.first, text: '带户口本到村委会' })).status).toBe(409)
    expect(host.store.checksum()).toBe(before)

    const items = ok(await as(neighbour, 'history', { chatId: CHAT, limit: 10 })).items
    const reply = items.find((item: any) => item.id === answer.id)
    expect(reply).toMatchObject({ kind: 'answer', text: '带户口本到村委会', senderId: leader, senderTag: '组长', replyTo: { id: q.first, text: '低保怎么申请？' } })
    expect(items.find((item: any) => item.id === q.first).question).toMatchObject({ state: 'answered', answerId: answer.id })
    const told = (await inbox(villager)).filter((entry) => entry.kind === 'chat_answer')
    expect(told).toHaveLength(1)
    expect(told[0].body).toContain('带户口本到村委会')
    expect(ok(await as(leader, 'openQuestions', { scope: 'group' })).items.map((item: any) => item.messageId)).toEqual([q.second, q.third])
  })

  it('keeps reply times per chat: answered, the average, open ones and the oldest open', async () => {
    const times = ok(await as(leader, 'replyTimes', { scope: 'group' })).groups
    expect(times).toEqual([{ chatId: CHAT, name: expect.stringContaining('群'), answered: 1, averageMinutes: 150, open: 2, oldestOpenHours: 1.5 }])
    await setClock(T0 + 3 * HOUR)
    expect(ok(await as(secretary, 'answer', { messageId: q.second, text: '九月底之前' })).seconds).toBe(2 * 3600)
    const village = ok(await as(secretary, 'replyTimes', { scope: 'village' })).groups
    const groups = (await host.store.collection('groups').where({ villageId: VILLAGE }).limit(100).get()).data
    expect(village).toHaveLength(groups.length + 1)
    // Slowest first: the chat with a question waiting comes first.
    expect(village[0]).toEqual({ chatId: CHAT, name: expect.any(String), answered: 2, averageMinutes: 135, open: 1, oldestOpenHours: 1 })
    expect(village.slice(1).every((group: any) => group.open === 0)).toBe(true)
    expect(ok(await as(villager, 'replyTimes', { scope: 'group' })).groups).toEqual([])
  })

  it('puts questions unanswered for more than a day in the leader’s and the cadres’ 待办, and takes them out once answered', async () => {
    // q.third was asked at T0 + 2 h: not yet a day.
    await setClock(T0 + 25 * HOUR)
    expect(await attention(leader)).toEqual([])
    await setClock(T0 + 26.5 * HOUR)
    expect(await attention(leader)).toEqual([expect.objectContaining({ kind: 'chat_question', count: 1, title: expect.stringContaining('超过一天') })])
    for (const cadre of [secretary, staff]) expect(await attention(cadre)).toEqual([expect.objectContaining({ count: 1 })])
    for (const others of [villager, third, 'o-town-officer']) expect([others, await attention(others)]).toEqual([others, []])
    ok(await as(staff, 'answer', { messageId: q.third, text: '打自来水公司电话' }))
    expect(await attention(leader)).toEqual([])
    expect(await attention(secretary)).toEqual([])
  })

  it('answers a plain message at once, counted as a question answered', async () => {
    await setClock(T0 + 30 * HOUR)
    const sent = ok(await as(villager, 'send', { chatId: CHAT, clientId: clientId(), text: '今天收垃圾吗？' }))
    await setClock(T0 + 30 * HOUR + 10 * 60_000)
    expect(ok(await as(leader, 'answer', { messageId: sent.id, text: '下午收' })).seconds).toBe(600)
    expect((await as(villager, 'ask', { messageId: sent.id })).status).toBe(409)
    expect(ok(await as(leader, 'replyTimes', { scope: 'group' })).groups[0]).toMatchObject({ answered: 4, open: 0, oldestOpenHours: null })
  })
})

describe('cards', () => {
  it('shows a mediation case only to its parties and handlers; others see that something exists, not what', async () => {
    await setClock(T0 + 40 * HOUR)
    const opened = ok(
      await call(villager, 'mediation', 'open', {
        type: 'neighbours',
        parties: [
          { personId: villager, role: 'applicant' },
          { name: '王某某', role: 'respondent' },
        ],
        description: '邻居家的树挡住了我家的光线',
      }),
    )
    // Who may not see the case may not share it either.
    const before = host.store.checksum()
    expect((await as(neighbour, 'send', { chatId: CHAT, clientId: clientId(), kind: 'card', card: { kind: 'case', id: opened.id } })).status).toBe(404)
    expect((await as(neighbour, 'send', { chatId: CHAT, clientId: clientId(), kind: 'card', card: { kind: 'case', id: 'case-nowhere' } })).status).toBe(404)
    expect(host.store.checksum()).toBe(before)
    const sent = ok(await as(villager, 'send', { chatId: CHAT, clientId: clientId(), kind: 'card', card: { kind: 'case', id: opened.id } }))
    const cardFor = async (personId: string) => ok(await as(personId, 'history', { chatId: CHAT, limit: 5 })).items.find((item: any) => item.id === sent.id).card
    for (const sees of [villager, leader]) {
      expect(await cardFor(sees)).toEqual({
        kind: 'case',
        id: opened.id,
        title: `调解：${opened.number}`,
        visible: true,
        page: expect.stringContaining(encodeURIComponent(opened.id)),
      })
    }
    // A case at the group's level: the village's cadres do not handle it (the group has a leader).
    for (const others of [neighbour, third, secretary]) {
      const card = await cardFor(others)
      expect([others, card]).toEqual([others, { kind: 'case', id: opened.id, title: expect.stringContaining('仅当事人和调解员可见'), visible: false, page: null }])
      expect(JSON.stringify(card)).not.toContain(opened.number)
    }
    expect(ok(await as(neighbour, 'chats', {})).find((chat: any) => chat.id === CHAT).last.text).toBe('[分享]')
  })

  it('shows an errand to its villager, the leader and the village, and a notice to the members of its chat only', async () => {
    await setClock(T0 + 41 * HOUR)
    const errand = ok(await call(villager, 'errands', 'submit', { itemId: 'gs-certificate', clientKey: 'services-errand-0001' }))
    const sent = ok(await as(villager, 'send', { chatId: CHAT, clientId: clientId(), kind: 'card', card: { kind: 'errand', id: errand.id } }))
    const cardFor = async (personId: string, chatId = CHAT, id = sent.id) => ok(await as(personId, 'history', { chatId, limit: 5 })).items.find((item: any) => item.id === id).card
    for (const sees of [villager, leader, secretary]) expect([sees, (await cardFor(sees)).visible]).toEqual([sees, true])
    expect(await cardFor(neighbour)).toMatchObject({ visible: false, page: null, title: expect.stringContaining('仅申请人和经办人可见') })

    // A group notice shared into the village chat: group 4 sees it, group 8 only that there is one.
    const notice = ok(await as(leader, 'notice', { chatId: CHAT, clientId: clientId(), text: '四组周六打扫卫生' }))
    const shared = ok(await as(villager, 'send', { chatId: `village:${VILLAGE}`, clientId: clientId(), kind: 'card', card: { kind: 'notice', id: notice.id } }))
    expect(await cardFor(neighbour, `village:${VILLAGE}`, shared.id)).toMatchObject({ visible: true, title: expect.stringContaining('四组周六打扫卫生') })
    const hidden = await cardFor(otherGroup, `village:${VILLAGE}`, shared.id)
    expect(hidden).toEqual({ kind: 'notice', id: notice.id, title: '一条通知', visible: false, page: null })
    // Someone of group 8 cannot share group 4's notice.
    expect((await as(otherGroup, 'send', { chatId: `village:${VILLAGE}`, clientId: clientId(), kind: 'card', card: { kind: 'notice', id: notice.id } })).status).toBe(404)
  })

  it('refuses a card that is not a card, and a card on a text', async () => {
    expect((await as(villager, 'send', { chatId: CHAT, clientId: clientId(), kind: 'card' })).status).toBe(400)
    expect((await as(villager, 'send', { chatId: CHAT, clientId: clientId(), text: '看这个', card: { kind: 'aid', id: 'aid-x' } })).status).toBe(400)
  })
})

describe('mutual aid', () => {
  let aidId = ''
  let requestMessage = ''

  it('posts a request as a card in the chat; a retry is the same request', async () => {
    await setClock(T0 + 50 * HOUR)
    const input = { chatId: CHAT, clientId: clientId(), title: '帮忙收稻子', text: '家里老人住院了，稻子没人收' }
    const made = ok(await as(neighbour, 'aid', input))
    const before = host.store.checksum()
    expect(ok(await as(neighbour, 'aid', input))).toEqual(made)
    expect(host.store.checksum()).toBe(before)
    ;({ id: aidId, messageId: requestMessage } = made)
    const item = ok(await as(villager, 'history', { chatId: CHAT, limit: 3 })).items.find((one: any) => one.id === requestMessage)
    expect(item).toMatchObject({
      kind: 'aid',
      senderId: neighbour,
      card: { kind: 'aid', id: aidId, visible: true, title: '互助：帮忙收稻子', page: expect.stringContaining(aidId) },
    })
    expect(ok(await as(villager, 'aidRequest', { aidId }))).toMatchObject({
      state: 'open',
      title: '帮忙收稻子',
      by: { id: neighbour },
      pledges: [],
      can: { pledge: true, fulfil: false },
    })
    expect(ok(await as(neighbour, 'aidRequest', { aidId })).can).toEqual({ pledge: false, fulfil: true })
    expect((await as(otherGroup, 'aidRequest', { aidId })).status).toBe(404)
  })

  it('takes pledges from neighbours, not from the requester; the requester is told', async () => {
    const own = await as(neighbour, 'pledge', { aidId, kind: 'time' })
    expect([own.status, own.body.error.code]).toEqual([409, 'CONFLICT'])
    const pledge = ok(await as(villager, 'pledge', { aidId, kind: 'time', note: '周六上午来' }))
    expect(ok(await as(villager, 'pledge', { aidId, kind: 'time', note: '周六上午来' }))).toEqual(pledge)
    ok(await as(leader, 'pledge', { aidId, kind: 'goods', note: '送两袋米' }))
    const request = ok(await as(villager, 'aidRequest', { aidId }))
    expect(request.pledges.map((one: any) => [one.kind, one.note, one.mine])).toEqual([
      ['time', '周六上午来', true],
      ['goods', '送两袋米', false],
    ])
    const told = (await inbox(neighbour)).filter((entry) => entry.kind === 'chat_pledge')
    expect(told).toHaveLength(2)
    // A pledge's note passes the content check too.
    expect((await as(third, 'pledge', { aidId, kind: 'money', note: '网赌赢了钱给你' })).status).toBe(400)
  })

  it('is fulfilled by its requester only, with thanks posted in the chat and sent to those who helped', async () => {
    await setClock(T0 + 60 * HOUR)
    expect((await as(villager, 'fulfil', { aidId, thanks: '谢谢大家' })).status).toBe(403)
    expect((await as(leader, 'fulfil', { aidId, thanks: '谢谢大家' })).status).toBe(403)
    const done = ok(await as(neighbour, 'fulfil', { aidId, thanks: '稻子收完了，谢谢乡亲们' }))
    expect(done.state).toBe('fulfilled')
    const items = ok(await as(third, 'history', { chatId: CHAT, limit: 3 })).items
    expect(items[0]).toMatchObject({
      id: done.messageId,
      kind: 'thanks',
      text: '稻子收完了，谢谢乡亲们',
      senderId: neighbour,
      card: { kind: 'aid', id: aidId, title: '互助：帮忙收稻子（已解决）' },
    })
    for (const helper of [villager, leader])
      expect([helper, (await inbox(helper)).filter((entry) => entry.kind === 'chat_thanks')]).toEqual([
        helper,
        [expect.objectContaining({ body: expect.stringContaining('谢谢乡亲们') })],
      ])
    expect((await inbox(third)).filter((entry) => entry.kind === 'chat_thanks')).toEqual([])
    expect(ok(await as(villager, 'aidRequest', { aidId }))).toMatchObject({ state: 'fulfilled', thanks: '稻子收完了，谢谢乡亲们', can: { pledge: false, fulfil: false } })
    const before = host.store.checksum()
    expect((await as(neighbour, 'fulfil', { aidId, thanks: '再次感谢' })).status).toBe(409)
    expect((await as(third, 'pledge', { aidId, kind: 'time' })).status).toBe(409)
    expect(host.store.checksum()).toBe(before)
  })

  it('lets a leader ask for help for a villager of the group, not for someone of another group', async () => {
    ok(await as(leader, 'aid', { chatId: CHAT, clientId: clientId(), title: '帮五保户修屋顶', text: '屋顶漏雨', forPersonId: third }))
    const refused = await as(leader, 'aid', { chatId: CHAT, clientId: clientId(), title: '帮忙', text: '帮帮忙', forPersonId: otherGroup })
    expect([refused.status, refused.body.error.fields[0].path]).toEqual([400, 'data.forPersonId'])
  })
})
