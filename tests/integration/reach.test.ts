/**
 * 403 and 404 must not tell what exists (issue 7). For every action of the contract that takes a
 * villageId, groupId or personId (found from the input schemas, so a new one is covered without a
 * row here), a plain villager and the Party secretary of another village name a place outside their
 * reach that exists and one that does not: the answers are identical (403 FORBIDDEN) and nothing is
 * written.
 */
import type { z } from 'zod'
import { contract } from '../../types'
import { addOtherTown, isPlainVillager, startTestHost, type TestHost } from '../support/test-host'

let host: TestHost
const callers: Array<{ who: string; token: string; targets: Record<Key, string> }> = []

type Key = 'villageId' | 'groupId' | 'personId'
const KEYS: readonly Key[] = ['villageId', 'groupId', 'personId']
const MISSING: Record<Key, string> = { villageId: 'v-nowhere', groupId: 'g-nowhere', personId: 'p-nowhere' }

/** What else each input needs to be valid, so the call reaches `allow` (ids in it are harmless placeholders). */
const REST: Record<string, Record<string, unknown>> = {
  'partyGroups.preview': { groups: [{ id: 'g1', number: 1, leaderId: null, neighbours: [] }], members: [] },
  'partyGroups.override': { override: { kind: 'MOVE_GROUP', groupId: 'g-a', toGroupId: 'g-b', why: '方便开会' } },
  'roster.importPreview': { fileId: 'cloud://uploads/none.csv' },
  'roster.importCommit': { fileId: 'cloud://uploads/none.csv' },
  'roster.setPartyMembership': { partyMembership: null },
  'roster.setGroupLeader': { leaderId: null },
  'roster.setNeighbours': { neighbours: [] },
  'roster.search': { q: '张' },
  'identity.grant': { role: 'village_staff', scopeId: 'v-xinan' },
  'partyGroups.members': { partyGroupId: 'pg-x' },
  // 合兴村's board: out of reach of both callers (a villager who does not chair it, another village's secretary).
  'councils.setMember': { bodyId: 'board-v-hexing', seat: 'villager_rep', note: '村民推选' },
  'councils.removeMember': { bodyId: 'board-v-hexing', note: '外出务工' },
  // matterId: a matter of that board, set in beforeAll.
  'councils.recuse': { matterId: 'm-none', reason: '利益相关' },
  'errands.setItem': { itemId: 'gs-mediation', enabled: false, note: '本季度暂停' },
  'errands.setEscalation': { townAfterDays: 3, note: '村两委会议决定' },
  'mediation.open': { type: 'neighbours', parties: [{ name: '邻居王某', role: 'respondent' }], description: '宅基地边上砌墙，挡了邻居的路', clientKey: 'reach-key-0001' },
}

/** Every (action, key) to try: inputs naming a place by one of KEYS, and coverage of a village (its `id`). */
const CASES: Array<{ name: string; fn: string; action: string; key: Key; data: (id: string) => unknown }> = Object.entries(contract).flatMap(([fn, actions]) =>
  Object.entries(actions as Record<string, { input: z.ZodType }>).flatMap(([action, spec]) => {
    const name = `${fn}.${action}`
    if (name === 'partyGroups.coverage') return [{ name, fn, action, key: 'villageId' as Key, data: (id: string) => ({ level: 'village', id }) }]
    const shape = (spec.input as unknown as { shape?: Record<string, unknown> }).shape ?? {}
    return KEYS.filter((key) => key in shape).map((key) => ({ name, fn, action, key, data: (id: string) => ({ ...REST[name], [key]: id }) }))
  }),
)

beforeAll(async () => {
  host = await startTestHost()
  addOtherTown(host.store)
  const villager = host.personaWith((p) => isPlainVillager(p) && p.villageId === 'v-hexing')
  const secretary = host.personaWith((p) => p.roles.includes('village_secretary') && p.villageId === 'v-xinan')
  const someoneIn = async (villageId: string) => String((await host.store.collection('people').where({ villageId }).limit(1).get()).data[0]._id)
  callers.push(
    { who: '合兴村村民 → 新安村', token: await host.login(villager.id), targets: { villageId: 'v-xinan', groupId: 'v-xinan-g01', personId: await someoneIn('v-xinan') } },
    { who: '合兴村村民 → 另一个镇', token: await host.login(villager.id), targets: { villageId: 'v-other', groupId: 'v-other-g01', personId: 'p-other' } },
    { who: '新安村书记 → 合兴村', token: await host.login(secretary.id), targets: { villageId: 'v-hexing', groupId: 'v-hexing-g02', personId: await someoneIn('v-hexing') } },
    { who: '新安村书记 → 另一个镇', token: await host.login(secretary.id), targets: { villageId: 'v-other', groupId: 'v-other-g01', personId: 'p-other' } },
  )
  const hexingSecretary = await host.login(host.personaWith((p) => p.roles.includes('village_secretary') && p.villageId === 'v-hexing').id)
  const matter = await host.call(
    'councils',
    'createMatter',
    { bodyId: 'board-v-hexing', title: '修缮村道路灯', text: '拟修缮路灯。', kind: 'motion', closesAt: new Date(Date.now() + 7 * 24 * 60 * 60 * 1000).toISOString() },
    hexingSecretary,
  )
  REST['councils.recuse'].matterId = matter.body.data.id
})
afterAll(async () => host.close())

it('covers every action that names a village, a group or a person', () => {
  expect(CASES.map((entry) => entry.name)).toEqual(
    expect.arrayContaining([
      'identity.issueInvitation',
      'partyGroups.preview',
      'partyGroups.village',
      'partyGroups.recompute',
      'partyGroups.override',
      'partyGroups.coverage',
      'roster.villageGroups',
      'roster.importPreview',
      'roster.importCommit',
      'roster.export',
      'roster.setPartyMembership',
      'roster.setGroupLeader',
      'roster.setNeighbours',
      'roster.changeLog',
      'roster.groupMembers',
      'roster.search',
      'roster.person',
      'roster.callNumber',
      'errands.catalog',
      'errands.setItem',
      'errands.setEscalation',
      'mediation.open',
    ]),
  )
})

describe.each(CASES)('$name by $key', ({ fn, action, key, data }) => {
  it('answers an existing place out of reach exactly like a missing one: 403, nothing written', async () => {
    const differences: string[] = []
    for (const { who, token, targets } of callers) {
      const before = host.store.checksum()
      const existing = await host.call(fn, action, data(targets[key]), token)
      const missing = await host.call(fn, action, data(MISSING[key]), token)
      const answer = (response: { status: number; body: { error?: { code: string; message: string } } }) =>
        `${response.status} ${response.body.error?.code} ${response.body.error?.message}`
      if (answer(existing) !== answer(missing)) differences.push(`${who}: ${targets[key]} → ${answer(existing)}; ${MISSING[key]} → ${answer(missing)}`)
      if (existing.status !== 403) differences.push(`${who}: ${targets[key]} → ${existing.status}, expected 403`)
      if (host.store.checksum() !== before) differences.push(`${who}: wrote something`)
    }
    expect(differences).toEqual([])
  })
})

// ── Chats (issue 12): a chat, a message or a mutual-aid request out of reach is answered exactly like
// a missing one, 404 (a chat's existence is not told to those outside it), and nothing is written.

type ChatKey = 'chatId' | 'messageId' | 'aidId'
const CHAT_KEYS: readonly ChatKey[] = ['chatId', 'messageId', 'aidId']
/** What else each chat input needs to be valid. */
const CHAT_REST: Record<string, Record<string, unknown>> = {
  'chat.send': { clientId: 'reach-0001', text: '你好' },
  'chat.read': { upTo: 'group:v-nowhere|000000001' },
  'chat.notice': { clientId: 'reach-0002', text: '明天开会' },
  'chat.answer': { text: '明早八点' },
  'chat.hide': { reason: '与本组无关' },
  'chat.aid': { clientId: 'reach-0003', title: '帮忙收稻子', text: '家里缺人手' },
  'chat.pledge': { kind: 'time' },
  'chat.fulfil': { thanks: '谢谢大家' },
}
const CHAT_CASES = Object.entries(contract.chat).flatMap(([action, spec]) => {
  const shape = (spec.input as unknown as { shape?: Record<string, unknown> }).shape ?? {}
  return CHAT_KEYS.filter((key) => key in shape).map((key) => ({ name: `chat.${action}`, action, key }))
})
const CHAT_MISSING: Record<ChatKey, string[]> = {
  chatId: ['group:v-nowhere-g01', 'village:v-nowhere', 'nonsense'],
  messageId: ['group:v-nowhere-g01|000000001', 'nonsense'],
  aidId: ['aid-nowhere'],
}

describe('chats out of reach', () => {
  const chatCallers: Array<{ who: string; token: string; targets: Record<ChatKey, string[]> }> = []

  beforeAll(async () => {
    /** A chat with a message and a mutual-aid request in it, posted by one of its members. */
    const furnish = async (chatId: string, memberId: string) => {
      const token = await host.login(memberId)
      const sent = await host.call('chat', 'send', { chatId, clientId: `reach-${memberId}`.slice(0, 60), text: '今天下雨' }, token)
      const aid = await host.call('chat', 'aid', { chatId, clientId: `reach-aid-${memberId}`.slice(0, 60), title: '帮忙收衣服', text: '家里没人' }, token)
      expect([sent.status, aid.status]).toEqual([200, 200])
      return { chatId, messageId: sent.body.data.id as string, aidId: aid.body.data.id as string }
    }
    const memberOf = async (groupId: string) => String((await host.store.collection('people').where({ groupId }).limit(1).get()).data[0]._id)
    const xinan = await furnish('group:v-xinan-g01', await memberOf('v-xinan-g01'))
    const xinanVillage = await furnish('village:v-xinan', await memberOf('v-xinan-g02'))
    const hexing = await furnish('group:v-hexing-g03', await memberOf('v-hexing-g03'))
    const other = await furnish('group:v-other-g01', 'p-other')
    // A chat that exists but has no such message: answered as one that does not.
    const unknownMessage = `${xinan.chatId}|000009999`
    const targets = (...chats: Array<{ chatId: string; messageId: string; aidId: string }>): Record<ChatKey, string[]> => ({
      chatId: chats.map((chat) => chat.chatId),
      messageId: chats.map((chat) => chat.messageId),
      aidId: chats.map((chat) => chat.aidId),
    })
    const villager = host.personaWith((p) => isPlainVillager(p) && p.groupId === 'v-hexing-g02')
    const secretary = host.personaWith((p) => p.roles.includes('village_secretary') && p.villageId === 'v-xinan')
    chatCallers.push(
      { who: '合兴村2组村民 → 新安村、合兴村3组、另一个镇', token: await host.login(villager.id), targets: targets(xinan, xinanVillage, hexing, other) },
      { who: '新安村书记 → 合兴村3组、另一个镇', token: await host.login(secretary.id), targets: targets(hexing, other) },
      { who: '镇干部 → 新安村', token: await host.login('o-town-officer'), targets: targets(xinan, xinanVillage) },
      { who: '管理员 → 合兴村', token: await host.login('o-admin'), targets: targets(hexing) },
    )
    chatCallers[0].targets.messageId.push(unknownMessage)
  })

  it('covers every chat action that names a chat, a message or a request', () => {
    expect(CHAT_CASES.map((entry) => entry.name).sort()).toEqual(
      [
        'chat.chat',
        'chat.send',
        'chat.history',
        'chat.read',
        'chat.notice',
        'chat.noticeReads',
        'chat.unpin',
        'chat.ask',
        'chat.answer',
        'chat.hide',
        'chat.release',
        'chat.held',
        'chat.aid',
        'chat.aidRequest',
        'chat.pledge',
        'chat.fulfil',
      ].sort(),
    )
  })

  it.each(CHAT_CASES)('$name by $key: 404 for what exists out of reach exactly as for what does not, nothing written', async ({ action, key, name }) => {
    const differences: string[] = []
    for (const { who, token, targets } of chatCallers) {
      const answer = (response: { status: number; body: { error?: { code: string; message: string } } }) =>
        `${response.status} ${response.body.error?.code} ${response.body.error?.message}`
      const before = host.store.checksum()
      const missing = await host.call('chat', action, { ...CHAT_REST[name], [key]: CHAT_MISSING[key][0] }, token)
      if (missing.status !== 404) differences.push(`${who}: ${CHAT_MISSING[key][0]} → ${answer(missing)}, expected 404`)
      for (const id of [...targets[key], ...CHAT_MISSING[key].slice(1)]) {
        const reply = await host.call('chat', action, { ...CHAT_REST[name], [key]: id }, token)
        if (answer(reply) !== answer(missing)) differences.push(`${who}: ${id} → ${answer(reply)}; ${CHAT_MISSING[key][0]} → ${answer(missing)}`)
      }
      if (host.store.checksum() !== before) differences.push(`${who}: wrote something`)
    }
    expect(differences).toEqual([])
  })
})
