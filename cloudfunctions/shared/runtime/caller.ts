import type { Grant, Role } from '../../../types/identity'
import { grantReaches } from '../../../types/policy'

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

/** Does any of the caller's grants of these roles cover the place? (The policy's own primitive.) */
export function hasGrantOver(caller: Caller, roles: readonly Grant['role'][], place: Place): boolean {
  return grantReaches(caller, roles, place)
}

export function hasRole(caller: Caller, role: Role): boolean {
  return caller.roles.includes(role)
}
