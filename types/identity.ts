import { z } from 'zod'

/** Roles that follow from the roster itself rather than from a grant. */
export const ROSTER_ROLES = ['villager', 'party_member', 'group_leader'] as const
/** Office roles, each granted for a scope (a village, a town or the whole city). */
export const OFFICE_ROLES = ['village_secretary', 'village_staff', 'town_officer', 'city_officer', 'police_liaison', 'admin'] as const
export const ROLES = [...ROSTER_ROLES, ...OFFICE_ROLES] as const
export type Role = (typeof ROLES)[number]
export type OfficeRole = (typeof OFFICE_ROLES)[number]

export const ROLE_LABEL: Record<Role, string> = {
  villager: '村民',
  party_member: '党员',
  group_leader: '村民小组长',
  village_secretary: '村党组织书记',
  village_staff: '村干部',
  town_officer: '镇干部',
  city_officer: '市级干部',
  police_liaison: '社区民警',
  admin: '管理员',
}

export const scopeSchema = z.discriminatedUnion('level', [
  z.object({ level: z.literal('village'), id: z.string() }),
  z.object({ level: z.literal('town'), id: z.string() }),
  z.object({ level: z.literal('city') }),
])
export type Scope = z.infer<typeof scopeSchema>

export const grantSchema = z.object({ role: z.enum(OFFICE_ROLES), scope: scopeSchema })
export type Grant = z.infer<typeof grantSchema>

export const personaSchema = z.object({
  id: z.string(),
  name: z.string(),
  roles: z.array(z.enum(ROLES)),
  villageId: z.string().nullable(),
  groupId: z.string().nullable(),
  /** What this persona is for, shown on the demo login page. */
  description: z.string().optional(),
})
export type Persona = z.infer<typeof personaSchema>
