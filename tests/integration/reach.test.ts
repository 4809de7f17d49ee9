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
