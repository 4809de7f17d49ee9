/** Rows that feature issues add to `npm run bench`. */
import { formPartyGroups } from '../../cloudfunctions/shared/domain/party-groups'
import { groupFactsOf, recomputeVillage } from '../../cloudfunctions/shared/party-groups/recompute-village'
import { readAll } from '../../cloudfunctions/shared/records/read-all'
import type { GroupRecord, VillageRecord } from '../../cloudfunctions/shared/records/records'
import type { EmbeddedStore } from '../../server/embedded-store/embedded-store'
import type { httpClient } from './http-client'
import type { CallCost } from './http-client'
import { measureCalls, summarise, timeOnce, type Measurement } from './measure'

export interface ScenarioContext {
  name: string
  client: ReturnType<typeof httpClient>
  personas: Array<{ id: string; roles: string[]; groupId: string | null; villageId: string | null }>
  store: EmbeddedStore
  runs: number
  warmup: number
}

const single = (scenario: string, action: string, ms: number, cost?: CallCost): Measurement => summarise(scenario, action, [ms], cost ? [cost] : [])

/** Times in-process work and meters it as the host meters a call: what it would cost in CloudBase. */
async function meteredOnce(store: EmbeddedStore, work: () => Promise<unknown>): Promise<{ ms: number; cost: CallCost }> {
  const { ms, result } = await timeOnce(() => store.metered(work))
  return { ms, cost: { reads: result.reads, writes: result.writes } }
}

export async function extraScenarios({ name, client, personas, store, runs, warmup }: ScenarioContext): Promise<Measurement[]> {
  const rows: Measurement[] = []
  const villages = await readAll<VillageRecord>(store, 'villages', {})
  const groups = await readAll<GroupRecord>(store, 'groups', {})
  const byVillage = new Map<string, GroupRecord[]>()
  for (const group of groups) byVillage.set(group.villageId, [...(byVillage.get(group.villageId) ?? []), group])

  // Party groups, rules only: every village of the data set, from per-group counts.
  const rules = await timeOnce(() => villages.map((village) => formPartyGroups({ groups: groupFactsOf(byVillage.get(village._id) ?? []) })))
  const formed = rules.result.reduce((sum, result) => sum + result.stats.partyGroups, 0)
  const cross = rules.result.reduce((sum, result) => sum + result.stats.crossGroup, 0)
  rows.push(single(name, `party groups: full recompute, rules only (${groups.length} groups → ${formed} Party groups, ${cross} cross-group)`, rules.ms))

  // With the store: read each village's groups, overrides and Party groups, run the rules, write what changed.
  const full = await meteredOnce(store, async () => {
    for (const village of villages) await recomputeVillage(store, village._id, new Date())
  })
  rows.push(single(name, `party groups: full recompute with the store (${villages.length} villages, unchanged roster)`, full.ms, full.cost))

  // Worst case: every Party group and service point written anew (as after a first import of the county).
  await store.collection('partyGroups').where({}).remove()
  await store.collection('servicePoints').where({}).remove()
  const rebuilt = await meteredOnce(store, async () => {
    for (const village of villages) await recomputeVillage(store, village._id, new Date())
  })
  rows.push(single(name, `party groups: full recompute with the store, everything rewritten (${formed} Party groups + service points)`, rebuilt.ms, rebuilt.cost))

  // One village after a roster change: its first group's leader leaves the Party and comes back in turn.
  const village = villages[0]
  const group = (byVillage.get(village._id) ?? []).sort((a, b) => a.number - b.number)[0]
  let member = true
  const recomputeOnly: number[] = []
  const recomputeCosts: CallCost[] = []
  for (let index = 0; index < Math.min(runs, 100); index += 1) {
    member = !member
    await store.collection('groups').doc(group._id).update({ leaderIsPartyMember: member })
    const { ms, cost } = await meteredOnce(store, () => recomputeVillage(store, village._id, new Date()))
    recomputeOnly.push(ms)
    recomputeCosts.push(cost)
  }
  await store.collection('groups').doc(group._id).update({ leaderIsPartyMember: true })
  await recomputeVillage(store, village._id, new Date())
  rows.push(summarise(name, `party groups: one-village recompute after a change (${byVillage.get(village._id)?.length} groups)`, recomputeOnly, recomputeCosts))

  // Coverage reports through HTTP.
  const cityOfficer = personas.find((persona) => persona.roles.includes('city_officer'))
  if (cityOfficer) {
    const token = await client.login(cityOfficer.id)
    rows.push(await measureCalls(name, 'partyGroups.coverage (city)', Math.min(runs, 100), warmup, () => client.callCost('partyGroups', 'coverage', { level: 'city' }, token)))
  }
  const secretary = personas.find((persona) => persona.roles.includes('village_secretary'))
  if (secretary) {
    const token = await client.login(secretary.id)
    rows.push(
      await measureCalls(name, 'partyGroups.village (secretary page)', Math.min(runs, 100), warmup, () =>
        client.callCost('partyGroups', 'village', { villageId: secretary.villageId }, token),
      ),
    )
  }
  if (secretary?.villageId) {
    const token = await client.login(secretary.id)
    // Appoint each Party member of one Party group in turn: every call changes the leader, so each is a real write.
    const report = (await client.call('partyGroups', 'village', { villageId: secretary.villageId }, token)) as {
      partyGroups: Array<{ id: string; groups: Array<{ id: string }>; leader: { id: string } | null }>
    }
    const partyGroup = report.partyGroups[0]
    const members = await readAll<{ _id: string; partyMembership: string | null; groupId: string | null } & Record<string, unknown>>(store, 'people', {
      groupId: store.command.in(partyGroup.groups.map((g) => g.id)),
    })
    // The sitting leader first: the rotation starts with someone else (appointing the leader again is a 409).
    const appointees = members.filter((person) => person.partyMembership).map((person) => person._id)
    appointees.sort((a, b) => Number(b === partyGroup.leader?.id) - Number(a === partyGroup.leader?.id))
    let turn = 0
    let villageReads = -1
    const overrides = await measureCalls(name, 'partyGroups.override (appoint a Party-group leader)', Math.min(runs, 100), warmup, async () => {
      turn += 1
      const cost = await client.callCost(
        'partyGroups',
        'override',
        {
          villageId: secretary.villageId,
          override: { kind: 'APPOINT_LEADER', partyGroupId: partyGroup.id, leaderId: appointees[turn % appointees.length], why: '轮流担任，测一测' },
        },
        token,
      )
      villageReads = Math.max(villageReads, cost.readsOf?.villages ?? -1)
      return cost
    })
    rows.push({ ...overrides, action: `${overrides.action}; reads the village ${villageReads === 1 ? 'once' : `${villageReads} times`}` })
    rows.push(
      await measureCalls(name, 'roster.changeLog (ledger, first page of 20)', Math.min(runs, 100), warmup, () =>
        client.callCost('roster', 'changeLog', { villageId: secretary.villageId, limit: 20 }, token),
      ),
    )
    const villager = personas.find((persona) => persona.roles.length === 1 && persona.roles[0] === 'villager')
    if (villager) {
      const villagerToken = await client.login(villager.id)
      rows.push(
        await measureCalls(name, 'inbox.list (first page of 20, with unread count)', Math.min(runs, 100), warmup, () =>
          client.callCost('inbox', 'list', { limit: 20 }, villagerToken),
        ),
      )
    }
  }
  return rows
}
