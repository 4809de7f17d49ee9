import { policy } from '../../types/policy'
import { allowBy } from '../shared/records/village-access'
import { defineFunction } from '../shared/runtime/define-function'
import { notFound } from '../shared/runtime/app-error'
import { partyGroupFor } from '../shared/party-groups/village-report'
import type { GroupRecord, PersonRecord, TownRecord, VillageRecord } from '../shared/records/records'

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
              servicePoint: servicePoint ? { name: servicePoint.name, address: servicePoint.address, hours: servicePoint.hours, hostName: servicePoint.hostName } : null,
            }
          : null,
        isGroupLeader: group.data?.leaderId === person._id,
      }
    },
  },
})
