import type { Role } from '../../../types/identity'
import type { Database } from '../db/port'
import type { BindingRecord, GrantRecord, GroupRecord, PersonRecord } from '../records/records'
import type { Caller } from '../runtime/caller'

/** Builds the caller from the roster (villager, Party member, group leader) and their office grants. */
export async function loadCaller(db: Database, personId: string): Promise<Caller | null> {
  const [{ data: person }, { data: grants }] = await Promise.all([
    db.collection<PersonRecord>('people').doc(personId).get(),
    db.collection<GrantRecord>('grants').where({ personId }).limit(100).get(),
  ])
  if (!person) return null
  const roles: Role[] = []
  if (person.groupId) {
    roles.push('villager')
    if (person.partyMembership) roles.push('party_member')
    const { data: group } = await db.collection<GroupRecord>('groups').doc(person.groupId).get()
    if (group?.leaderId === personId) roles.push('group_leader')
  } else if (person.partyMembership) {
    roles.push('party_member')
  }
  for (const grant of grants) if (!roles.includes(grant.role)) roles.push(grant.role)
  return {
    personId,
    name: person.name,
    roles,
    grants: grants.map(({ role, scope }) => ({ role, scope })),
    townId: person.townId,
    villageId: person.villageId,
    groupId: person.groupId,
  }
}

/** In the cloud the caller is whoever the WeChat OPENID was bound to with an invitation code. */
export async function callerFromOpenId(db: Database, openId: string | null | undefined): Promise<Caller | null> {
  if (!openId) return null
  const { data: binding } = await db.collection<BindingRecord>('bindings').doc(openId).get()
  return binding ? loadCaller(db, binding.personId) : null
}
