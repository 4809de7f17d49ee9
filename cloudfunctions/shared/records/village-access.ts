/**
 * `allow` for actions on a village, a group or a person: load the place the input names (once per
 * call, see places.ts) and ask the action's rule in types/policy.ts. An id that does not exist is
 * NOWHERE, which only a city-wide grant reaches: a village or town officer is refused whether it
 * exists or not (nothing leaks about other villages); a city-wide officer is let through and `run`
 * answers NOT_FOUND in its own words.
 */
import { NOWHERE, type Actor, type Area, type Place, type Rule } from '../../../types/policy'
import { notFound } from '../runtime/app-error'
import type { Places } from './places'
import type { GroupRecord, PersonRecord, VillageRecord } from './records'

export function placeOfVillage(village: VillageRecord | null): Place {
  return village ? { townId: village.townId, villageId: village._id } : NOWHERE
}

export function placeOfGroup(group: GroupRecord | null): Place {
  return group ? { townId: group.townId, villageId: group.villageId, groupId: group._id, leaderId: group.leaderId } : NOWHERE
}

export function placeOfPerson(person: PersonRecord | null): Place {
  return person ? { townId: person.townId, villageId: person.villageId, groupId: person.groupId } : NOWHERE
}

/** The coverage area the input names; a town needs no read (its id is the whole of its place). */
export async function areaOf(places: Places, level: Area['level'], id: string): Promise<Area> {
  if (level === 'city') return { level, townId: null, villageId: null }
  if (level === 'town') return { level, townId: id, villageId: null }
  return { level, ...placeOfVillage(await places.village(id)) }
}

export async function requireVillage(places: Places, villageId: string): Promise<VillageRecord> {
  const village = await places.village(villageId)
  if (!village) throw notFound('这个村')
  return village
}

type Allow<I> = (caller: Actor, input: I, context: { places: Places }) => Promise<boolean> | boolean

/** Anyone the rule lets in, whatever the input (nothing to load). */
export function allowBy<I>(rule: Rule<'nothing'>): Allow<I> {
  return (caller) => rule(caller, undefined)
}

export function allowOnVillage<I>(rule: Rule<'village'>, villageIdOf: (input: I) => string): Allow<I> {
  return async (caller, input, { places }) => rule(caller, placeOfVillage(await places.village(villageIdOf(input))))
}

export function allowOnGroup<I>(rule: Rule<'group'>, groupIdOf: (input: I) => string): Allow<I> {
  return async (caller, input, { places }) => rule(caller, placeOfGroup(await places.group(groupIdOf(input))))
}

export function allowOnPerson<I>(rule: Rule<'person'>, personIdOf: (input: I) => string): Allow<I> {
  return async (caller, input, { places }) => rule(caller, placeOfPerson(await places.person(personIdOf(input))))
}
