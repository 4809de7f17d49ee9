/**
 * Messages in a group chat through the HTTP host over a real store, no mocks (issue 12): history by
 * cursor with no gaps or repeats while new messages arrive, polling with `after`, idempotent sends,
 * the content check (refused: 400 and nothing stored; held: seen by its sender and the moderators,
 * who are told, until released), the rate limit (RATE_LIMITED on the 21st in a minute), hiding
 * (audited, the sender told, a placeholder for the others) and voice messages (a webm uploaded and
 * played by members only).
 */
import { isPlainVillager, startTestHost, type TestHost } from '../support/test-host'

let host: TestHost
const VILLAGE = 'v-hexing'
const GROUP = 'v-hexing-g05'
const CHAT = `group:${GROUP}`

type Reply = { status: number; body: any }
const tokens = new Map<string, string>()
async function tokenOf(personId: string): Promise<string> {
  if (!tokens.has(personId)) tokens.set(personId, await host.login(personId))
  return tokens.get(personId)!
}
const as = async (personId: string, action: string, data: unknown): Promise<Reply> => host.call('chat', action, data, await tokenOf(personId))
const ok = (reply: Reply) => {
  expect([reply.status, reply.body.error]).toEqual([200, undefined])
  return reply.body.data
}
const setClock = async (at: string | null) => {
  const set = await host.app.inject({ method: 'POST', url: '/api/dev/clock', payload: { at } })
  expect(set.statusCode).toBe(200)
}
let ids = 0
const clientId = () => `messages-${String((ids += 1)).padStart(6, '0')}`
const inbox = async (personId: string) =>
  ok(await host.call('inbox', 'list', { limit: 100 }, await tokenOf(personId))).items as Array<{ kind: string; title: string; body: string; page: string }>

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
  const { data: group } = await host.store.collection('groups').doc(GROUP).get()
  leader = group!.leaderId as string
  const plain = people.filter((person: any) => person._id !== leader)
  ;[villager, neighbour, third] = [plain[0]._id, plain[3]._id, plain[6]._id] as string[]
  secretary = host.personaWith((p) => p.roles.includes('village_secretary') && p.villageId === VILLAGE).id
  staff = host.personaWith((p) => p.roles.includes('village_staff') && p.villageId === VILLAGE).id
  otherGroup = host.personaWith((p) => isPlainVillager(p) && p.villageId === VILLAGE && p.groupId !== GROUP).id
  await setClock('2027-03-01T01:00:00.000Z')
})
afterAll(async () => {
  await setClock(null)
  await host.close()
})

describe('history and polling', () => {
  it('pages newest first by cursor with no gaps or repeats while new messages arrive, and `after` picks up exactly the new ones', async () => {
    const senders = [villager, neighbour, third]
    let turn = 0
    /** Three people take turns, so no one reaches the rate limit. */
    const send = async (text: string) => ok(await as(senders[(turn += 1) % senders.length], 'send', { chatId: CHAT, clientId: clientId(), text })).id as string
    const first: string[] = []
    for (let i = 1; i <= 23; i += 1) first.push(await send(`第一批 ${i}`))

    const seen: string[] = []
    const arrived: string[] = []
    let page = ok(await as(leader, 'history', { chatId: CHAT, limit: 5 }))
    const newestSeen = page.items[0].id as string
    for (;;) {
      seen.push(...page.items.map((item: any) => item.id))
      // Newest first within a page.
      expect(page.items.map((item: any) => item.seq)).toEqual([...page.items.map((item: any) => item.seq)].sort((a: number, b: number) => b - a))
      if (!page.nextCursor) break
      // Others keep talking between pages.
      for (let i = 0; i < 2; i += 1) arrived.push(await send(`翻页时新来的 ${arrived.length + 1}`))
      page = ok(await as(leader, 'history', { chatId: CHAT, limit: 5, cursor: page.nextCursor }))
    }
    // Exactly the messages there were when paging began, newest first: no gaps, no repeats, nothing new.
    expect(seen).toEqual([...first].reverse())
    expect(arrived.length).toBeGreaterThan(4)

    // Polling from the newest seen: exactly what arrived, newest first, nothing before it.
    const polled = ok(await as(leader, 'history', { chatId: CHAT, after: newestSeen, limit: 100 }))
    expect(polled.items.map((item: any) => item.id)).toEqual([...arrived].reverse())
    expect(polled.nextCursor).toBeNull()
    const nothing = ok(await as(leader, 'history', { chatId: CHAT, after: arrived[arrived.length - 1] }))
    expect(nothing.items).toEqual([])

    // A poll limited to fewer than arrived gives the oldest of them first, so the next poll goes on from there: nothing is skipped.
    const got: string[] = []
    let after = newestSeen
    for (let round = 0; round < 10 && got.length < arrived.length; round += 1) {
      const items = ok(await as(leader, 'history', { chatId: CHAT, after, limit: 3 })).items.map((item: any) => item.id as string)
      expect(items.length).toBeGreaterThan(0)
      got.push(...[...items].reverse())
      after = items[0]
    }
    expect(got).toEqual(arrived)
  })

  it('refuses `after` and `upTo` ids that are not this chat’s messages', async () => {
    for (const after of ['group:v-hexing-g06|000000001', `${CHAT}|`, `${CHAT}|1e3`, `${CHAT}| 12`, 'nonsense']) {
      const reply = await as(leader, 'history', { chatId: CHAT, after })
      expect([after, reply.status, reply.body.error?.fields?.[0]?.path]).toEqual([after, 400, 'data.after'])
    }
    const read = await as(leader, 'read', { chatId: CHAT, upTo: `${CHAT}|0x1` })
    expect([read.status, read.body.error?.fields?.[0]?.path]).toEqual([400, 'data.upTo'])
  })
})

describe('sending', () => {
  it('is idempotent: the same clientId answers the same id and stores nothing', async () => {
    await setClock('2027-03-01T02:00:00.000Z')
    const key = clientId()
    const first = ok(await as(villager, 'send', { chatId: CHAT, clientId: key, text: '下午停水' }))
    const before = host.store.checksum()
    for (let i = 0; i < 3; i += 1) expect(ok(await as(villager, 'send', { chatId: CHAT, clientId: key, text: '下午停水' }))).toEqual(first)
    // Even when the retry's text differs (the app resends what it has): the first one stands.
    expect(ok(await as(villager, 'send', { chatId: CHAT, clientId: key, text: '下午停水了' }))).toEqual(first)
    expect(host.store.checksum()).toBe(before)
    // The same clientId from someone else is their own message.
    const theirs = ok(await as(neighbour, 'send', { chatId: CHAT, clientId: key, text: '收到' }))
    expect(theirs.id).not.toBe(first.id)
    const items = ok(await as(third, 'history', { chatId: CHAT, limit: 5 })).items
    expect(items.filter((item: any) => item.id === first.id)).toHaveLength(1)
    expect(items.find((item: any) => item.id === first.id)).toMatchObject({ text: '下午停水', senderId: villager, kind: 'text', state: 'shown', mine: false })
  })

  it('tags the village’s cadres and the leader, and counts unread per chat', async () => {
    await setClock('2027-03-01T02:10:00.000Z')
    const fromLeader = ok(await as(leader, 'send', { chatId: CHAT, clientId: clientId(), text: '组长说两句' }))
    const fromStaff = ok(await as(staff, 'send', { chatId: CHAT, clientId: clientId(), text: '村里说两句' }))
    const items = ok(await as(villager, 'history', { chatId: CHAT, limit: 2 })).items
    expect(items.map((item: any) => [item.id, item.senderTag])).toEqual([
      [fromStaff.id, '村干部'],
      [fromLeader.id, '组长'],
    ])
    ok(await as(villager, 'read', { chatId: CHAT, upTo: fromLeader.id }))
    expect(ok(await as(villager, 'chats', {})).find((chat: any) => chat.id === CHAT).unread).toBe(1)
    expect(ok(await as(villager, 'read', { chatId: CHAT, upTo: fromStaff.id })).unread).toBe(0)
    // Reading an older message again never moves the pointer back.
    expect(ok(await as(villager, 'read', { chatId: CHAT, upTo: fromLeader.id })).unread).toBe(0)
  })
})

describe('the content check', () => {
  it('refuses risky text with a plain message, and stores nothing', async () => {
    await setClock('2027-03-01T03:00:00.000Z')
    const before = host.store.checksum()
    for (const text of ['一起去网赌', '网 赌 来不来', '网\u200b赌']) {
      const reply = await as(villager, 'send', { chatId: CHAT, clientId: clientId(), text })
      expect([text, reply.status, reply.body.error.code, reply.body.error.fields?.[0]?.path]).toEqual([text, 400, 'INVALID_INPUT', 'data.text'])
      expect(reply.body.error.message).toContain('不适合发布')
    }
    expect(host.store.checksum()).toBe(before)
  })

  it('holds text for review: its sender and the moderators see it, who are told; released, everyone does', async () => {
    await setClock('2027-03-01T03:10:00.000Z')
    const held = ok(await as(villager, 'send', { chatId: CHAT, clientId: clientId(), text: '谁借我钱，我给你转账' }))
    expect(held.state).toBe('held')
    const idsFor = async (personId: string) => ok(await as(personId, 'history', { chatId: CHAT, limit: 10 })).items.map((item: any) => item.id)
    expect(await idsFor(villager)).toContain(held.id)
    for (const moderator of [leader, secretary, staff]) expect(await idsFor(moderator)).toContain(held.id)
    expect(await idsFor(neighbour)).not.toContain(held.id)
    // Nor when polling.
    expect(ok(await as(neighbour, 'history', { chatId: CHAT, after: `${CHAT}|000000001`, limit: 100 })).items.map((item: any) => item.id)).not.toContain(held.id)
    // Not counted as unread, nor as the chat's last message, for the others.
    const chat = ok(await as(neighbour, 'chats', {})).find((one: any) => one.id === CHAT)
    expect(chat.last.text).not.toContain('转账')
    // The moderators are told, once each, with the chat to open.
    for (const moderator of [leader, secretary, staff]) {
      const notes = (await inbox(moderator)).filter((entry) => entry.kind === 'chat_held')
      expect(notes).toHaveLength(1)
      expect(notes[0].page).toContain(encodeURIComponent(CHAT))
    }
    expect((await inbox(neighbour)).filter((entry) => entry.kind === 'chat_held')).toEqual([])
    // On the moderators' list of held messages, not anyone else's.
    expect(ok(await as(leader, 'held', { chatId: CHAT })).items.map((item: any) => item.id)).toEqual([held.id])
    expect((await as(neighbour, 'held', { chatId: CHAT })).status).toBe(403)
    // Only a moderator releases it; then everyone sees it, and its sender is told.
    expect((await as(neighbour, 'release', { messageId: held.id })).status).toBe(403)
    expect(ok(await as(leader, 'release', { messageId: held.id }))).toEqual({ state: 'shown' })
    expect(await idsFor(neighbour)).toContain(held.id)
    expect((await inbox(villager)).filter((entry) => entry.kind === 'chat_released')).toHaveLength(1)
    expect(ok(await as(leader, 'held', { chatId: CHAT })).items).toEqual([])
    expect((await as(leader, 'release', { messageId: held.id })).status).toBe(409)
    const { data: entries } = await host.store.collection('audit').where({ action: 'chat.release', subjectId: CHAT }).get()
    expect(entries).toHaveLength(1)
    expect(entries[0].confidential).toBe(true)
  })
})

describe('the rate limit', () => {
  it('refuses the 21st message in a minute with RATE_LIMITED (nothing stored), and lets it through the next minute', async () => {
    await setClock('2027-03-01T04:00:01.000Z')
    for (let i = 1; i <= 20; i += 1) ok(await as(third, 'send', { chatId: CHAT, clientId: clientId(), text: `第${i}条` }))
    const before = host.store.checksum()
    const limited = await as(third, 'send', { chatId: CHAT, clientId: clientId(), text: '第21条' })
    expect([limited.status, limited.body.error.code]).toEqual([429, 'RATE_LIMITED'])
    expect(limited.body.error.message).toMatch(/请 \d+ 秒后再发/)
    expect(host.store.checksum()).toBe(before)
    // A retry of a message already sent is not a new one: it answers, rate or not.
    const { data: mine } = await host.store.collection('chatMessages').where({ chatId: CHAT, senderId: third }).orderBy('seq', 'desc').limit(1).get()
    expect((await as(third, 'send', { chatId: CHAT, clientId: mine[0].clientId as string, text: '第20条' })).status).toBe(200)
    // Others are not held back by one person's sending.
    ok(await as(neighbour, 'send', { chatId: CHAT, clientId: clientId(), text: '我还能说话' }))
    await setClock('2027-03-01T04:01:00.500Z')
    ok(await as(third, 'send', { chatId: CHAT, clientId: clientId(), text: '第21条' }))
  })
})

describe('hiding', () => {
  it('is audited, tells the sender, and leaves the others a placeholder without the text', async () => {
    await setClock('2027-03-01T05:00:00.000Z')
    const sent = ok(await as(neighbour, 'send', { chatId: CHAT, clientId: clientId(), text: '隔壁老王家的狗又叫了一夜' }))
    expect((await as(villager, 'hide', { messageId: sent.id, reason: '请文明发言' })).status).toBe(403)
    expect(ok(await as(leader, 'hide', { messageId: sent.id, reason: '请文明发言' }))).toEqual({ state: 'hidden' })
    const seenBy = async (personId: string) => ok(await as(personId, 'history', { chatId: CHAT, limit: 5 })).items.find((item: any) => item.id === sent.id)
    for (const personId of [villager, neighbour]) {
      const placeholder = await seenBy(personId)
      expect(placeholder).toMatchObject({ state: 'hidden', text: null, fileId: null, card: null, replyTo: null })
      expect(JSON.stringify(placeholder)).not.toContain('老王')
    }
    expect(await seenBy(secretary)).toMatchObject({ state: 'hidden', text: '隔壁老王家的狗又叫了一夜' })
    const told = (await inbox(neighbour)).filter((entry) => entry.kind === 'chat_hidden')
    expect(told).toHaveLength(1)
    expect(told[0].body).toContain('请文明发言')
    const { data: entries } = await host.store.collection('audit').where({ action: 'chat.hide', subjectId: CHAT }).get()
    expect(entries).toHaveLength(1)
    expect(entries[0]).toMatchObject({ confidential: true, note: '请文明发言' })
    // Hiding again changes nothing and writes nothing.
    const before = host.store.checksum()
    expect(ok(await as(staff, 'hide', { messageId: sent.id, reason: '请文明发言' }))).toEqual({ state: 'hidden' })
    expect(host.store.checksum()).toBe(before)
    // A hidden message cannot be replied to, asked or answered.
    expect((await as(villager, 'send', { chatId: CHAT, clientId: clientId(), text: '怎么了', replyTo: sent.id })).status).toBe(400)
    expect((await as(leader, 'ask', { messageId: sent.id })).status).toBe(409)
    expect((await as(leader, 'answer', { messageId: sent.id, text: '好的' })).status).toBe(409)
  })

  it('takes a hidden question off the open list: it can no longer be answered', async () => {
    await setClock('2027-03-01T05:10:00.000Z')
    const sent = ok(await as(neighbour, 'send', { chatId: CHAT, clientId: clientId(), text: '村里什么时候发补贴？' }))
    ok(await as(neighbour, 'ask', { messageId: sent.id }))
    expect(ok(await as(leader, 'openQuestions', { scope: 'group' })).items.map((item: any) => item.messageId)).toContain(sent.id)
    ok(await as(leader, 'hide', { messageId: sent.id, reason: '重复提问' }))
    expect(ok(await as(leader, 'openQuestions', { scope: 'group' })).items.map((item: any) => item.messageId)).not.toContain(sent.id)
    expect(ok(await as(leader, 'replyTimes', { scope: 'group' })).groups.find((group: any) => group.chatId === CHAT).open).toBe(0)
    expect(ok(await as(leader, 'chat', { chatId: CHAT })).openQuestions).toBe(0)
  })
})

describe('what a hidden message leaves behind', () => {
  it('shows its text nowhere to the others: not in the chat list, not in replies to it, not in a card to it (a notice)', async () => {
    await setClock('2027-03-01T05:30:00.000Z')
    const sent = ok(await as(neighbour, 'send', { chatId: CHAT, clientId: clientId(), text: '三组的张三欠钱不还' }))
    const reply = ok(await as(villager, 'send', { chatId: CHAT, clientId: clientId(), text: '别这么说', replyTo: sent.id }))
    const notice = ok(await as(leader, 'notice', { chatId: CHAT, clientId: clientId(), text: '明天发放补贴名单：李四' }))
    const card = ok(await as(villager, 'send', { chatId: `village:${VILLAGE}`, clientId: clientId(), kind: 'card', card: { kind: 'notice', id: notice.id } }))
    const last = ok(await as(third, 'send', { chatId: CHAT, clientId: clientId(), text: '张三在吗' }))
    await setClock('2027-03-01T05:31:00.000Z')
    ok(await as(leader, 'hide', { messageId: sent.id, reason: '不要议论别人' }))
    ok(await as(leader, 'hide', { messageId: notice.id, reason: '名单有误' }))
    ok(await as(leader, 'hide', { messageId: last.id, reason: '不要议论别人' }))
    for (const personId of [villager, neighbour, otherGroup]) {
      const chats = JSON.stringify(ok(await as(personId, 'chats', {})))
      expect([personId, chats.includes('张三在吗'), chats.includes('欠钱')]).toEqual([personId, false, false])
      const village = JSON.stringify(ok(await as(personId, 'history', { chatId: `village:${VILLAGE}`, limit: 10 })).items.find((item: any) => item.id === card.id))
      expect([personId, village.includes('李四')]).toEqual([personId, false])
    }
    const items = ok(await as(villager, 'history', { chatId: CHAT, limit: 10 })).items
    expect(items.find((item: any) => item.id === reply.id)).toMatchObject({ text: '别这么说', replyTo: { id: sent.id, text: null } })
    // The moderators still see what it was.
    const theirs = ok(await as(leader, 'history', { chatId: CHAT, limit: 10 })).items
    expect(theirs.find((item: any) => item.id === reply.id).replyTo.text).toBe('三组的张三欠钱不还')
    // A hidden notice is no longer shared.
    expect((await as(villager, 'send', { chatId: `village:${VILLAGE}`, clientId: clientId(), kind: 'card', card: { kind: 'notice', id: notice.id } })).status).toBe(404)
  })

  it('leaves no unread count behind a message released after later ones', async () => {
    await setClock('2027-03-01T05:40:00.000Z')
    const held = ok(await as(villager, 'send', { chatId: CHAT, clientId: clientId(), text: '加我微信，我拉你进群' }))
    expect(held.state).toBe('held')
    const after = ok(await as(third, 'send', { chatId: CHAT, clientId: clientId(), text: '明天赶集' }))
    ok(await as(leader, 'release', { messageId: held.id }))
    // Reading up to the newest message reads everything before it, the released one too.
    for (const personId of [neighbour, villager, third]) expect([personId, ok(await as(personId, 'read', { chatId: CHAT, upTo: after.id })).unread]).toEqual([personId, 0])
    expect(ok(await as(neighbour, 'chats', {})).find((chat: any) => chat.id === CHAT).unread).toBe(0)
  })
})

describe('voice messages', () => {
  const webm = Buffer.concat([Buffer.from([0x1a, 0x45, 0xdf, 0xa3, 0x9f, 0x42, 0x82, 0x84]), Buffer.from('webm'), Buffer.alloc(64, 1)])
  async function upload(personId: string, purpose: string, name = 'v.webm', bytes = webm): Promise<string> {
    const response = await host.app.inject({
      method: 'POST',
      url: `/api/files?name=${name}&purpose=${purpose}`,
      headers: { authorization: `Bearer ${await tokenOf(personId)}`, 'content-type': 'application/octet-stream' },
      payload: bytes,
    })
    expect(response.statusCode).toBe(200)
    return response.json().data.fileId
  }
  const url = async (personId: string, fileId: string) => host.call('files', 'url', { fileId }, await tokenOf(personId))

  it('sends a webm with its length; members play it, others cannot', async () => {
    await setClock('2027-03-01T06:00:00.000Z')
    const fileId = await upload(villager, 'voice')
    // Its length is needed, and at most 60 seconds.
    expect((await as(villager, 'send', { chatId: CHAT, clientId: clientId(), kind: 'voice', fileId })).status).toBe(400)
    expect((await as(villager, 'send', { chatId: CHAT, clientId: clientId(), kind: 'voice', fileId, durationS: 61 })).status).toBe(400)
    const before = host.store.checksum()
    expect((await as(otherGroup, 'send', { chatId: CHAT, clientId: clientId(), kind: 'voice', fileId, durationS: 5 })).status).toBe(404)
    expect(host.store.checksum()).toBe(before)
    const sent = ok(await as(villager, 'send', { chatId: CHAT, clientId: clientId(), kind: 'voice', fileId, durationS: 7 }))
    const item = ok(await as(neighbour, 'history', { chatId: CHAT, limit: 3 })).items.find((one: any) => one.id === sent.id)
    expect(item).toMatchObject({ kind: 'voice', fileId, durationS: 7, text: null })
    expect(ok(await as(neighbour, 'chats', {})).find((chat: any) => chat.id === CHAT).last.text).toBe('[语音]')
    for (const member of [villager, neighbour, leader, secretary]) expect([member, (await url(member, fileId)).status]).toEqual([member, 200])
    for (const outsider of [otherGroup, 'o-town-officer', 'o-admin']) expect([outsider, (await url(outsider, fileId)).status]).toEqual([outsider, 404])
    const played = await host.app.inject({ method: 'GET', url: ok(await url(neighbour, fileId)).url })
    expect(played.statusCode).toBe(200)
    expect(played.headers['content-type']).toBe('audio/webm')
  })

  it('keeps the file of a held or hidden message from the members who may not see the message', async () => {
    await setClock('2027-03-01T06:20:00.000Z')
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0])
    const photo = await upload(villager, 'photo', 'p.png', png)
    const held = ok(await as(villager, 'send', { chatId: CHAT, clientId: clientId(), kind: 'photo', fileId: photo, text: '要的加我微信' }))
    expect(held.state).toBe('held')
    for (const sees of [villager, leader, secretary, staff]) expect([sees, (await url(sees, photo)).status]).toEqual([sees, 200])
    for (const others of [neighbour, third]) expect([others, (await url(others, photo)).status]).toEqual([others, 404])
    ok(await as(staff, 'release', { messageId: held.id }))
    expect((await url(neighbour, photo)).status).toBe(200)

    const voice = await upload(villager, 'voice')
    const sent = ok(await as(villager, 'send', { chatId: CHAT, clientId: clientId(), kind: 'voice', fileId: voice, durationS: 4 }))
    expect((await url(neighbour, voice)).status).toBe(200)
    ok(await as(leader, 'hide', { messageId: sent.id, reason: '语音内容不妥' }))
    for (const others of [neighbour, third, villager]) expect([others, (await url(others, voice)).status]).toEqual([others, 404])
    for (const sees of [leader, secretary, staff]) expect([sees, (await url(sees, voice)).status]).toEqual([sees, 200])
  })

  it('takes a voice file only once, only as voice, and only its uploader’s', async () => {
    await setClock('2027-03-01T06:10:00.000Z')
    const fileId = await upload(villager, 'voice')
    const key = clientId()
    const sent = ok(await as(villager, 'send', { chatId: CHAT, clientId: key, kind: 'voice', fileId, durationS: 3 }))
    // A retry (same clientId) is the same message, though its file is now attached.
    expect(ok(await as(villager, 'send', { chatId: CHAT, clientId: key, kind: 'voice', fileId, durationS: 3 }))).toEqual(sent)
    // The same file again, by its uploader or by someone else.
    expect((await as(villager, 'send', { chatId: CHAT, clientId: clientId(), kind: 'voice', fileId, durationS: 3 })).status).toBe(400)
    expect((await as(neighbour, 'send', { chatId: CHAT, clientId: clientId(), kind: 'voice', fileId, durationS: 3 })).status).toBe(400)
    // A photo is not a voice message, and a voice file is not a photo.
    const photo = await upload(villager, 'photo', 'p.png', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]))
    expect((await as(villager, 'send', { chatId: CHAT, clientId: clientId(), kind: 'voice', fileId: photo, durationS: 3 })).status).toBe(400)
    const voice = await upload(villager, 'voice')
    expect((await as(villager, 'send', { chatId: CHAT, clientId: clientId(), kind: 'photo', fileId: voice })).status).toBe(400)
  })
})
