/**
 * Mediation and escalation (老娘舅): a dispute taken in at the villager group, one case number to the
 * end (一案一号), the group → village → town ladder with its clocks, the work log, the agreement
 * (a .docx to print and sign), the 30 days for judicial confirmation, follow-up visits, and
 * confidentiality: a case is seen by its parties (a summary), the handlers of every level it has
 * reached, and the town's police liaison when violence is flagged; anyone else gets 404.
 * Who may do what: `policy.mediation` in types/policy.ts; the ladder and the clocks are pure
 * functions in cloudfunctions/shared/domain/mediation.
 */
import { z } from 'zod'
import { action, cursorInputShape, cursorPageOf, idSchema } from '../common'
import { fileId, personName, phone, reason, shortText, textField } from '../fields'
import { TEXT_RULES } from '../text-rules'

export const CASE_TYPES = ['neighbours', 'family', 'land', 'labour', 'project', 'other'] as const
export type CaseType = (typeof CASE_TYPES)[number]
export const CASE_TYPE_LABEL: Record<CaseType, string> = {
  neighbours: '邻里纠纷',
  family: '家庭纠纷',
  land: '土地纠纷',
  labour: '劳务纠纷',
  project: '工程项目纠纷',
  other: '其他纠纷',
}

export const CASE_LEVELS = ['group', 'village', 'town'] as const
export type CaseLevel = (typeof CASE_LEVELS)[number]
export const CASE_LEVEL_LABEL: Record<CaseLevel, string> = { group: '组里', village: '村里', town: '镇里' }

export const CASE_STATES = ['awaiting_signature', 'mediating', 'agreed', 'closed'] as const
export type CaseState = (typeof CASE_STATES)[number]
export const CASE_STATE_LABEL: Record<CaseState, string> = {
  awaiting_signature: '等待签收',
  mediating: '正在调解',
  agreed: '已达成协议',
  closed: '已办结',
}

export const RISKS = ['petition', 'violence', 'mass', 'vulnerable'] as const
export type Risk = (typeof RISKS)[number]
export const RISK_LABEL: Record<Risk, string> = { petition: '扬言越级上访', violence: '可能动手（暴力）', mass: '牵涉人多（群体性）', vulnerable: '有弱势当事人' }
/** Flags that send a case straight to the village and tell the town at once. */
export const HIGH_RISKS: readonly Risk[] = ['petition', 'violence', 'mass']

export const PARTY_ROLES = ['applicant', 'respondent', 'other'] as const
export const PARTY_ROLE_LABEL: Record<(typeof PARTY_ROLES)[number], string> = { applicant: '申请人', respondent: '被申请人', other: '其他当事人' }

export const OUTCOMES = ['resolved', 'referred', 'failed', 'withdrawn'] as const
export type Outcome = (typeof OUTCOMES)[number]
export const OUTCOME_LABEL: Record<Outcome, string> = { resolved: '调解成功', referred: '已引导走诉讼、仲裁等途径', failed: '调解不成', withdrawn: '当事人撤回' }

export const LOG_KINDS = ['contact', 'session', 'informed', 'note'] as const
export const LOG_KIND_LABEL: Record<(typeof LOG_KINDS)[number], string> = {
  contact: '联系当事人',
  session: '调解会',
  informed: '已告知调解的性质和效力',
  note: '备注',
}

export const FOLLOW_UP_RESULTS = ['performed', 'partly', 'not_performed'] as const
export const FOLLOW_UP_RESULT_LABEL: Record<(typeof FOLLOW_UP_RESULTS)[number], string> = { performed: '已履行', partly: '部分履行', not_performed: '未履行' }
/** When an agreement is not performed: urge it, reopen the mediation, or tell the parties they may go to court and close. */
export const NOT_PERFORMED_NEXT = ['urge', 'reopen', 'court'] as const

const note = textField(TEXT_RULES.longText, { label: '说明', max: 1000 })
const description = textField(TEXT_RULES.longText, { label: '事情经过', max: 2000, min: 4 })
const photoIds = z.array(fileId).max(9, '最多 9 张照片')
const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期应为 YYYY-MM-DD')

export const partyInputSchema = z.union([
  z.strictObject({ personId: idSchema, role: z.enum(PARTY_ROLES) }),
  z.strictObject({ name: personName, phone: phone.optional(), role: z.enum(PARTY_ROLES) }),
])

const obligation = z.strictObject({
  /** Which party (by name) owes it. */
  party: personName,
  duty: textField(TEXT_RULES.longText, { label: '义务', max: 500 }),
  how: shortText.optional(),
  where: shortText.optional(),
  by: date.optional(),
})

export const termsSchema = z.strictObject({
  facts: textField(TEXT_RULES.longText, { label: '纠纷事实', max: 2000 }),
  dispute: textField(TEXT_RULES.longText, { label: '争议事项', max: 1000 }),
  obligations: z.array(obligation).min(1, '至少写一项义务').max(20),
})

const person = z.object({ id: z.string(), name: z.string() })

export const caseSummarySchema = z.object({
  id: z.string(),
  number: z.string(),
  type: z.enum(CASE_TYPES),
  level: z.enum(CASE_LEVELS),
  state: z.enum(CASE_STATES),
  groupName: z.string(),
  villageName: z.string(),
  openedAt: z.string(),
  updatedAt: z.string(),
  /** The parties' names; for handlers only (a party sees their own case as "我的调解"). */
  partyNames: z.array(z.string()),
  /** Handlers only; a party's view is empty. */
  risks: z.array(z.enum(RISKS)),
  highRisk: z.boolean(),
  /** The current level's time limit (null once agreed or closed). */
  dueAt: z.string().nullable(),
  overdue: z.boolean(),
  outcome: z.enum(OUTCOMES).nullable(),
})
export type CaseSummary = z.infer<typeof caseSummarySchema>

const escalationSchema = z.object({
  from: z.enum(CASE_LEVELS),
  to: z.enum(CASE_LEVELS),
  reason: z.string(),
  at: z.string(),
  /** `handler` (by hand), `risk` (a high-risk flag), `limit` (the level's time passed). */
  by: z.enum(['handler', 'risk', 'limit']),
  byName: z.string(),
})

export const logEntrySchema = z.object({
  id: z.string(),
  kind: z.string(),
  at: z.string(),
  by: z.object({ id: z.string().nullable(), name: z.string() }),
  note: z.string().nullable(),
  attendees: z.array(z.string()),
  place: z.string().nullable(),
  outcome: z.string().nullable(),
})

export const agreementSchema = z.object({
  form: z.enum(['written', 'oral']),
  terms: z.object({
    facts: z.string(),
    dispute: z.string(),
    obligations: z.array(z.object({ party: z.string(), duty: z.string(), how: z.string().nullable(), where: z.string().nullable(), by: z.string().nullable() })),
  }),
  performBy: z.string(),
  recordedAt: z.string(),
  recordedBy: person,
  /** When it took effect: an oral one when reached, a written one when the signed paper is attached. */
  effectiveAt: z.string().nullable(),
  documentFileId: z.string(),
  signedFileId: z.string().nullable(),
  /** Last day the parties may jointly ask a court to confirm it (司法确认): 30 days from taking effect. */
  confirmBy: z.string().nullable(),
  confirmDaysLeft: z.number().int().nullable(),
})

export const followUpSchema = z.object({
  id: z.string(),
  dueAt: z.string(),
  note: z.string().nullable(),
  doneAt: z.string().nullable(),
  result: z.enum(FOLLOW_UP_RESULTS).nullable(),
  next: z.enum(NOT_PERFORMED_NEXT).nullable(),
  resultNote: z.string().nullable(),
})

export const caseDetailSchema = caseSummarySchema.extend({
  /** `handler`: the whole case; `party`: a summary without the work log, the risk flags or who looked. */
  view: z.enum(['handler', 'police', 'party']),
  typeLabel: z.string(),
  description: z.string(),
  parties: z.array(z.object({ personId: z.string().nullable(), name: z.string(), phone: z.string().nullable(), role: z.enum(PARTY_ROLES), groupName: z.string().nullable() })),
  photoIds: z.array(z.string()),
  source: z.object({ kind: z.string(), id: z.string() }).nullable(),
  openedBy: person,
  /** Who handles it now, by level reached (the current level's first). */
  handlers: z.array(z.object({ level: z.enum(CASE_LEVELS), people: z.array(person) })),
  levels: z.array(z.enum(CASE_LEVELS)),
  levelSince: z.string(),
  signedAt: z.string().nullable(),
  signedBy: person.nullable(),
  firstContactAt: z.string().nullable(),
  /** The 30-day norm from intake (later only with both parties' agreement, recorded). */
  mustEndBy: z.string(),
  extensions: z.array(z.object({ days: z.number().int(), note: z.string(), at: z.string(), byName: z.string() })),
  escalations: z.array(escalationSchema),
  informedAt: z.string().nullable(),
  log: z.array(logEntrySchema),
  agreement: agreementSchema.nullable(),
  followUps: z.array(followUpSchema),
  closedAt: z.string().nullable(),
  closeNote: z.string().nullable(),
  can: z.object({
    signFor: z.boolean(),
    escalate: z.boolean(),
    log: z.boolean(),
    flag: z.boolean(),
    recordAgreement: z.boolean(),
    attachSigned: z.boolean(),
    close: z.boolean(),
    scheduleFollowUp: z.boolean(),
    followUp: z.boolean(),
    extend: z.boolean(),
    views: z.boolean(),
  }),
})
export type CaseDetail = z.infer<typeof caseDetailSchema>

const limitsSchema = z.object({
  group: z.number().int().min(1).max(60),
  village: z.number().int().min(1).max(60),
  town: z.number().int().min(1).max(90),
})

const countRow = z.object({ key: z.string(), label: z.string(), count: z.number().int().min(0) })
const monthRow = z.object({ month: z.string(), label: z.string(), opened: z.number().int().min(0), closed: z.number().int().min(0), resolved: z.number().int().min(0) })

const caseId = z.strictObject({ caseId: idSchema })

export const MEDIATION_HANDLERS_WHO = '本案经过的各级调解人：本组组长（本组没有组长时由村干部）；上报到村后本村的村书记、村干部；上报到镇后所属镇的镇干部（别人看不到：404）'

export const mediationContract = {
  open: action({
    who: '村民（为自己的纠纷申请调解，由本组组长受理）；村民小组长（本组的纠纷）；本村的村书记、村干部（本村各组的纠纷，写明哪个组）',
    input: z.strictObject({
      type: z.enum(CASE_TYPES, { error: '请选择纠纷类型' }),
      parties: z.array(partyInputSchema).min(1, '至少要有一位当事人').max(30, '当事人最多 30 位'),
      description,
      risks: z.array(z.enum(RISKS)).max(4).default([]),
      photoIds: photoIds.optional(),
      source: z.strictObject({ kind: z.enum(['chat', 'errand']), id: idSchema }).optional(),
      /** The group the case is opened in (a village cadre must say; a leader or villager: their own). */
      groupId: idSchema.optional(),
      /** The app's key for this intake: a retry with the same key returns the first case. */
      clientKey: z.string().min(8, '缺少提交编号').max(64).optional(),
    }),
    output: z.object({ id: z.string(), number: z.string(), level: z.enum(CASE_LEVELS), state: z.enum(CASE_STATES) }),
  }),
  case: action({
    who: '本案当事人（看摘要）；本案经过的各级调解人：本组组长（本组没有组长时由村干部）；上报到村后本村的村书记、村干部；上报到镇后所属镇的镇干部；有暴力风险时所属镇的社区民警（别人看不到：404）',
    input: caseId,
    output: caseDetailSchema,
  }),
  list: action({
    who: '任何已登录的人（mine：自己是当事人的；group、village、town：自己作为该级调解人的）',
    input: z.strictObject({ scope: z.enum(['mine', 'group', 'village', 'town']), state: z.enum(['open', 'closed']).optional(), ...cursorInputShape }),
    output: cursorPageOf(caseSummarySchema),
  }),
  signFor: action({ who: MEDIATION_HANDLERS_WHO, input: caseId, output: z.object({ state: z.enum(CASE_STATES), level: z.enum(CASE_LEVELS) }) }),
  escalate: action({
    who: MEDIATION_HANDLERS_WHO,
    input: z.strictObject({ caseId: idSchema, reason }),
    output: z.object({ level: z.enum(CASE_LEVELS), state: z.enum(CASE_STATES), dueAt: z.string().nullable() }),
  }),
  log: action({
    who: '本案经过的各级调解人：本组组长（本组没有组长时由村干部）；上报到村后本村的村书记、村干部；上报到镇后所属镇的镇干部；有暴力风险时所属镇的社区民警',
    input: z.strictObject({
      caseId: idSchema,
      kind: z.enum(LOG_KINDS).default('note'),
      note: note.optional(),
      attendees: z.array(personName).max(30).optional(),
      place: shortText.optional(),
      outcome: shortText.optional(),
      /** When it happened (default now; not in the future). */
      at: z.iso.datetime({ offset: true }).optional(),
    }),
    output: z.object({ id: z.string() }),
  }),
  flag: action({
    who: MEDIATION_HANDLERS_WHO,
    input: z.strictObject({ caseId: idSchema, risks: z.array(z.enum(RISKS)).min(1).max(4), note: note.optional() }),
    output: z.object({ level: z.enum(CASE_LEVELS), risks: z.array(z.enum(RISKS)) }),
  }),
  recordAgreement: action({
    who: MEDIATION_HANDLERS_WHO,
    input: z.strictObject({
      caseId: idSchema,
      form: z.enum(['written', 'oral']),
      /** The structured terms, or one text of what each side will do (facts and dispute then come from the case). */
      terms: z.union([termsSchema, textField(TEXT_RULES.longText, { label: '协议内容', max: 2000, min: 2 })]),
      performBy: date,
      signedFileId: fileId.optional(),
    }),
    output: z.object({ documentFileId: z.string(), state: z.enum(CASE_STATES), effectiveAt: z.string().nullable(), confirmBy: z.string().nullable() }),
  }),
  attachSigned: action({
    who: MEDIATION_HANDLERS_WHO,
    input: z.strictObject({ caseId: idSchema, fileId }),
    output: z.object({ effectiveAt: z.string(), confirmBy: z.string() }),
  }),
  close: action({
    who: MEDIATION_HANDLERS_WHO,
    input: z.strictObject({ caseId: idSchema, outcome: z.enum(OUTCOMES), note: textField(TEXT_RULES.longText, { label: '说明', max: 1000, min: 2 }) }),
    output: z.object({ state: z.enum(CASE_STATES), outcome: z.enum(OUTCOMES) }),
  }),
  scheduleFollowUp: action({
    who: MEDIATION_HANDLERS_WHO,
    input: z.strictObject({ caseId: idSchema, at: z.iso.datetime({ offset: true }), note: note.optional() }),
    output: z.object({ followUpId: z.string(), dueAt: z.string() }),
  }),
  followUp: action({
    who: MEDIATION_HANDLERS_WHO,
    input: z.strictObject({
      caseId: idSchema,
      followUpId: idSchema,
      result: z.enum(FOLLOW_UP_RESULTS),
      /** When not (fully) performed: urge, reopen the mediation, or record that the parties were told they may go to court and close. */
      next: z.enum(NOT_PERFORMED_NEXT).optional(),
      note: textField(TEXT_RULES.longText, { label: '回访情况', max: 1000, min: 2 }),
    }),
    output: z.object({ state: z.enum(CASE_STATES) }),
  }),
  extend: action({
    who: MEDIATION_HANDLERS_WHO,
    input: z.strictObject({ caseId: idSchema, days: z.number().int().min(1).max(60), note: textField(TEXT_RULES.longText, { label: '双方同意延长的情况', max: 1000, min: 4 }) }),
    output: z.object({ mustEndBy: z.string() }),
  }),
  views: action({
    who: MEDIATION_HANDLERS_WHO,
    input: z.strictObject({ caseId: idSchema, ...cursorInputShape }),
    output: cursorPageOf(z.object({ at: z.string(), person, as: z.string() })),
  }),
  file: action({
    who: '能看到这个案件的人（当事人只能看协议书和签字件）',
    input: z.strictObject({ caseId: idSchema, fileId }),
    output: z.object({ url: z.string(), expiresAt: z.string(), name: z.string() }),
  }),
  dashboard: action({
    who: '本村的村书记、村干部；所属镇的镇干部；市级干部；管理员（只有数字，没有案件内容）',
    input: z.strictObject({ scopeId: idSchema, months: z.number().int().min(1).max(24).default(12) }),
    output: z.object({
      name: z.string(),
      open: z.number().int().min(0),
      highRisk: z.number().int().min(0),
      overdue: z.number().int().min(0),
      pastNorm: z.number().int().min(0),
      byLevel: z.array(countRow),
      byType: z.array(countRow),
      /** Average hours from a level's arrival to the first contact there (null: none yet). */
      firstContactHours: z.number().nullable(),
      resolutionRate: z.number().min(0).max(1).nullable(),
      closed: z.number().int().min(0),
      resolved: z.number().int().min(0),
      months: z.array(monthRow),
    }),
  }),
  limits: action({
    who: '任何已登录的人（本镇的调解时限）',
    input: z.strictObject({ townId: idSchema.optional() }),
    output: limitsSchema.extend({ townId: z.string(), sample: z.boolean() }),
  }),
  setLimits: action({
    who: '所属镇的镇干部；管理员（各级调解时限，记入台账）',
    input: z.strictObject({ townId: idSchema, group: limitsSchema.shape.group, village: limitsSchema.shape.village, town: limitsSchema.shape.town, note: reason }),
    output: limitsSchema.extend({ townId: z.string(), sample: z.boolean() }),
  }),
}
