import { z } from 'zod'
import { action, emptyInputSchema, idSchema } from '../common'
import { grantSchema, OFFICE_ROLES, ROLES } from '../identity'

export const meSchema = z.object({
  personId: z.string(),
  name: z.string(),
  roles: z.array(z.enum(ROLES)),
  grants: z.array(grantSchema),
  villageId: z.string().nullable(),
  groupId: z.string().nullable(),
  townId: z.string().nullable(),
})
export type Me = z.infer<typeof meSchema>

export const invitationCodeSchema = z
  .string()
  .trim()
  .regex(/^[0-9]{8}$/, '邀请码是 8 位数字')

/** Where an office list or grant lands: the level and the ids the rules compare (types/policy.ts Area). */
export const officeAreaSchema = z.object({
  level: z.enum(['village', 'town', 'city']),
  townId: z.string().nullable(),
  villageId: z.string().nullable(),
})

/** `city`, a town id or a village id. */
export const scopeIdSchema = idSchema

export const officeHolderSchema = z.object({
  /** The grant's id (identity.revoke takes it). */
  id: z.string(),
  personId: z.string(),
  personName: z.string(),
  role: z.enum(OFFICE_ROLES),
  area: officeAreaSchema,
  /** 合兴村, 四甲镇 or 全市. */
  scopeName: z.string(),
})
export type OfficeHolder = z.infer<typeof officeHolderSchema>

export const identityContract = {
  me: action({ who: '任何已登录的人', input: emptyInputSchema, output: meSchema }),
  issueInvitation: action({
    who: '本村的村干部、村书记，或管理员',
    input: z.strictObject({ personId: idSchema }),
    output: z.object({ code: invitationCodeSchema, personId: z.string(), expiresAt: z.string() }),
  }),
  bindInvitation: action({
    who: '还没有绑定身份的微信用户（凭村里发的邀请码）',
    input: z.strictObject({ code: invitationCodeSchema }),
    output: z.object({ personId: z.string(), name: z.string() }),
  }),
  grants: action({
    who: '村书记（本村）、镇干部（本镇）、市级干部、管理员：看本范围和下级的职务',
    input: z.strictObject({ scopeId: scopeIdSchema }),
    output: z.object({ scope: officeAreaSchema.extend({ name: z.string() }), items: z.array(officeHolderSchema) }),
  }),
  grant: action({
    who: '比这个职务高一级以上、管着这个范围的人（村书记任命村干部，镇干部任命村书记，依此类推）',
    input: z.strictObject({ personId: idSchema, role: z.enum(OFFICE_ROLES, { error: '请选一个职务' }), scopeId: scopeIdSchema }),
    output: officeHolderSchema,
  }),
  revoke: action({
    who: '比这个职务高一级以上、管着这个范围的人；自己的最高职务只能由上级撤销',
    input: z.strictObject({ grantId: idSchema }),
    output: z.object({ id: z.string(), revoked: z.literal(true) }),
  }),
}
