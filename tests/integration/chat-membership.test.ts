/**
 * Who is in which chat, through the HTTP host over a real store (issue 12). Membership follows the
 * roster: a villager of another group can neither read nor post to a group's chat (404, nothing
 * stored), and a villager whose household a roster import moves to another group moves chat at
 * once. Then every chat action × every kind of caller, the expectations read from the contract's
 * `who` words: members and moderators get through (200, each with a fresh target), a member asking
 * for a moderator's step gets 403, and everyone outside the chat gets 404 with nothing written.
 */
import { contract } from '../../types'
import { readTable } from '../../cloudfunctions/shared/roster-files'
import { isPlainVillager, startTestHost, type TestHost } from '../support/test-host'

let host: TestHost
const VILLAGE = 'v-hexing'
const GROUP = 'v-hexing-g02'
const CHAT = `group:${GROUP}`
const START = Date.parse('2027-03-01T01:00:00.000Z')

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
let minutes = 0
/** Each step a minute later than the last, so no one's rate window fills up across the table. */
async function tick() {
  minutes += 1
  const set = await host.app.inject({ method: 'POST', url: '/api/dev/clock', payload: { at: new Date(START + minutes * 60_000).toISOString() } })
  expect(set.statusCode).toBe(200)
}
let ids = 0
const clientId = () => `member-${String((ids += 1)).padStart(6, '0')}`

let villager: string
let neighbour: string
let leader: string
let secretary: string
let staff: string
let otherGroup: string
let otherVillageCadre: string

beforeAll(async () => {
  host = await startTestHost()
  villager = host.personaWith((p) => isPlainVillager(p) && p.groupId === GROUP).id
  leader = host.personaWith((p) => p.roles.includes('group_leader') && p.groupId === GROUP).id
  secretary = host.personaWith((p) => p.roles.includes('village_secretary') && p.villageId === VILLAGE).id
  staff = host.personaWith((p) => p.roles.includes('village_staff') && p.villageId === VILLAGE).id
  otherVillageCadre = host.personaWith((p) => p.roles.includes('village_secretary') && p.villageId === 'v-xinan').id
  const people = (await host.store.collection('people').where({ groupId: GROUP }).orderBy('_id', 'asc').limit(200).get()).data
  neighbour = people.find((person: any) => person._id !== leader && !person._id.startsWith('v-hexing-g02-h001'))!._id as string
  otherGroup = (await host.store.collection('people').where({ groupId: 'v-hexing-g03' }).limit(1).get()).data[0]._id as string
  await tick()
})
afterAll(async () => {
  await host.app.inject({ method: 'POST', url: '/api/dev/clock', payload: { at: null } })
  await host.close()
})

describe('membership', () => {
  it('lists a villager’s group and village chats, and every chat of the village for its cadres', async () => {
    expect(ok(await as(villager, 'chats', {})).map((chat: any) => chat.id)).toEqual([CHAT, `village:${VILLAGE}`])
    const groups = (await host.store.collection('groups').where({ villageId: VILLAGE }).limit(100).get()).data.map((group: any) => `group:${group._id}`)
    for (const cadre of [secretary, staff]) {
      const chats = ok(await as(cadre, 'chats', {})).map((chat: any) => chat.id)
      expect(new Set(chats)).toEqual(new Set([...groups, `village:${VILLAGE}`]))
      expect(chats.length).toBe(groups.length + 1)
    }
    expect(ok(await as(otherVillageCadre, 'chats', {})).map((chat: any) => chat.id)).not.toContain(CHAT)
    // Officers above the village and the admin are in no chat: chats are the village's own.
    for (const officer of ['o-town-officer', 'o-city-officer', 'o-admin', 'o-police']) expect([officer, ok(await as(officer, 'chats', {}))]).toEqual([officer, []])
  })

  it('keeps a villager of another group out of a group’s chat: 404, and nothing stored', async () => {
    ok(await as(villager, 'send', { chatId: CHAT, clientId: clientId(), text: '二组的事' }))
    const before = host.store.checksum()
    for (const [action, data] of [
      ['chat', { chatId: CHAT }],
      ['history', { chatId: CHAT }],
      ['send', { chatId: CHAT, clientId: clientId(), text: '我也来说两句' }],
      ['send', { chatId: CHAT, clientId: clientId(), kind: 'card', card: { kind: 'aid', id: 'aid-x' } }],
      ['read', { chatId: CHAT, upTo: `${CHAT}|000000001` }],
      ['aid', { chatId: CHAT, clientId: clientId(), title: '帮帮忙', text: '家里缺人手' }],
      ['ask', { messageId: `${CHAT}|000000001` }],
    ] as const) {
      const reply = await as(otherGroup, action, data)
      expect([action, reply.status, reply.body.error?.code]).toEqual([action, 404, 'NOT_FOUND'])
    }
    expect(host.store.checksum()).toBe(before)
    // Their own group's chat and the village chat are theirs.
    ok(await as(otherGroup, 'history', { chatId: 'group:v-hexing-g03' }))
    expect(ok(await as(otherGroup, 'history', { chatId: `village:${VILLAGE}` })).items).toEqual(expect.any(Array))
  })

  it('answers a chat that does not exist exactly as one the caller is not in', async () => {
    for (const chatId of ['group:v-nowhere-g01', 'village:v-nowhere', 'town:t-sijia', 'nonsense']) {
      const reply = await as(secretary, 'history', { chatId })
      expect([chatId, reply.status]).toEqual([chatId, 404])
    }
  })

  it('moves a villager’s chats with the roster: a household imported into group 3 leaves group 2’s chat', async () => {
    await tick()
    const notice = ok(await as(leader, 'notice', { chatId: CHAT, clientId: clientId(), text: '周六上午打扫卫生' }))
    ok(await as(villager, 'read', { chatId: CHAT, upTo: notice.id }))
    const before = ok(await as(villager, 'send', { chatId: CHAT, clientId: clientId(), text: '我家要搬到三组了' }))
    const secretaryToken = await tokenOf(secretary)
    const exported = await host.call('roster', 'export', { villageId: VILLAGE }, secretaryToken)
    expect(exported.status).toBe(200)
    const download = await host.app.inject({
      method: 'GET',
      url: `/api/files/download?fileId=${encodeURIComponent(exported.body.data.fileId)}`,
      headers: { authorization: `Bearer ${secretaryToken}` },
    })
    const table = await readTable(download.rawPayload, 'export.xlsx')
    const column = (name: string) => table.header.indexOf(name)
    const group3 = table.rows.find((row) => row[column('户号')].startsWith('03-'))!
    const household = (await host.store.collection('people').doc(villager).get()).data!.householdNo as string
    const rows = table.rows.map((row) =>
      row[column('户号')] === household ? row.map((cell, index) => (index === column('组号') || index === column('组名') ? group3[index] : cell)) : row,
    )
    const csv = Buffer.from(
      `\ufeff${[table.header, ...rows].map((row) => row.map((cell) => (/[",\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell)).join(',')).join('\r\n')}\r\n`,
    )
    const uploaded = await host.app.inject({
      method: 'POST',
      url: '/api/files?name=moved.csv&purpose=import',
      headers: { authorization: `Bearer ${secretaryToken}`, 'content-type': 'application/octet-stream' },
      payload: csv,
    })
    expect(uploaded.statusCode).toBe(200)
    const committed = await host.call('roster', 'importCommit', { villageId: VILLAGE, fileId: uploaded.json().data.fileId }, secretaryToken)
    expect([committed.status, committed.body.error]).toEqual([200, undefined])
    expect((await host.store.collection('people').doc(villager).get()).data).toMatchObject({ groupId: 'v-hexing-g03' })

    // The same session: the roster decides at each call.
    expect(ok(await as(villager, 'chats', {})).map((chat: any) => chat.id)).toEqual(['group:v-hexing-g03', `village:${VILLAGE}`])
    const stored = host.store.checksum()
    expect((await as(villager, 'history', { chatId: CHAT })).status).toBe(404)
    expect((await as(villager, 'send', { chatId: CHAT, clientId: clientId(), text: '还能看到吗？' })).status).toBe(404)
    expect((await as(villager, 'ask', { messageId: before.id })).status).toBe(404)
    expect(host.store.checksum()).toBe(stored)
    ok(await as(villager, 'send', { chatId: 'group:v-hexing-g03', clientId: clientId(), text: '大家好，我家搬来三组了' }))
    // What they said in group 2 stays there, for group 2.
    expect(ok(await as(leader, 'history', { chatId: CHAT })).items.map((item: any) => item.id)).toContain(before.id)
    // "Read by N of M" counts the chat's members: the villager who left is in neither.
    const info = ok(await as(leader, 'chat', { chatId: CHAT }))
    const reads = ok(await as(leader, 'noticeReads', { messageId: notice.id }))
    const pinned = info.pinned.find((one: any) => one.id === notice.id)
    expect([pinned.readBy, pinned.of]).toEqual([reads.readBy, reads.of])
    expect(pinned.readBy).toBeLessThanOrEqual(pinned.of)
    expect(reads.notRead.map((person: any) => person.id)).not.toContain(villager)
    expect(pinned.of).toBe(info.signedIn)
  })
})

// ── Every action × every kind of caller ──────────────────────────────────────────────────────────

/** What the contract's words ask about a caller, for 合兴村 2组's chat. */
interface Facts {
  member: boolean
  moderator: boolean
  /** Sent the message the action names (消息的发送人), or asked for the help (求助的发起人). */
  sender: boolean
}
const MEMBERS = (f: Facts) => f.member
const MODERATORS = (f: Facts) => f.moderator
const WHO: Record<string, (facts: Facts) => boolean> = {
  '任何已登录的人（自己所在的群：本组群和本村群；本村的村书记、村干部是本村各群的成员）': () => true,
  '本群成员（别人：404）': MEMBERS,
  '本群成员（发起互助求助）': MEMBERS,
  本群成员: MEMBERS,
  '本群成员（认领帮忙：出力、送物资或线下捐钱，本应用不经手钱物）': MEMBERS,
  '本组群：本组组长、本村的村书记、村干部；本村群：本村的村书记、村干部': MODERATORS,
  '本组群：本组组长、本村的村书记、村干部；本村群：本村的村书记、村干部（置顶通知）': MODERATORS,
  '本组群：本组组长、本村的村书记、村干部；本村群：本村的村书记、村干部（隐藏消息，记入台账，告知发送人）': MODERATORS,
  '本组群：本组组长、本村的村书记、村干部；本村群：本村的村书记、村干部（放行待审核的消息）': MODERATORS,
  '消息的发送人；本组群：本组组长、本村的村书记、村干部；本村群：本村的村书记、村干部': (f) => f.sender || f.moderator,
  '求助的发起人（标记已解决并发出感谢）': (f) => f.sender,
  // Open to anyone signed in; the words say whose questions (the others get an empty list).
  '村民小组长（本组群的）；本村的村书记、村干部（本村各群的）': () => true,
  '村民小组长（本组的）；本村的村书记、村干部（本村各组的）': () => true,
}
const OPEN_TO_ALL = new Set(['chats', 'openQuestions', 'replyTimes'])

interface Who {
  name: string
  personId: () => string
  member: boolean
  moderator: boolean
}
const CALLERS: Who[] = [
  { name: 'a villager of the group', personId: () => villager2, member: true, moderator: false },
  { name: 'the group leader', personId: () => leader, member: true, moderator: true },
  { name: 'the village secretary', personId: () => secretary, member: true, moderator: true },
  { name: 'village staff', personId: () => staff, member: true, moderator: true },
  { name: 'a villager of another group', personId: () => otherGroup, member: false, moderator: false },
  { name: 'another village’s secretary', personId: () => otherVillageCadre, member: false, moderator: false },
  { name: 'a town officer', personId: () => 'o-town-officer', member: false, moderator: false },
  { name: 'a city officer', personId: () => 'o-city-officer', member: false, moderator: false },
  { name: 'the police liaison', personId: () => 'o-police', member: false, moderator: false },
  { name: 'an admin', personId: () => 'o-admin', member: false, moderator: false },
]
/** The villager of the table (the one of the first part has moved to group 3). */
let villager2: string

/** A fresh target for each call: the input, and who sent (or asked for) what it names. */
async function setup(action: string, caller: string): Promise<{ data: Record<string, unknown>; senderId: string | null }> {
  await tick()
  const text = async (by: string, words = '请问明天开会吗') => ok(await as(by, 'send', { chatId: CHAT, clientId: clientId(), text: words })).id as string
  const aidBy = async (by: string) => ok(await as(by, 'aid', { chatId: CHAT, clientId: clientId(), title: '帮忙收稻子', text: '家里老人病了，稻子没人收' })).id as string
  switch (action) {
    case 'chats':
      return { data: {}, senderId: null }
    case 'openQuestions':
    case 'replyTimes':
      return { data: { scope: 'group' }, senderId: null }
    case 'chat':
    case 'history':
    case 'held':
      return { data: { chatId: CHAT }, senderId: null }
    case 'send':
      return { data: { chatId: CHAT, clientId: clientId(), text: '收到' }, senderId: null }
    case 'read':
      return { data: { chatId: CHAT, upTo: await text(neighbour) }, senderId: null }
    case 'notice':
      return { data: { chatId: CHAT, clientId: clientId(), text: '周六上午打扫卫生' }, senderId: null }
    case 'noticeReads':
    case 'unpin':
      return { data: { messageId: ok(await as(leader, 'notice', { chatId: CHAT, clientId: clientId(), text: '周日开组务会' })).id }, senderId: leader }
    case 'ask': {
      // Each caller asks about a message of their own when they can send one; otherwise the villager's.
      const by = caller === villager2 ? villager2 : neighbour
      return { data: { messageId: await text(by) }, senderId: by }
    }
    case 'answer':
    case 'hide': {
      const messageId = await text(neighbour)
      return { data: action === 'hide' ? { messageId, reason: '与本组无关' } : { messageId, text: '明早八点' }, senderId: neighbour }
    }
    case 'release':
      return { data: { messageId: await text(neighbour, '谁借我钱，我给你转账') }, senderId: neighbour }
    case 'aid':
      return { data: { chatId: CHAT, clientId: clientId(), title: '帮忙搬家', text: '周六搬家缺人手' }, senderId: null }
    case 'aidRequest':
    case 'pledge': {
      const aidId = await aidBy(neighbour)
      return { data: action === 'pledge' ? { aidId, kind: 'time', note: '周六上午' } : { aidId }, senderId: neighbour }
    }
    case 'fulfil':
      return { data: { aidId: await aidBy(villager2), thanks: '谢谢大家帮忙' }, senderId: villager2 }
    default:
      throw new Error(`no input for chat.${action}: add one here`)
  }
}

describe('every chat action × every kind of caller', () => {
  beforeAll(async () => {
    const people = (await host.store.collection('people').where({ groupId: GROUP }).orderBy('_id', 'asc').limit(200).get()).data
    villager2 = people.find((person: any) => person._id !== leader && person._id !== neighbour && person.partyMembership === null)!._id as string
  })

  const ACTIONS = Object.entries(contract.chat).map(([action, spec]) => ({ action, who: spec.who }))

  it('understands the words of every chat action', () => {
    for (const { action, who } of ACTIONS) expect([action, who in WHO]).toEqual([action, true])
  })

  it.each(ACTIONS)('chat.$action', async ({ action, who }) => {
    const wrong: string[] = []
    for (const caller of CALLERS) {
      const personId = caller.personId()
      const { data, senderId } = await setup(action, personId)
      const allowed = WHO[who]({ member: caller.member, moderator: caller.moderator, sender: senderId === personId })
      const before = host.store.checksum()
      const reply = await as(personId, action, data)
      const expected = allowed ? 'through' : caller.member || OPEN_TO_ALL.has(action) ? 403 : 404
      const got = reply.status === 403 || reply.status === 404 ? reply.status : reply.status === 200 ? 'through' : reply.status
      if (got !== expected) wrong.push(`${caller.name}: expected ${expected}, got ${reply.status} ${JSON.stringify(reply.body.error ?? '')}`)
      // Refused: nothing written (not even a sign-in mark).
      if (!allowed && host.store.checksum() !== before) wrong.push(`${caller.name}: refused but the store changed`)
    }
    expect(wrong).toEqual([])
  })
})
