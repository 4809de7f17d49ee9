/**
 * One villager at a time: search a group or a village, look at one person, and ring one (the full
 * number, each reveal written to the ledger). Lists and the person page show masked numbers only.
 *
 * Search narrows by the indexed groupId or villageId and matches in the function (a village holds
 * at most 20,000 villagers; pinyin initials of 20,000 names take ~0.2 s and repeat names are worked
 * out once): a substring match is no query CloudBase or the embedded store answers from an index.
 */
import { memberRow } from './member-row'
import { pinyin } from 'pinyin-pro'
import { NOWHERE, policy, type Place } from '../../types/policy'
import type { Database } from '../shared/db/port'
import { cursorCodec } from '../shared/db/cursor'
import { villageDate } from '../shared/domain/clock'
import { ageOn, maskPhone } from '../shared/domain/personal-data'
import { audit } from '../shared/audit/audit'
import { naturalCompare } from '../shared/domain/roster-import/ordering'
import { requireGroup } from '../shared/records/lookups'
import type { Places } from '../shared/records/places'
import { readAll } from '../shared/records/read-all'
import type { GroupRecord, HouseholdRecord, PartyGroupRecord, PersonRecord, ServicePointRecord } from '../shared/records/records'
import { placeOfGroup, placeOfPerson, placeOfVillage, requireVillage } from '../shared/records/village-access'
import { AppError, notFound } from '../shared/runtime/app-error'
import type { Caller } from '../shared/runtime/caller'
import type { ActionTable } from '../shared/runtime/define-function'
import { asCallerError } from '../shared/runtime/paging'

/** 姓名拼音首字母, lower case: 黄伟强 → hwq. */
export function nameInitials(name: string): string {
  return pinyin(name, { pattern: 'first', toneType: 'none', type: 'array' }).join('').toLowerCase()
}

/** Does a person match the query: part of the name, the start of the 户号, or the start of the name's initials? */
export function rosterMatcher(query: string): (person: { name: string; householdNo: string | null }) => boolean {
  const q = query.trim()
  const letters = /^[a-z]+$/i.test(q) ? q.toLowerCase() : null
  const initials = new Map<string, string>()
  const initialsOf = (name: string) => {
    if (!initials.has(name)) initials.set(name, nameInitials(name))
    return initials.get(name)!
  }
  return (person) => person.name.includes(q) || Boolean(person.householdNo?.startsWith(q)) || (letters !== null && initialsOf(person.name).startsWith(letters))
}

const contactPlaces = new WeakMap<Places, Map<string, Promise<Place>>>()

/**
 * A person's place with who they are to others: their group's leader, and the groups whose Party
 * group's service point they run (its 负责人, the Party group's leader, or the household hosting it).
 * Read once per call (allow and run share it).
 */
export function contactPlaceOf(db: Database, places: Places, personId: string): Promise<Place> {
  let memo = contactPlaces.get(places)
  if (!memo) contactPlaces.set(places, (memo = new Map()))
  if (!memo.has(personId)) memo.set(personId, loadContactPlace(db, places, personId))
  return memo.get(personId)!
}

async function loadContactPlace(db: Database, places: Places, personId: string): Promise<Place> {
  const person = await places.person(personId)
  if (!person) return NOWHERE
  const [group, servesGroupIds] = await Promise.all([person.groupId ? places.group(person.groupId) : null, servedGroupIds(db, person)])
  return { ...placeOfPerson(person), leaderId: group?.leaderId ?? null, personId: person._id, servesGroupIds }
}

async function servedGroupIds(db: Database, person: PersonRecord): Promise<string[]> {
  if (!person.villageId) return []
  const [{ data: partyGroups }, { data: points }] = await Promise.all([
    db.collection<PartyGroupRecord>('partyGroups').where({ villageId: person.villageId }).limit(1000).get(),
    db.collection<ServicePointRecord>('servicePoints').where({ villageId: person.villageId, hostPersonId: person._id }).limit(100).get(),
  ])
  const hosted = new Set(points.map((point) => point.partyGroupId))
  return partyGroups.filter((partyGroup) => partyGroup.leaderId === person._id || hosted.has(partyGroup._id)).flatMap((partyGroup) => partyGroup.groupIds)
}

async function requirePerson(places: Places, personId: string): Promise<PersonRecord> {
  const person = await places.person(personId)
  if (!person) throw notFound('这个村民')
  return person
}

export const NO_PHONE = '没有登记电话'

async function mayCall(db: Database, places: Places, caller: Caller, personId: string): Promise<boolean> {
  return policy.roster.callNumber(caller, await contactPlaceOf(db, places, personId))
}

export const rosterPeopleActions: Pick<ActionTable<'roster'>, 'search' | 'person' | 'callNumber'> = {
  search: {
    allow: async (caller, { groupId, villageId }, { places }) =>
      policy.roster.search(caller, groupId !== undefined ? placeOfGroup(await places.group(groupId)) : placeOfVillage(await places.village(villageId!))),
    run: async ({ db, places, now }, { groupId, villageId, q, cursor, limit }) => {
      const groups = new Map<string, GroupRecord>()
      let listKey: string
      let people: PersonRecord[]
      if (groupId !== undefined) {
        const group = await requireGroup(places, groupId)
        groups.set(group._id, group)
        listKey = `search:g:${groupId}:${q}`
        people = await readAll<PersonRecord>(db, 'people', { groupId })
      } else {
        await requireVillage(places, villageId!)
        listKey = `search:v:${villageId}:${q}`
        const [stored, ofVillage] = await Promise.all([readAll<GroupRecord>(db, 'groups', { villageId }), readAll<PersonRecord>(db, 'people', { villageId })])
        for (const group of stored) groups.set(group._id, group)
        people = ofVillage
      }
      const codec = cursorCodec(listKey, 'householdNo', 'asc')
      const after = cursor ? await asCallerError(() => codec.decode(cursor)) : null
      const matches = rosterMatcher(q)
      const position = (person: PersonRecord) => person.householdNo ?? ''
      const order = (a: { value: string; id: string }, b: { value: string; id: string }) => naturalCompare(a.value, b.value) || naturalCompare(a.id, b.id)
      const hits = people
        .filter((person) => person.groupId !== null && groups.has(person.groupId) && matches(person))
        .sort((a, b) => order({ value: position(a), id: a._id }, { value: position(b), id: b._id }))
        .filter((person) => !after || order({ value: position(person), id: person._id }, { value: String(after.value), id: after.id }) > 0)
      const page = hits.slice(0, limit)
      const today = villageDate(now())
      return {
        nextCursor: hits.length > limit ? codec.encode(position(page[page.length - 1]), page[page.length - 1]._id) : null,
        items: page.map((person) => {
          const group = groups.get(person.groupId!)!
          return { ...memberRow(person, group, today), groupId: group._id, groupName: group.name }
        }),
      }
    },
  },

  person: {
    allow: async (caller, { personId }, { db, places }) => policy.roster.person(caller, await contactPlaceOf(db, places, personId)),
    run: async ({ db, places, caller, now }, { personId }) => {
      const person = await requirePerson(places, personId)
      const [group, village, household, canCall] = await Promise.all([
        person.groupId ? places.group(person.groupId) : null,
        person.villageId ? places.village(person.villageId) : null,
        person.householdId ? db.collection<HouseholdRecord>('households').doc(person.householdId).get() : { data: null },
        mayCall(db, places, caller, personId),
      ])
      return {
        id: person._id,
        name: person.name,
        gender: person.gender,
        age: ageOn(person.birthDate, villageDate(now())),
        phone: maskPhone(person.phone),
        partyMembership: person.partyMembership,
        household: household.data
          ? { id: household.data._id, householdNo: household.data.householdNo, address: household.data.address }
          : person.householdNo
            ? { id: person.householdId ?? '', householdNo: person.householdNo, address: '' }
            : null,
        group: group ? { id: group._id, number: group.number, name: group.name } : null,
        village: village ? { id: village._id, name: village.name } : null,
        isLeader: Boolean(group && group.leaderId === person._id),
        canCall: canCall && Boolean(person.phone),
      }
    },
  },

  callNumber: {
    allow: async (caller, { personId }, { db, places }) => mayCall(db, places, caller, personId),
    run: async ({ db, places, caller, now }, { personId }) => {
      const person = await requirePerson(places, personId)
      if (!person.phone) throw new AppError('CONFLICT', `${person.name}${NO_PHONE}`)
      const at = now()
      await db.runTransaction(async (tx) => {
        await audit(tx, caller, {
          at,
          scope: { townId: person.townId, villageId: person.villageId, groupId: person.groupId },
          subject: { kind: 'person', id: person._id },
          action: 'roster.callNumber',
          summary: `查看了 ${person.name} 的完整电话`,
          // Who was called and by whom is the record; the number itself never enters the ledger.
          before: null,
          after: { personId: person._id },
        })
      })
      return { phone: person.phone }
    },
  },
}
