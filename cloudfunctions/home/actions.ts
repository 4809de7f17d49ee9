import { policy } from '../../types/policy'
import { allowBy } from '../shared/records/village-access'
import { defineFunction } from '../shared/runtime/define-function'
import { notFound } from '../shared/runtime/app-error'
import { partyGroupFor } from '../shared/party-groups/village-report'
import type { GroupRecord, PersonRecord, TownRecord, VillageRecord } from '../shared/records/records'
import { readAll } from '../shared/records/read-all'
import { councilAttention } from '../shared/councils/attention'
import { errandAttention } from '../shared/errands/attention'
import { mediationAttention } from '../shared/mediation/attention'
import { cityAttention, townAttention, villageAttention, worstFirst, type Attention, type VillageCoverage } from '../shared/domain/attention'

function coverageOfVillage(village: VillageRecord, groupCount?: number): VillageCoverage {
  const stats = village.partyGroupState?.stats
  return {
    id: village._id,
    name: village.name,
    townId: village.townId,
    groups: stats?.groups ?? groupCount ?? 0,
    uncovered: stats?.uncovered ?? 0,
    leaderToBeAppointed: stats?.leaderToBeAppointed ?? 0,
  }
}

export const homeFunction = defineFunction('home', {
  overview: {
    allow: allowBy(policy.home.overview),
    run: async ({ db, caller }) => {
      const { data: person } = await db.collection<PersonRecord>('people').doc(caller.personId).get()
      if (!person) throw notFound('您的信息')
      const [village, group] = await Promise.all([
        person.villageId ? db.collection<VillageRecord>('villages').doc(person.villageId).get() : { data: null },
        person.groupId ? db.collection<GroupRecord>('groups').doc(person.groupId).get() : { data: null },
      ])
      const town = village.data ? (await db.collection<TownRecord>('towns').doc(village.data.townId).get()).data : null
      const {
        view: partyGroup,
        myServicePoint: servicePoint,
        names,
      } = group.data ? await partyGroupFor(db, group.data, [group.data.leaderId]) : { view: null, myServicePoint: null, names: new Map<string, string>() }
      const personRef = (id: string | null) => (id && names.has(id) ? { id, name: names.get(id)! } : null)
      return {
        person: { id: person._id, name: person.name },
        village: village.data ? { id: village.data._id, name: village.data.name, townName: town?.name ?? '' } : null,
        group: group.data
          ? {
              id: group.data._id,
              number: group.data.number,
              name: group.data.name,
              leader: personRef(group.data.leaderId),
              villagerCount: group.data.counts.villagers,
              householdCount: group.data.counts.households,
            }
          : null,
        partyGroup: partyGroup
          ? {
              id: partyGroup.id,
              name: partyGroup.name,
              leader: partyGroup.leader,
              groupNames: [...partyGroup.groups].sort((a, b) => a.number - b.number).map((member) => member.name),
              crossGroup: partyGroup.crossGroup,
              servicePoint: servicePoint
                ? { name: servicePoint.name, address: servicePoint.address, hours: servicePoint.hours, hostName: servicePoint.hostName, hostId: servicePoint.hostId }
                : null,
            }
          : null,
        isGroupLeader: group.data?.leaderId === person._id,
      }
    },
  },

  attention: {
    allow: allowBy(policy.home.attention),
    // Read from the coverage each village stored at its last recompute: one read per village, none per group.
    run: async ({ db, caller, now }) => {
      const items: Attention[] = []
      const villageIds = new Set<string>()
      const townIds = new Set<string>()
      let city = false
      for (const grant of caller.grants) {
        const { scope } = grant
        if (scope.level === 'village' && (grant.role === 'village_secretary' || grant.role === 'village_staff' || grant.role === 'admin')) villageIds.add(scope.id)
        if (scope.level === 'town' && grant.role === 'town_officer') townIds.add(scope.id)
        if (scope.level === 'city' && (grant.role === 'city_officer' || grant.role === 'admin')) city = true
      }
      if (city) {
        const [towns, villages] = await Promise.all([readAll<TownRecord>(db, 'towns', {}), readAll<VillageRecord>(db, 'villages', {})])
        items.push(
          ...cityAttention(
            towns.map((town) => ({ id: town._id, name: town.name })),
            villages.map((village) => coverageOfVillage(village)),
          ),
        )
      }
      for (const townId of [...townIds].sort()) {
        items.push(...townAttention((await readAll<VillageRecord>(db, 'villages', { townId })).map((village) => coverageOfVillage(village))))
      }
      for (const villageId of [...villageIds].sort()) {
        const { data: village } = await db.collection<VillageRecord>('villages').doc(villageId).get()
        if (village) items.push(...villageAttention(coverageOfVillage(village)))
      }
      items.push(...(await councilAttention(db, caller, [...villageIds].sort(), now())))
      const group = caller.groupId && caller.roles.includes('group_leader') ? caller.groupId : null
      items.push(...(await errandAttention(db, group, [...villageIds].sort(), now())))
      items.push(...(await mediationAttention(db, caller, group)))
      return { items: worstFirst(items) }
    },
  },
})
