import { ageOn, maskPhone } from '../shared/domain/personal-data'
import { villageDate } from '../shared/domain/clock'
import { hasGrantOver } from '../shared/runtime/caller'
import { defineFunction } from '../shared/runtime/define-function'
import { requireGroup } from '../shared/records/lookups'
import type { PersonRecord } from '../shared/records/records'

const ROSTER_READERS = ['village_secretary', 'village_staff', 'town_officer', 'city_officer', 'admin'] as const

export const rosterFunction = defineFunction('roster', {
  groupMembers: {
    // The group's own leader, and office holders whose scope covers the group's village.
    allow: async (caller, { groupId }, { db }) => {
      const { data: group } = await db.collection('groups').doc(groupId).get()
      if (!group) return true // NOT_FOUND from run
      if (group.leaderId === caller.personId) return true
      return hasGrantOver(caller, ROSTER_READERS, { townId: group.townId as string, villageId: group.villageId as string })
    },
    run: async ({ db, now }, { groupId, page, pageSize }) => {
      const group = await requireGroup(db, groupId)
      const people = db.collection<PersonRecord>('people').where({ groupId })
      const [{ total }, { data }] = await Promise.all([
        people.count(),
        people
          .orderBy('householdNo', 'asc')
          .orderBy('birthDate', 'asc')
          .skip((page - 1) * pageSize)
          .limit(pageSize)
          .get(),
      ])
      const today = villageDate(now())
      return {
        group: { id: group._id, number: group.number, name: group.name },
        total,
        page,
        pageSize,
        items: data.map((person) => ({
          id: person._id,
          name: person.name,
          householdNo: person.householdNo ?? '',
          gender: person.gender,
          age: ageOn(person.birthDate, today),
          partyMember: Boolean(person.partyMembership),
          isLeader: group.leaderId === person._id,
          phone: maskPhone(person.phone),
        })),
      }
    },
  },
})
