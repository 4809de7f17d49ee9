import { defineFunction } from '../shared/runtime/define-function'
import { notFound } from '../shared/runtime/app-error'
import { namesOf, partyGroupOf } from '../shared/records/lookups'
import type { GroupRecord, PersonRecord, ServicePointRecord, TownRecord, VillageRecord } from '../shared/records/records'
import { chooseServicePoint } from '../shared/domain/service-points'

export const homeFunction = defineFunction('home', {
  overview: {
    allow: () => true,
    run: async ({ db, caller }) => {
      const { data: person } = await db.collection<PersonRecord>('people').doc(caller.personId).get()
      if (!person) throw notFound('您的信息')
      const [village, group] = await Promise.all([
        person.villageId ? db.collection<VillageRecord>('villages').doc(person.villageId).get() : { data: null },
        person.groupId ? db.collection<GroupRecord>('groups').doc(person.groupId).get() : { data: null },
      ])
      const town = village.data ? (await db.collection<TownRecord>('towns').doc(village.data.townId).get()).data : null
      const partyGroup = group.data ? await partyGroupOf(db, group.data) : null
      const [memberGroups, servicePoints] = partyGroup
        ? await Promise.all([
            db.collection<GroupRecord>('groups').where({ _id: db.command.in(partyGroup.groupIds) }).limit(100).get(),
            db.collection<ServicePointRecord>('servicePoints').where({ partyGroupId: partyGroup._id }).limit(100).get(),
          ])
        : [{ data: [] }, { data: [] }]
      const servicePoint = group.data ? chooseServicePoint(servicePoints.data, group.data._id, memberGroups.data) : null
      const names = await namesOf(db, [group.data?.leaderId ?? null, partyGroup?.leaderId ?? null, servicePoint?.hostPersonId ?? null])
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
              id: partyGroup._id,
              name: partyGroup.name,
              leader: personRef(partyGroup.leaderId),
              groupNames: [...memberGroups.data].sort((a, b) => a.number - b.number).map((g) => g.name),
              crossGroup: partyGroup.crossGroup,
              servicePoint: servicePoint
                ? {
                    name: servicePoint.name,
                    address: servicePoint.address,
                    hours: servicePoint.hours,
                    hostName: names.get(servicePoint.hostPersonId) ?? '',
                  }
                : null,
            }
          : null,
        isGroupLeader: group.data?.leaderId === person._id,
      }
    },
  },
})
