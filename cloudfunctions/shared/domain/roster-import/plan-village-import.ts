/**
 * Plans a full sync of one village's roster to a parsed file: the file is the whole truth for the
 * village's households and their villagers. Villagers are matched by household number + name and keep
 * their ids (bindings, grants and errands point at them); the rest are added or removed. People
 * without a household (office holders recorded elsewhere) are outside the file and left alone.
 *
 * A villager new to the roster gets a fresh id from `newPersonId` (random in the functions), never
 * one derived from their household position: tokens, bindings, invitation codes and grants name a
 * person by id, and a removed person's id must never come to mean somebody else.
 */
import type { GroupDoc, HouseholdDoc, PersonDoc } from '../roster'
import { GROUP_ID_WIDTH, groupIdPrefix, HOUSEHOLD_ID_WIDTH, householdIdPrefix, IdAllocator, pad } from './ids'
import { byNumber, naturalCompare, sameDocument } from './ordering'
import { personKey } from './parse-roster-table'
import type { ExistingRoster, ImportPlan, ParsedRoster, VillageRef } from './types'

export function planVillageImport(village: VillageRef, parsed: ParsedRoster, existing: ExistingRoster, newPersonId: () => string = randomPersonId): ImportPlan {
  const old = oldRosterOf(village.id, existing)
  const ids = new IdAllocator([...existing.groups, ...existing.households, ...existing.people].map((doc) => doc._id))

  const groupIdOf = new Map<number, string>()
  for (const group of parsed.groups) {
    const stored = old.groupByNumber.get(group.number)
    const preferred = `${groupIdPrefix(village.id)}${pad(group.number, GROUP_ID_WIDTH)}`
    groupIdOf.set(group.number, stored?._id ?? ids.take(groupIdPrefix(village.id), GROUP_ID_WIDTH, preferred))
  }
  const groupId = (number: number): string => groupIdOf.get(number) ?? ''

  const households = parsed.households.map((household): HouseholdDoc => {
    const stored = old.householdByNo.get(household.householdNo)
    return {
      ...stored,
      _id: stored?._id ?? ids.take(householdIdPrefix(groupId(household.groupNumber)), HOUSEHOLD_ID_WIDTH),
      groupId: groupId(household.groupNumber),
      villageId: village.id,
      townId: village.townId,
      householdNo: household.householdNo,
      // The template has no address column: keep the stored one, give new households the group's.
      address: stored?.address ?? `${village.name}${household.groupNumber}组`,
    }
  })
  const householdIdOf = new Map(households.map((household) => [household.householdNo, household._id]))

  const personIdOf = new Map<string, string>()
  const people = parsed.people.map((person): PersonDoc => {
    const stored = old.personByKey.get(person.key)
    const householdId = householdIdOf.get(person.householdNo) ?? ''
    const id = stored?._id ?? freshPersonId(ids, newPersonId)
    personIdOf.set(person.key, id)
    return {
      ...stored,
      _id: id,
      name: person.name,
      gender: person.gender,
      birthDate: person.birthDate,
      householdId,
      householdNo: person.householdNo,
      groupId: groupId(person.groupNumber),
      villageId: village.id,
      townId: village.townId,
      phone: person.phone,
      idNumber: stored?.idNumber ?? null,
      partyMembership: person.partyMembership,
    }
  })
  const removedPeople = old.villagers.filter(notIn(people))

  const fileGroups = parsed.groups.map((group): GroupShape => ({
    id: groupId(group.number),
    number: group.number,
    name: group.name,
    leaderId: group.leaderKey === null ? null : (personIdOf.get(group.leaderKey) ?? null),
    neighbourIds: group.neighbourNumbers.map(groupId),
  }))
  const remaining = [...people, ...old.outsiders]
  const groups = countedGroups(village, [...fileGroups, ...groupsLeftOver(fileGroups, old, remaining)], old, remaining, households)

  const changed = {
    groups: changedIds(groups, old.groupById),
    households: changedIds(households, old.householdById),
    people: changedIds(people, old.personById),
  }
  const added = people.filter((person) => !old.personById.has(person._id)).length
  return {
    groups,
    households: sortById(households),
    people: sortById(people),
    remove: {
      groups: idsOf(old.groups.filter(notIn(groups))),
      households: idsOf(old.households.filter(notIn(households))),
      people: idsOf(removedPeople),
    },
    changed,
    summary: {
      added,
      updated: changed.people.length - added,
      removed: removedPeople.length,
      unchanged: people.length - changed.people.length,
      groups: groups.length,
      households: households.length,
    },
  }
}

/** A fresh random person id (Web Crypto, in every Node the functions run on); tests pass their own generator. */
export function randomPersonId(): string {
  return `p-${globalThis.crypto.randomUUID()}`
}

/** A new id from the generator, checked against every id ever seen in this plan (a clash is retried, never reused). */
function freshPersonId(ids: IdAllocator, newPersonId: () => string): string {
  for (let attempt = 0; attempt < 100; attempt += 1) {
    const id = newPersonId()
    if (ids.reserveIfFree(id)) return id
  }
  throw new Error('newPersonId keeps returning ids already in use')
}

interface OldRoster {
  groups: GroupDoc[]
  households: HouseholdDoc[]
  /** People of the village who belong to a household: the ones the file speaks for. */
  villagers: PersonDoc[]
  /** People of the village without a household: untouched by the import. */
  outsiders: PersonDoc[]
  groupByNumber: Map<number, GroupDoc>
  groupById: Map<string, GroupDoc>
  householdByNo: Map<string, HouseholdDoc>
  householdById: Map<string, HouseholdDoc>
  personByKey: Map<string, PersonDoc>
  personById: Map<string, PersonDoc>
}

/** A stored villager's key; the household's number stands in when the person lacks a copy of it. */
function keyOf(person: PersonDoc, old: Pick<OldRoster, 'householdById'>): string {
  return personKey(person.householdNo ?? old.householdById.get(person.householdId ?? '')?.householdNo ?? '', person.name)
}

/** Stored records of this village only, indexed; on duplicates the lowest id wins, deterministically. */
function oldRosterOf(villageId: string, existing: ExistingRoster): OldRoster {
  const groups = sortById(existing.groups.filter((group) => group.villageId === villageId))
  const households = sortById(existing.households.filter((household) => household.villageId === villageId))
  const people = sortById(existing.people.filter((person) => person.villageId === villageId))
  const householdById = new Map(households.map((household) => [household._id, household]))
  const villagers = people.filter((person) => person.householdId !== null)
  return {
    groups,
    households,
    villagers,
    outsiders: people.filter((person) => person.householdId === null),
    groupByNumber: firstBy(groups, (group) => group.number),
    groupById: new Map(groups.map((group) => [group._id, group])),
    householdByNo: firstBy(households, (household) => household.householdNo),
    householdById,
    personByKey: firstBy(villagers, (person) => keyOf(person, { householdById })),
    personById: new Map(people.map((person) => [person._id, person])),
  }
}

/** What a planned group is made of before counts are taken. */
interface GroupShape {
  id: string
  number: number
  name: string
  leaderId: string | null
  /** May be one-sided or name groups that are gone: countedGroups cleans them up. */
  neighbourIds: readonly string[]
}

/**
 * Stored groups missing from the file are removed, unless people the file does not speak for
 * (no household) still belong to them; those stay, with a leader only if the leader stays too.
 */
function groupsLeftOver(fileGroups: readonly GroupShape[], old: OldRoster, remaining: readonly PersonDoc[]): GroupShape[] {
  const inFile = new Set(fileGroups.map((group) => group.id))
  const occupied = new Set(old.outsiders.map((person) => person.groupId))
  const stays = new Set(remaining.map((person) => person._id))
  return old.groups
    .filter((group) => !inFile.has(group._id) && occupied.has(group._id))
    .map((group) => ({
      id: group._id,
      number: group.number,
      name: group.name,
      leaderId: group.leaderId !== null && stays.has(group.leaderId) ? group.leaderId : null,
      neighbourIds: group.neighbours,
    }))
}

/** Complete group documents: counts and the leader's membership from the planned roster, neighbours made symmetric. */
function countedGroups(village: VillageRef, shapes: readonly GroupShape[], old: OldRoster, remaining: readonly PersonDoc[], households: readonly HouseholdDoc[]): GroupDoc[] {
  const numberOf = new Map(shapes.map((shape) => [shape.id, shape.number]))
  const neighbours = new Map(shapes.map((shape) => [shape.id, new Set<string>()]))
  for (const shape of shapes) {
    for (const other of shape.neighbourIds) {
      if (other === shape.id || !numberOf.has(other)) continue
      neighbours.get(shape.id)?.add(other)
      neighbours.get(other)?.add(shape.id)
    }
  }
  const partyMember = new Map(remaining.map((person) => [person._id, person.partyMembership !== null]))
  return shapes
    .map((shape): GroupDoc => {
      const members = remaining.filter((person) => person.groupId === shape.id)
      return {
        ...old.groupById.get(shape.id),
        _id: shape.id,
        villageId: village.id,
        townId: village.townId,
        number: shape.number,
        name: shape.name,
        leaderId: shape.leaderId,
        neighbours: [...(neighbours.get(shape.id) ?? [])].sort((a, b) => byNumber(numberOf.get(a) ?? 0, numberOf.get(b) ?? 0)),
        counts: {
          villagers: members.length,
          households: households.filter((household) => household.groupId === shape.id).length,
          partyMembers: members.filter((person) => person.partyMembership !== null).length,
        },
        leaderIsPartyMember: shape.leaderId !== null && partyMember.get(shape.leaderId) === true,
      }
    })
    .sort((a, b) => byNumber(a.number, b.number))
}

/** A filter for stored documents that have no planned counterpart. */
function notIn(planned: ReadonlyArray<{ _id: string }>): (doc: { _id: string }) => boolean {
  const kept = new Set(planned.map((doc) => doc._id))
  return (doc) => !kept.has(doc._id)
}

function firstBy<K, T>(docs: readonly T[], keyOf: (doc: T) => K): Map<K, T> {
  const map = new Map<K, T>()
  for (const doc of docs) if (!map.has(keyOf(doc))) map.set(keyOf(doc), doc)
  return map
}

function sortById<T extends { _id: string }>(docs: readonly T[]): T[] {
  return [...docs].sort((a, b) => naturalCompare(a._id, b._id))
}

function idsOf(docs: ReadonlyArray<{ _id: string }>): string[] {
  return sortById(docs).map((doc) => doc._id)
}

/** Ids of planned documents that are new or differ from the stored ones, sorted. */
function changedIds<T extends { _id: string }>(docs: readonly T[], storedById: ReadonlyMap<string, unknown>): string[] {
  return idsOf(docs.filter((doc) => !sameDocument(storedById.get(doc._id), doc)))
}
