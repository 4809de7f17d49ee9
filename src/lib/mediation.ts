import { CITY, policy, villageInCharge, type Area, type Me } from '../services/contract'

/** The lists of cases a person may read: their own as a party, and each level they mediate at. */
export type MediationScope = 'mine' | 'group' | 'village' | 'town'

export const SCOPE_WORDS: Record<MediationScope, string> = { mine: '我的调解', group: '组里', village: '村里', town: '镇里' }

/** The levels the person mediates at (the function answers each list with their own cases only). */
export function handlerScopes(me: Me): Exclude<MediationScope, 'mine'>[] {
  const scopes: Exclude<MediationScope, 'mine'>[] = []
  if (me.roles.includes('group_leader') && me.groupId) scopes.push('group')
  if (villageInCharge(me)) scopes.push('village')
  if (me.grants.some((grant) => (grant.role === 'town_officer' || grant.role === 'police_liaison') && grant.scope.level === 'town')) scopes.push('town')
  return scopes
}

/** 开调解 / 我要调解: someone in a villager group, or a village cadre (for a group of their village). */
export const mayOpenCase = (me: Me) => Boolean(me.groupId) || villageInCharge(me) !== null

/** 调解统计 (dashboard): the village or town the person may see counts of, as the scopeId `mediation.dashboard` takes. */
export function mediationDashboardEntry(me: Me): { scopeId: string; level: Area['level'] } | null {
  const areas: Area[] = []
  for (const { scope } of me.grants) {
    if (scope.level === 'town') areas.push({ level: 'town', townId: scope.id, villageId: null })
    if (scope.level === 'village') areas.push({ level: 'village', townId: null, villageId: scope.id })
  }
  areas.push(CITY)
  const area = areas.find((candidate) => policy.mediation.dashboard(me, candidate))
  if (!area) return null
  const scopeId = area.level === 'city' ? 'city' : area.level === 'town' ? area.townId! : area.villageId!
  return { scopeId, level: area.level }
}
