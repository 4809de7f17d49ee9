/**
 * Proxy errands and supervision (代理代办 / 全程跟踪督办): the catalog of village-level convenience
 * items, villagers' requests (or a leader's on a villager's behalf), their steps to the end, the
 * clock that starts when the villager submits, 督办 by the job `errands/deadlines`, call-backs and the
 * figures. Who may do what: `policy.errands` in types/policy.ts; the state machine and the clock are
 * pure functions in cloudfunctions/shared/domain/errands.
 */
import { z } from 'zod'
import { action, cursorInputShape, cursorPageOf, idSchema } from '../common'
import { fileId, longText, reason, shortText, textField } from '../fields'
import { TEXT_RULES } from '../text-rules'

export const ERRAND_STATES = ['submitted', 'accepted', 'collected', 'handed_on', 'done', 'closed', 'returned', 'cancelled'] as const
export type ErrandState = (typeof ERRAND_STATES)[number]
export const ERRAND_STATE_LABEL: Record<ErrandState, string> = {
  submitted: '已提交，等组长签收',
  accepted: '组长已签收',
  collected: '材料已收齐',
  handed_on: '已转村（镇）办理',
  done: '已办好，等您评价',
  closed: '已办结',
  returned: '退回补充，等您回复',
  cancelled: '已取消',
}
export const RATINGS = ['satisfied', 'fair', 'unsatisfied'] as const
export type Rating = (typeof RATINGS)[number]
export const RATING_LABEL: Record<Rating, string> = { satisfied: '满意', fair: '基本满意', unsatisfied: '不满意' }
export const ESCALATION_LEVELS = ['village', 'town'] as const

export const catalogItemSchema = z.object({
  id: z.string(),
  name: z.string(),
  /** Time limit in working days (the village's own, where it changed the sample's). */
  days: z.number().int().min(1),
  materials: z.array(z.string()),
  handledBy: z.enum(['village', 'town']),
  /** The villager must sign or appear in person (the leader arranges it, or 上门办理). */
  inPerson: z.boolean(),
  enabled: z.boolean(),
  /** Requests for it in this village (most used first on the request screen). */
  uses: z.number().int().min(0),
})
export type CatalogItem = z.infer<typeof catalogItemSchema>

const photoIds = z.array(fileId).max(9, '最多 9 张照片')
const note = textField(TEXT_RULES.longText, { label: '说明', max: 500 })

export const stepSchema = z.object({
  /** The state it moved to, or `note` / `extension` / `escalated` / `warned` / `consent` / `rated` for what happened on the way. */
  kind: z.string(),
  at: z.string(),
  by: z.object({ id: z.string().nullable(), name: z.string() }),
  note: z.string().nullable(),
  photoIds: z.array(z.string()),
})

export const errandSummarySchema = z.object({
  id: z.string(),
  number: z.string(),
  itemName: z.string(),
  state: z.enum(ERRAND_STATES),
  forPerson: z.object({ id: z.string(), name: z.string() }),
  groupName: z.string(),
  submittedAt: z.string(),
  dueAt: z.string(),
  overdue: z.boolean(),
  escalations: z.array(z.object({ level: z.enum(ESCALATION_LEVELS), at: z.string() })),
  /** Filed by the group leader for the villager (代办). */
  proxy: z.boolean(),
})
export type ErrandSummary = z.infer<typeof errandSummarySchema>

export const errandDetailSchema = errandSummarySchema.extend({
  item: catalogItemSchema.omit({ enabled: true, uses: true }),
  note: z.string().nullable(),
  photoIds: z.array(z.string()),
  contactTime: z.string().nullable(),
  visitAt: z.string().nullable(),
  handedTo: z.enum(['village', 'town']).nullable(),
  filedBy: z.object({ id: z.string(), name: z.string() }),
  consent: z.object({ how: z.enum(['app', 'in_person']), state: z.enum(['pending', 'given', 'withdrawn']), note: z.string().nullable() }).nullable(),
  extension: z.object({ days: z.number().int(), reason: z.string(), state: z.enum(['requested', 'approved', 'refused']) }).nullable(),
  rating: z.object({ rating: z.enum(RATINGS), note: z.string().nullable(), by: z.enum(['villager', 'callback']) }).nullable(),
  steps: z.array(stepSchema),
  source: z.object({ kind: z.string(), id: z.string() }).nullable(),
  /** What the caller may do next, asked of the same rules and the state machine the function uses. */
  next: z.array(z.enum(ERRAND_STATES)),
  can: z.object({ rate: z.boolean(), respond: z.boolean(), consent: z.boolean(), extend: z.boolean(), decideExtension: z.boolean(), callback: z.boolean() }),
})
export type ErrandDetail = z.infer<typeof errandDetailSchema>

const figureRow = z.object({
  /** A month `YYYY-MM`, or a group's name in the per-group table. */
  key: z.string(),
  label: z.string(),
  requests: z.number().int().min(0),
  /** 人次: requests done for a villager (counted when done). */
  personTimes: z.number().int().min(0),
  onTime: z.number().int().min(0),
  onTimeRate: z.number().min(0).max(1).nullable(),
  averageDays: z.number().min(0).nullable(),
  satisfied: z.number().int().min(0),
  fair: z.number().int().min(0),
  unsatisfied: z.number().int().min(0),
})

const requestId = z.strictObject({ requestId: idSchema })

export const errandsContract = {
  catalog: action({
    who: '任何已登录的人（本村开放的事项；村干部看到全部，含已关闭的）',
    input: z.strictObject({ villageId: idSchema.optional() }),
    output: z.object({ sample: z.boolean(), categories: z.array(z.object({ id: z.string(), name: z.string(), items: z.array(catalogItemSchema) })) }),
  }),
  setItem: action({
    who: '本村的村书记、村干部；管理员（开关事项、调整时限，记入台账）',
    input: z.strictObject({ villageId: idSchema, itemId: idSchema, enabled: z.boolean(), days: z.number().int().min(1).max(60).optional(), note: reason }),
    output: catalogItemSchema,
  }),
  submit: action({
    who: '村民（为自己申请）；本组组长（为本组村民代办，须本人同意）',
    input: z.strictObject({
      itemId: idSchema,
      /** The app's key for this submission: a retry with the same key returns the first request. */
      clientKey: z.string().min(8, '缺少提交编号').max(64),
      note: note.optional(),
      photoIds: photoIds.optional(),
      contactTime: shortText.optional(),
      forPersonId: idSchema.optional(),
      consent: z.strictObject({ how: z.enum(['app', 'in_person']), note: note.optional() }).optional(),
      /** 上门办理: when the leader (or staff) will come. */
      visitAt: z.iso.datetime({ offset: true }).optional(),
      /** What it was made from (a chat message turned into a request with one tap). */
      source: z.strictObject({ kind: z.enum(['chat']), id: idSchema }).optional(),
    }),
    output: z.object({ id: z.string(), number: z.string() }),
  }),
  mine: action({
    who: '任何已登录的人（自己的申请，以及组长为自己代办的）',
    input: z.strictObject({ ...cursorInputShape }),
    output: cursorPageOf(errandSummarySchema),
  }),
  todo: action({
    who: '村民小组长（本组的）；本村的村书记、村干部（本村没有组长的组、已督办到村的、转村办理的）',
    input: z.strictObject({ ...cursorInputShape }),
    output: cursorPageOf(errandSummarySchema).extend({ open: z.number().int().min(0), overdue: z.number().int().min(0) }),
  }),
  list: action({
    who: '本村的村书记、村干部；所属镇、市的干部；管理员',
    input: z.strictObject({ scopeId: idSchema, state: z.enum(ERRAND_STATES).optional(), ...cursorInputShape }),
    output: cursorPageOf(errandSummarySchema),
  }),
  request: action({
    who: '申请人本人（代办的为被代办的村民）、代办的组长、本组组长；本村的村书记、村干部；所属镇、市的干部；管理员（别人看不到：404）',
    input: requestId,
    output: errandDetailSchema,
  }),
  advance: action({
    who: '本组组长（签收、收材料、转办、办结、退回）；本组没有组长时由本村的村书记、村干部；转村、镇办理后由本村的村书记、村干部；管理员',
    input: z.strictObject({
      requestId: idSchema,
      to: z.enum(ERRAND_STATES),
      note: note.optional(),
      photoIds: photoIds.optional(),
      handedTo: z.enum(['village', 'town']).optional(),
      visitAt: z.iso.datetime({ offset: true }).optional(),
    }),
    output: z.object({ state: z.enum(ERRAND_STATES), dueAt: z.string() }),
  }),
  respond: action({
    who: '申请人本人（回复退回，补充材料后继续办理）',
    input: z.strictObject({ requestId: idSchema, note: note.optional(), photoIds: photoIds.optional() }),
    output: z.object({ state: z.enum(ERRAND_STATES), dueAt: z.string() }),
  }),
  consent: action({
    who: '被代办的村民本人（确认或撤回同意）',
    input: z.strictObject({ requestId: idSchema, decision: z.enum(['confirm', 'withdraw']), note: note.optional() }),
    output: z.object({ state: z.enum(ERRAND_STATES) }),
  }),
  extend: action({
    who: '本组组长（截止前申请延期，说明理由）',
    input: z.strictObject({ requestId: idSchema, days: z.number().int().min(1).max(20), reason }),
    output: z.object({ dueAt: z.string() }),
  }),
  decideExtension: action({
    who: '本村的村书记、村干部；管理员（批准或不批准延期，告知村民）',
    input: z.strictObject({ requestId: idSchema, approve: z.boolean(), note: note.optional() }),
    output: z.object({ dueAt: z.string() }),
  }),
  rate: action({
    who: '申请人本人（办好后评价）',
    input: z.strictObject({ requestId: idSchema, rating: z.enum(RATINGS), note: note.optional() }),
    output: z.object({ state: z.enum(ERRAND_STATES) }),
  }),
  callback: action({
    who: '本组组长；本村的村书记、村干部（村民 3 个工作日未评价时，记录电话回访）',
    input: z.strictObject({ requestId: idSchema, rating: z.enum(RATINGS), note: longText }),
    output: z.object({ state: z.enum(ERRAND_STATES) }),
  }),
  figures: action({
    who: '本村的村书记、村干部；所属镇、市的干部；管理员',
    input: z.strictObject({ scopeId: idSchema, months: z.number().int().min(1).max(24).default(12) }),
    output: z.object({ name: z.string(), total: figureRow, months: z.array(figureRow), parts: z.array(figureRow) }),
  }),
  setEscalation: action({
    who: '本村的村书记、村干部；管理员（逾期多少个工作日后督办到镇，记入台账）',
    input: z.strictObject({ villageId: idSchema, townAfterDays: z.number().int().min(1).max(20), note: reason }),
    output: z.object({ townAfterDays: z.number().int() }),
  }),
}
