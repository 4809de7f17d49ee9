import { z } from 'zod'
import { action, idSchema, pageInputSchema, pageOf } from '../common'
import { rosterAdminContract } from './roster-admin'

export const rosterMemberSchema = z.object({
  id: z.string(),
  name: z.string(),
  householdNo: z.string(),
  gender: z.enum(['男', '女']),
  age: z.number().int().min(0),
  partyMember: z.boolean(),
  isLeader: z.boolean(),
  /** Masked, e.g. 138****5678: lists never carry full personal data. */
  phone: z.string().nullable(),
})
export type RosterMember = z.infer<typeof rosterMemberSchema>

export const rosterContract = {
  ...rosterAdminContract,
  groupMembers: action({
    who: '本组组长；本村的村书记、村干部；所属镇、市的干部；管理员',
    input: z.strictObject({ groupId: idSchema, ...pageInputSchema.shape }),
    output: pageOf(rosterMemberSchema).extend({
      group: z.object({ id: z.string(), number: z.number().int(), name: z.string() }),
    }),
  }),
}
