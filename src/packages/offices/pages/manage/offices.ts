import { loadMe } from '../../../../lib/session'
import { officesEntry } from '../../../../lib/entries'
import { call } from '../../../../services/api'
import { OFFICE_LEVEL, OFFICE_RANK, OFFICE_ROLES, policy, type Area, type Me, type OfficeRole, type OutputOf } from '../../../../services/contract'

export type Offices = OutputOf<'identity', 'grants'>

export interface Village {
  id: string
  name: string
  area: Area
}

export type Step = { kind: 'list' } | { kind: 'role'; village: Village } | { kind: 'person'; village: Village; role: OfficeRole }

/** The office holders of the widest scope the caller may see; null when there is none. */
export async function loadOffices(): Promise<{ me: Me; offices: Offices } | null> {
  const me = await loadMe()
  const scopeId = officesEntry(me)
  return scopeId ? { me, offices: await call('identity', 'grants', { scopeId }) } : null
}

/** The village offices the caller may grant there, highest first (the same rule identity.grant asks). */
export function rolesFor(me: Me, area: Area): OfficeRole[] {
  return OFFICE_ROLES.filter((role) => OFFICE_LEVEL[role] === 'village' && policy.identity.grant(me, { role, scope: area })).sort((a, b) => OFFICE_RANK[b] - OFFICE_RANK[a])
}

/** The villages the page can appoint in: the scope itself, or the villages whose office holders it lists. */
export function villagesOf(offices: Offices): Village[] {
  if (offices.scope.level === 'village' && offices.scope.villageId) return [{ id: offices.scope.villageId, name: offices.scope.name, area: offices.scope }]
  const seen = new Map<string, Village>()
  for (const item of offices.items)
    if (item.area.level === 'village' && item.area.villageId) seen.set(item.area.villageId, { id: item.area.villageId, name: item.scopeName, area: item.area })
  return [...seen.values()]
}
