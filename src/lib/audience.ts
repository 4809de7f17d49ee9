import type { Role } from '../services/contract'

/**
 * Who a page is talking to, for words that must fit the reader: an officer above the village
 * (town, city, police, admin), a village cadre, a villager group's leader, or a villager.
 * The widest role wins: a town officer who also lives in a group is addressed as an officer.
 */
export type Audience = 'officer' | 'village' | 'leader' | 'villager'

const OFFICER: readonly Role[] = ['town_officer', 'city_officer', 'police_liaison', 'admin']
const VILLAGE: readonly Role[] = ['village_secretary', 'village_staff']

export function audienceOf(roles: readonly Role[]): Audience {
  if (roles.some((role) => OFFICER.includes(role))) return 'officer'
  if (roles.some((role) => VILLAGE.includes(role))) return 'village'
  if (roles.includes('group_leader')) return 'leader'
  return 'villager'
}

/** Office roles only (村党组织书记, 镇干部, …), in the order ROLE_LABEL lists them. */
export function officeRolesOf(roles: readonly Role[]): Role[] {
  return roles.filter((role) => OFFICER.includes(role) || VILLAGE.includes(role))
}
