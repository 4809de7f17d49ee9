import type { Database } from '../db/port'
import { notFound } from '../runtime/app-error'
import type { Places } from './places'
import type { GroupRecord, PartyGroupRecord, PersonRecord } from './records'

export async function requireGroup(places: Places, groupId: string): Promise<GroupRecord> {
  const group = await places.group(groupId)
  if (!group) throw notFound('这个村民小组')
  return group
}

/** Names of several people in one query (at most 1,000, CloudBase's page). */
export async function namesOf(db: Database, ids: Array<string | null>): Promise<Map<string, string>> {
  const wanted = [...new Set(ids.filter((id): id is string => Boolean(id)))]
  if (wanted.length === 0) return new Map()
  const { data } = await db
    .collection<PersonRecord>('people')
    .where({ _id: db.command.in(wanted) })
    .limit(Math.min(1000, wanted.length))
    .get()
  return new Map(data.map((person) => [person._id, person.name]))
}

export async function partyGroupOf(db: Database, group: GroupRecord): Promise<PartyGroupRecord | null> {
  const { data } = await db.collection<PartyGroupRecord>('partyGroups').where({ villageId: group.villageId, groupIds: group._id }).limit(1).get()
  return data[0] ?? null
}
