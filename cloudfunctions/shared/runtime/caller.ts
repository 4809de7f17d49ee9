import type { Grant, Role } from '../../../types/identity'

/** Who is calling, resolved by the host (token) or the cloud (OPENID) — never from the payload. */
export interface Caller {
  personId: string
  name: string
  roles: Role[]
  grants: Grant[]
  townId: string | null
  villageId: string | null
  groupId: string | null
}

/** Places a grant or a roster position can reach. */
export interface Place {
  townId: string | null
  villageId: string | null
  groupId?: string | null
}

/** Does any of the caller's grants of these roles cover the place? City grants cover everything. */
export function hasGrantOver(caller: Caller, roles: readonly Grant['role'][], place: Place): boolean {
  return caller.grants.some((grant) => {
    if (!roles.includes(grant.role)) return false
    switch (grant.scope.level) {
      case 'city':
        return true
      case 'town':
        return grant.scope.id === place.townId
      case 'village':
        return grant.scope.id === place.villageId
    }
  })
}

export function hasRole(caller: Caller, role: Role): boolean {
  return caller.roles.includes(role)
}
