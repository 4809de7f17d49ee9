import { CITY, coverageAreas, officeScopes, policy, villageInCharge, type Area, type Me } from '../services/contract'

/**
 * The entries 我的 and 首页 offer. Each asks the rule of the action it opens (types/policy.ts),
 * so an entry is shown exactly when the function would answer it.
 */

/** Where the village is not known to the app, a village grant decides by the village alone. */
const placeOf = (villageId: string) => ({ villageId, townId: null })

/** 党小组管理 (and 我负责的村): the village the caller is appointed to, when its report is theirs to open. */
export function partyVillageEntry(me: Me): string | null {
  const villageId = villageInCharge(me)
  return villageId && policy.partyGroups.village(me, placeOf(villageId)) ? villageId : null
}

/** 给村民发邀请码: the village whose villagers the caller may issue codes for. */
export function inviteEntry(me: Me): string | null {
  const villageId = villageInCharge(me)
  return villageId && policy.identity.issueInvitation(me, placeOf(villageId)) ? villageId : null
}

/** 党小组覆盖情况: shown when some area is the caller's to see. */
export function coverageEntry(me: Me): boolean {
  return coverageAreas(me).length > 0
}

/** 全市党小组覆盖情况 on 首页. */
export function cityCoverageEntry(me: Me): boolean {
  return coverageAreas(me).some((area) => area.level === 'city')
}

/** 本镇党小组覆盖情况 on 首页: the first town the caller may see. */
export function townCoverageEntry(me: Me): string | null {
  return coverageAreas(me).find((area) => area.level === 'town')?.townId ?? null
}

/**
 * 职务管理: the widest scope whose office holders the caller may see (identity.grants' rule), as
 * the scopeId the action takes (`city`, a town id or a village id); null when there is none.
 */
export function officesEntry(me: Me): string | null {
  const area = officeScopes(me)[0]
  if (!area) return null
  return area.level === 'city' ? 'city' : area.level === 'town' ? area.townId : area.villageId
}

/** 办事情况 (errands figures and list): the widest scope the caller may see, as the scopeId `errands.figures` takes. */
export function errandsScopeEntry(me: Me): { scopeId: string; level: Area['level'] } | null {
  const areas: Area[] = [CITY]
  for (const { scope } of me.grants) {
    if (scope.level === 'town') areas.push({ level: 'town', townId: scope.id, villageId: null })
    if (scope.level === 'village') areas.push({ level: 'village', townId: null, villageId: scope.id })
  }
  const area = areas.find((candidate) => policy.errands.figures(me, candidate))
  if (!area) return null
  const scopeId = area.level === 'city' ? 'city' : area.level === 'town' ? area.townId! : area.villageId!
  return { scopeId, level: area.level }
}
