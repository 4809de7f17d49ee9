import { z } from 'zod'
import { action, emptyInputSchema, idSchema } from '../common'
import { grantSchema, ROLES } from '../identity'

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
}
