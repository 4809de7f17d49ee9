/**
 * `allow` for actions on a village, a group or a person: load the place the input names (once per
 * call, see places.ts) and ask the action's rule in types/policy.ts. An id that does not exist is
 * NOWHERE, which only a city-wide grant reaches: a village or town officer is refused whether it
 * exists or not (nothing leaks about other villages); a city-wide officer is let through and `run`
 * answers NOT_FOUND in its own words.
 */
import type { OfficeRole, Scope } from '../../../types/identity'
import { CITY, NOWHERE, type Actor, type Area, type Office, type Place, type Rule } from '../../../types/policy'
import { notFound } from '../runtime/app-error'
import type { Places } from './places'
import type { GrantRecord, GroupRecord, PersonRecord, VillageRecord } from './records'

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

/** What the input's scopeId names: `city`, a village or a town. */
export const CITY_SCOPE_ID = 'city'

/** An area nothing is known about: only a city-wide grant reaches it (403 for others, 404 from run for the city). */
const UNKNOWN_AREA: Area = { level: 'village', townId: null, villageId: null }

export interface NamedScope {
  area: Area
  scope: Scope
  name: string
}

/** The scope a scopeId names, with its name; null when no village or town has that id. */
export async function scopeOf(places: Places, scopeId: string): Promise<NamedScope | null> {
  if (scopeId === CITY_SCOPE_ID) return { area: CITY, scope: { level: 'city' }, name: '全市' }
  const village = await places.village(scopeId)
  if (village) return { area: { level: 'village', townId: village.townId, villageId: village._id }, scope: { level: 'village', id: village._id }, name: village.name }
  const town = await places.town(scopeId)
  if (town) return { area: { level: 'town', townId: town._id, villageId: null }, scope: { level: 'town', id: town._id }, name: town.name }
  return null
}

/** The area a stored grant's scope covers (a village grant's town read from the village). */
export async function areaOfGrant(places: Places, grant: GrantRecord): Promise<Area> {
  switch (grant.scope.level) {
    case 'city':
      return CITY
    case 'town':
      return { level: 'town', townId: grant.scope.id, villageId: null }
    case 'village': {
      const village = await places.village(grant.scope.id)
      return { level: 'village', townId: village?.townId ?? null, villageId: grant.scope.id }
    }
  }
}

export function allowOnScope<I>(rule: Rule<'scope'>, scopeIdOf: (input: I) => string): Allow<I> {
  return async (caller, input, { places }) => rule(caller, (await scopeOf(places, scopeIdOf(input)))?.area ?? UNKNOWN_AREA)
}

export function allowOnOffice<I>(rule: Rule<'office'>, officeOf: (input: I) => { role: OfficeRole; scopeId: string }): Allow<I> {
  return async (caller, input, { places }) => {
    const { role, scopeId } = officeOf(input)
    return rule(caller, { role, scope: (await scopeOf(places, scopeId))?.area ?? UNKNOWN_AREA })
  }
}

/** An unknown grant is the lowest office nowhere: only a city-wide appointer reaches it, and hears 404 from run. */
export function allowOnGrant<I>(rule: Rule<'grant'>, grantIdOf: (input: I) => string): Allow<I> {
  return async (caller, input, { places }) => {
    const grant = await places.grant(grantIdOf(input))
    const office: Office = grant ? { role: grant.role, scope: await areaOfGrant(places, grant) } : { role: 'village_staff', scope: UNKNOWN_AREA }
    return rule(caller, office)
  }
}
