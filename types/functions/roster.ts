import { z } from 'zod'
import { action, cursorInputShape, cursorPageOf, idSchema } from '../common'
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
    // By cursor since issue 6 (was page/pageSize): ordered by 户号, then by id.
    input: z.strictObject({ groupId: idSchema, ...cursorInputShape }),
    output: cursorPageOf(rosterMemberSchema).extend({
      group: z.object({ id: z.string(), number: z.number().int(), name: z.string() }),
      /** Everyone in the group, for "共 N 人" (one count, not a page of documents). */
      total: z.number().int().min(0),
    }),
  }),
}
