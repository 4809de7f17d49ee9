import { memberRow } from './member-row'
import { villageDate } from '../shared/domain/clock'
import { namesOf, requireGroup } from '../shared/records/lookups'
import { readAll } from '../shared/records/read-all'
import type { GroupRecord, PersonRecord } from '../shared/records/records'
import { allowOnGroup, allowOnVillage, requireVillage } from '../shared/records/village-access'
import { policy } from '../../types/policy'
import { defineFunction } from '../shared/runtime/define-function'
import { cursorPage } from '../shared/runtime/paging'
import { rosterChangeActions } from './changes'
import { rosterFileActions } from './files'
import { rosterPeopleActions } from './people'

export const rosterFunction = defineFunction('roster', {
  groupMembers: {
    allow: allowOnGroup(policy.roster.groupMembers, (input) => input.groupId),
    run: async ({ db, places, now }, { groupId, cursor, limit }) => {
      const group = await requireGroup(places, groupId)
      const [{ total }, page] = await Promise.all([
        db.collection('people').where({ groupId }).count(),
        cursorPage<PersonRecord>(db, 'people', { groupId }, { orderBy: 'householdNo', direction: 'asc', limit, cursor, listKey: `roster:${groupId}` }),
      ])
      const today = villageDate(now())
      return {
        group: { id: group._id, number: group.number, name: group.name },
        total,
        nextCursor: page.nextCursor,
        items: page.items.map((person) => memberRow(person, group, today)),
      }
    },
  },

  villageGroups: {
    allow: allowOnVillage(policy.roster.villageGroups, (input) => input.villageId),
    run: async ({ db, places }, { villageId }) => {
      const village = await requireVillage(places, villageId)
      const groups = (await readAll<GroupRecord>(db, 'groups', { villageId })).sort((a, b) => a.number - b.number)
      const names = await namesOf(
        db,
        groups.map((group) => group.leaderId),
      )
      return {
        village: { id: village._id, name: village.name },
        groups: groups.map((group) => ({
          id: group._id,
          number: group.number,
          name: group.name,
          leader: group.leaderId && names.has(group.leaderId) ? { id: group.leaderId, name: names.get(group.leaderId)! } : null,
          leaderIsPartyMember: group.leaderIsPartyMember,
          neighbours: group.neighbours,
          counts: group.counts,
        })),
      }
    },
  },

  ...rosterChangeActions,
  ...rosterFileActions,
  ...rosterPeopleActions,
})
