import { z } from 'zod'
import { action, cursorInputShape, cursorPageOf, idSchema } from '../common'
import { textField } from '../fields'
import { TEXT_RULES } from '../text-rules'
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

/** A search hit: a roster row and the group it is in (a village-wide search spans groups). */
export const rosterSearchHitSchema = rosterMemberSchema.extend({ groupId: z.string(), groupName: z.string() })

/** 姓名片段、户号开头或姓名拼音首字母（如 hwq 找 黄伟强）. */
export const rosterQuery = textField(TEXT_RULES.shortText, { label: '搜索内容', min: 1, max: 32 })

export const rosterPersonSchema = z.object({
  id: z.string(),
  name: z.string(),
  gender: z.enum(['男', '女']),
  age: z.number().int().min(0),
  /** Masked; the full number only through roster.callNumber (audited). */
  phone: z.string().nullable(),
  partyMembership: z.enum(['full', 'probationary']).nullable(),
  household: z.object({ id: z.string(), householdNo: z.string(), address: z.string() }).nullable(),
  group: z.object({ id: z.string(), number: z.number().int(), name: z.string() }).nullable(),
  village: z.object({ id: z.string(), name: z.string() }).nullable(),
  isLeader: z.boolean(),
  /** Whether roster.callNumber would give the caller this person's number (and there is one). */
  canCall: z.boolean(),
})
export type RosterPerson = z.infer<typeof rosterPersonSchema>

const GROUP_MEMBERS_WHO = '本组组长；本村的村书记、村干部；所属镇、市的干部；管理员'

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
  /** Search one group (groupId) or one village (villageId): exactly one of the two. */
  search: action({
    who: GROUP_MEMBERS_WHO,
    input: z
      .strictObject({ groupId: idSchema.optional(), villageId: idSchema.optional(), q: rosterQuery, ...cursorInputShape })
      .refine((input) => (input.groupId === undefined) !== (input.villageId === undefined), { message: '请指定一个组或一个村', path: ['groupId'] }),
    output: cursorPageOf(rosterSearchHitSchema),
  }),
  person: action({
    who: GROUP_MEMBERS_WHO,
    input: z.strictObject({ personId: idSchema }),
    output: rosterPersonSchema,
  }),
  callNumber: action({
    who: '本组组长（打给本组村民）；村民打给自己的组长、自己党小组服务点的负责人；本村的村书记、村干部（每次都记入台账）',
    input: z.strictObject({ personId: idSchema }),
    output: z.object({ phone: z.string() }),
  }),
}
