/**
 * The policy through HTTP: every demo persona (and an officer of a second town) × a sample of
 * actions × a village of their own, another village, a village of another town and an id that
 * does not exist. The server answers 403 exactly where types/policy.ts refuses; an unknown id is
 * 403 for a village or town officer and 404 for those whose grant covers the whole city.
 */
import { NOWHERE, policy, type Actor, type Place } from '../../types/policy'
import type { GroupRecord, PersonRecord, VillageRecord } from '../../cloudfunctions/shared/records/records'
import { startTestHost, type TestHost, addOtherTown } from '../support/test-host'

let host: TestHost
const people: Array<{ key: string; token: string; actor: Actor }> = []

beforeAll(async () => {
  host = await startTestHost()
  addOtherTown(host.store)
  for (const personId of [...host.personas.map((persona) => persona.id), 'o-other-town']) {
    const token = await host.login(personId)
    const me = (await host.call('identity', 'me', {}, token)).body.data
    people.push({ key: `${me.name}（${me.roles.join('、')}）`, token, actor: me })
  }
})
afterAll(async () => host.close())

const HEXING = 'v-hexing'
/** Where the sampled actions land: the demo town's villages, a village of another town, nowhere. */
const VILLAGES = [HEXING, 'v-xinan', 'v-other', 'v-nowhere']
const GROUPS = ['v-hexing-g02', 'v-xinan-g01', 'v-other-g01', 'g-nowhere']

async function village(id: string): Promise<Place> {
  const { data } = await host.store.collection<VillageRecord>('villages').doc(id).get()
  return data ? { townId: data.townId, villageId: data._id } : NOWHERE
}
async function group(id: string): Promise<Place> {
  const { data } = await host.store.collection<GroupRecord>('groups').doc(id).get()
  return data ? { townId: data.townId, villageId: data.villageId, groupId: data._id, leaderId: data.leaderId } : NOWHERE
}
async function person(id: string): Promise<Place> {
  const { data } = await host.store.collection<PersonRecord>('people').doc(id).get()
  return data ? { townId: data.townId, villageId: data.villageId, groupId: data.groupId } : NOWHERE
}

interface Sample {
  fn: string
  action: string
  rule: (actor: Actor, target: never) => boolean
  targets: () => Promise<Array<{ id: string; place: unknown; data: unknown }>>
}

/** Writing actions get inputs that pass `allow` and then fail in `run` (400), so an allowed call changes nothing. */
const SAMPLES: Sample[] = [
  {
    fn: 'partyGroups',
    action: 'village',
    rule: policy.partyGroups.village,
    targets: async () => Promise.all(VILLAGES.map(async (id) => ({ id, place: await village(id), data: { villageId: id } }))),
  },
  {
    fn: 'partyGroups',
    action: 'override',
    rule: policy.partyGroups.override,
    targets: async () =>
      Promise.all(
        VILLAGES.map(async (id) => ({
          id,
          place: await village(id),
          data: { villageId: id, override: { kind: 'MOVE_GROUP', groupId: 'no-such', toGroupId: 'no-such-2', why: '方便开会' } },
        })),
      ),
  },
  {
    fn: 'partyGroups',
    action: 'coverage',
    rule: policy.partyGroups.coverage,
    targets: async () => Promise.all(VILLAGES.map(async (id) => ({ id, place: { level: 'village', ...(await village(id)) }, data: { level: 'village', id } }))),
  },
  {
    fn: 'roster',
    action: 'changeLog',
    rule: policy.roster.changeLog,
    targets: async () => Promise.all(VILLAGES.map(async (id) => ({ id, place: await village(id), data: { villageId: id } }))),
  },
  {
    fn: 'roster',
    action: 'groupMembers',
    rule: policy.roster.groupMembers,
    targets: async () => Promise.all(GROUPS.map(async (id) => ({ id, place: await group(id), data: { groupId: id } }))),
  },
  {
    fn: 'roster',
    action: 'setGroupLeader',
    rule: policy.roster.setGroupLeader,
    targets: async () => Promise.all(GROUPS.map(async (id) => ({ id, place: await group(id), data: { groupId: id, leaderId: 'o-other-town' } }))),
  },
  {
    fn: 'identity',
    action: 'issueInvitation',
    rule: policy.identity.issueInvitation,
    targets: async () => {
      const hexingVillager = host.personas.find((p) => p.villageId === HEXING && p.roles.length === 1)!.id
      const xinanSecretary = host.personas.find((p) => p.villageId === 'v-xinan' && p.roles.includes('village_secretary'))!.id
      return Promise.all([hexingVillager, xinanSecretary, 'p-other', 'p-nowhere'].map(async (id) => ({ id, place: await person(id), data: { personId: id } })))
    },
  },
]

const WRITES = new Set(['override', 'setGroupLeader'])
const NOWHERE_IDS = new Set(['v-nowhere', 'g-nowhere', 'p-nowhere'])

describe.each(SAMPLES)('$fn $action through HTTP agrees with the policy', ({ fn, action, rule, targets }) => {
  it('for every persona and place', async () => {
    const disagreements: string[] = []
    let allowed = 0
    let refused = 0
    for (const { id, place, data } of await targets()) {
      for (const { key, token, actor } of people) {
        const before = WRITES.has(action) ? host.store.checksum() : null
        const { status } = await host.call(fn, action, data, token)
        const ruled = rule(actor, place as never)
        if (ruled) allowed += 1
        else refused += 1
        // Refused → 403. Allowed → past `allow`: 404 for an id that does not exist, else what run says.
        const fine = ruled ? (NOWHERE_IDS.has(id) ? status === 404 : status !== 403) : status === 403
        if (!fine) disagreements.push(`${key} → ${id}: policy ${ruled ? 'allows' : 'refuses'}, server ${status}`)
        if (before !== null && host.store.checksum() !== before) disagreements.push(`${key} → ${id}: wrote something`)
      }
    }
    expect(disagreements).toEqual([])
    // The sample shows both answers, or it shows nothing.
    expect(allowed).toBeGreaterThan(0)
    expect(refused).toBeGreaterThan(0)
  })
})

it('answers an unknown village 403 to its town officer and 404 to the city officer', async () => {
  const townOfficer = people.find(({ actor }) => actor.grants.some((grant) => grant.role === 'town_officer' && grant.scope.level === 'town' && grant.scope.id === 't-sijia'))!
  const cityOfficer = people.find(({ actor }) => actor.grants.some((grant) => grant.role === 'city_officer' && grant.scope.level === 'city'))!
  expect((await host.call('partyGroups', 'village', { villageId: 'v-nowhere' }, townOfficer.token)).status).toBe(403)
  expect((await host.call('partyGroups', 'village', { villageId: 'v-nowhere' }, cityOfficer.token)).status).toBe(404)
})
