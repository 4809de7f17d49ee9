/**
 * Councils and voting (议事会 / 理事会): the group council of every villager group and the village
 * board of every village, their matters, one-person-one-vote ballots and the published results.
 * Who may do what is in types/policy.ts (`policy.councils`); the rules of composition, tallying and
 * the hash chain are pure functions in cloudfunctions/shared/domain/councils.
 */
import { z } from 'zod'
import { action, cursorInputShape, cursorPageOf, emptyInputSchema, idSchema } from '../common'
import { longText, personName, reason, shortText, textField } from '../fields'
import { TEXT_RULES } from '../text-rules'
import { BODY_MANAGERS_WHO, MATTER_READERS_WHO } from '../policy'

const title = textField(TEXT_RULES.shortText, { label: '标题', min: 2, max: 60 })
const optionLabel = textField(TEXT_RULES.shortText, { label: '选项', min: 1, max: 40 })
const said = textField(TEXT_RULES.longText, { min: 1 })

export const BODY_KINDS = ['group_council', 'village_board'] as const
export type BodyKind = (typeof BODY_KINDS)[number]

/** Standing seats; `non_standing` members sit for one matter only. */
export const SEATS = ['chair', 'member', 'party_org', 'committee', 'group_chair', 'villager_rep'] as const
export type Seat = (typeof SEATS)[number]
export const SEAT_LABEL: Record<Seat | 'non_standing', string> = {
  chair: '主持人',
  member: '成员',
  party_org: '村党组织',
  committee: '村委会',
  group_chair: '小组议事长',
  villager_rep: '村民代表',
  non_standing: '非常任成员',
}

export const MATTER_STATES = ['draft', 'published', 'voting', 'closed', 'minuted'] as const
export type MatterState = (typeof MATTER_STATES)[number]
export const MATTER_KINDS = ['motion', 'choice', 'election'] as const
export type MatterKind = (typeof MATTER_KINDS)[number]
export const MOTION_CHOICES = ['agree', 'oppose', 'abstain'] as const
export type MotionChoice = (typeof MOTION_CHOICES)[number]
export const RESULT_RULES = ['majority', 'two_thirds', 'quorum', 'plurality'] as const
export type ResultRule = (typeof RESULT_RULES)[number]

const personRef = z.object({ id: z.string(), name: z.string() })

export const bodyMemberSchema = z.object({ personId: z.string(), name: z.string(), seat: z.enum(SEATS) })

export const bodySchema = z.object({
  id: z.string(),
  kind: z.enum(BODY_KINDS),
  name: z.string(),
  villageId: z.string(),
  groupId: z.string().optional(),
  chairId: z.string().nullable(),
  members: z.array(bodyMemberSchema),
  /** What the caller may do here, asked of the same rules the function uses. */
  can: z.object({ manage: z.boolean(), createMatter: z.boolean(), propose: z.boolean() }),
})
export type Body = z.infer<typeof bodySchema>

const nonStandingInput = z.strictObject({
  /** A villager on the roster, or null for someone from outside it (entered by name; votes through the chair). */
  personId: idSchema.nullable().default(null),
  name: personName,
  /** Why they sit on this matter: the chair of a group concerned, a stakeholder, a professional. */
  role: shortText,
})

export const createMatterInput = z
  .strictObject({
    bodyId: idSchema,
    title,
    text: longText,
    kind: z.enum(MATTER_KINDS),
    closesAt: z.iso.datetime({ offset: true, error: '请填写截止时间' }),
    ballot: z.enum(['named', 'secret']).optional(),
    options: z.array(optionLabel).max(20, '最多 20 个选项').optional(),
    maxChoices: z.number().int().min(1).max(20).optional(),
    rule: z.enum(['majority', 'two_thirds']).default('majority'),
    reasonToOppose: z.boolean().default(false),
    public: z.boolean().default(true),
    /** An election: the villagers standing (each becomes an option) and how many seats it fills. */
    candidates: z.array(idSchema).max(20, '候选人最多 20 位').optional(),
    seats: z.number().int().min(1).max(4).optional(),
    /** Village board only: at most 3 people who sit for this matter alone. */
    nonStanding: z.array(nonStandingInput).max(3, '每个事项最多 3 位非常任成员').default([]),
    /** Which template it started from, for the figures (村规民约修订, 一事一议 …). */
    template: z.string().max(40).optional(),
  })
  .superRefine((input, ctx) => {
    if (input.kind === 'choice' && (input.options?.length ?? 0) < 2) ctx.addIssue({ code: 'custom', path: ['options'], message: '选择题至少要 2 个选项' })
    if (input.kind === 'election' && (input.candidates?.length ?? 0) < 1) ctx.addIssue({ code: 'custom', path: ['candidates'], message: '选举至少要 1 位候选人' })
    if (input.kind === 'election' && input.ballot === 'named') ctx.addIssue({ code: 'custom', path: ['ballot'], message: '选举一律无记名投票' })
    if (input.kind === 'motion' && input.options) ctx.addIssue({ code: 'custom', path: ['options'], message: '表决事项不需要选项（同意 / 反对 / 弃权）' })
  })

export const matterOptionSchema = z.object({ id: z.string(), label: z.string(), personId: z.string().nullable() })

export const slotSchema = z.object({
  /** The voter: a person, or `ns:<n>` for a non-standing member from outside the roster. */
  voterId: z.string(),
  name: z.string(),
  voted: z.boolean(),
  /** Named ballots, once closed (or the caller's own): what they chose. */
  choice: z.union([z.enum(MOTION_CHOICES), z.array(z.string())]).nullable(),
  reason: z.string().nullable(),
  /** The chair recorded it in person (an elder without a phone), with the reason. */
  recordedByChair: z.boolean(),
  /** Left the body or recused while voting was open: kept, marked, not counted. */
  lost: z.string().nullable(),
})

export const resultSchema = z.object({
  passed: z.boolean(),
  rule: z.enum(RESULT_RULES),
  /** Plain words: which rule applied and the numbers. */
  statement: z.string(),
  winners: z.array(z.string()).optional(),
  /** A tie at the last place, waiting for the chair's `settleTie`. */
  tie: z.array(z.string()).optional(),
})
export type MatterResult = z.infer<typeof resultSchema>

export const matterSummarySchema = z.object({
  id: z.string(),
  bodyId: z.string(),
  bodyKind: z.enum(BODY_KINDS),
  bodyName: z.string(),
  title: z.string(),
  kind: z.enum(MATTER_KINDS),
  ballot: z.enum(['named', 'secret']),
  state: z.enum(MATTER_STATES),
  closesAt: z.string(),
  public: z.boolean(),
  eligible: z.number().int().min(0),
  voted: z.number().int().min(0),
  tally: z.record(z.string(), z.number().int().min(0)),
  /** The options of a choice or an election (their labels for the tally's bars); empty for a motion. */
  options: z.array(matterOptionSchema),
  result: resultSchema.nullable(),
  /** The caller holds a ballot slot and has not voted while voting is open. */
  needsMyVote: z.boolean(),
  createdAt: z.string(),
})
export type MatterSummary = z.infer<typeof matterSummarySchema>

export const matterDetailSchema = matterSummarySchema.extend({
  villageId: z.string(),
  groupId: z.string().nullable(),
  text: z.string(),
  options: z.array(matterOptionSchema),
  maxChoices: z.number().int().min(1),
  rule: z.enum(['majority', 'two_thirds']),
  reasonToOppose: z.boolean(),
  createdBy: personRef,
  openedAt: z.string().nullable(),
  closedAt: z.string().nullable(),
  /** How many more votes quorum needs (0 once met). */
  quorumNeeds: z.number().int().min(0),
  slots: z.array(slotSchema),
  /** The caller's own ballot, if they hold a slot. */
  mine: z.object({ choice: z.union([z.enum(MOTION_CHOICES), z.array(z.string())]).nullable(), voted: z.boolean(), recordedByChair: z.boolean(), final: z.boolean() }).nullable(),
  nonStanding: z.array(z.object({ voterId: z.string(), personId: z.string().nullable(), name: z.string(), role: z.string() })),
  recusals: z.array(z.object({ personId: z.string(), name: z.string(), reason: z.string() })),
  minutes: z.object({ attendees: z.array(z.string()), summary: z.string(), decisions: z.string(), recordedAt: z.string(), recordedBy: z.string() }).nullable(),
  notes: z.array(z.object({ text: z.string(), at: z.string(), by: z.string() })),
  chainHead: z.string(),
  chainLength: z.number().int().min(0),
  can: z.object({ manage: z.boolean(), vote: z.boolean(), recordFor: z.boolean(), comment: z.boolean() }),
})
export type MatterDetail = z.infer<typeof matterDetailSchema>

export const commentSchema = z.object({ id: z.string(), author: personRef, text: z.string(), at: z.string() })

export const PROPOSAL_STATES = ['open', 'adopted', 'forwarded', 'declined'] as const
export const proposalSchema = z.object({
  id: z.string(),
  bodyId: z.string(),
  title: z.string(),
  text: z.string(),
  proposer: personRef,
  supporters: z.number().int().min(0),
  supportedByMe: z.boolean(),
  state: z.enum(PROPOSAL_STATES),
  answer: z.object({ reason: z.string().nullable(), at: z.string(), by: z.string(), matterId: z.string().nullable(), proposalId: z.string().nullable() }).nullable(),
  createdAt: z.string(),
})
export type Proposal = z.infer<typeof proposalSchema>

const matterId = z.strictObject({ matterId: idSchema })
const choiceSchema = z.union([z.enum(MOTION_CHOICES, { error: '请选择同意、反对或弃权' }), z.array(idSchema).min(1, '请至少选一项').max(20)])

/** Who reads a matter: its voters, the body's members, the village's cadres and the officers above; the villagers concerned once a public matter is published. */
const MATTER_READERS = MATTER_READERS_WHO
const MATTER_MANAGERS = BODY_MANAGERS_WHO

export const councilsContract = {
  bodies: action({
    who: '任何已登录的人（自己所在或所管的议事会、理事会）',
    input: emptyInputSchema,
    output: z.array(bodySchema),
  }),
  body: action({
    who: '本组（理事会为本村）村民；本村的村书记、村干部；所属镇、市的干部；管理员',
    input: z.strictObject({ bodyId: idSchema }),
    output: bodySchema.extend({
      /** Who may sit where (the village board's four sources, each with the people it draws from). */
      candidates: z.array(z.object({ personId: z.string(), name: z.string(), seats: z.array(z.enum(SEATS)) })),
    }),
  }),
  setMember: action({
    who: MATTER_MANAGERS,
    input: z.strictObject({ bodyId: idSchema, personId: idSchema, seat: z.enum(SEATS), note: reason }),
    output: bodySchema,
  }),
  removeMember: action({
    who: MATTER_MANAGERS,
    input: z.strictObject({ bodyId: idSchema, personId: idSchema, note: reason }),
    output: bodySchema,
  }),
  createMatter: action({
    who: MATTER_MANAGERS,
    input: createMatterInput,
    output: z.object({ id: z.string() }),
  }),
  publish: action({ who: MATTER_MANAGERS, input: matterId, output: z.object({ state: z.enum(MATTER_STATES) }) }),
  open: action({ who: MATTER_MANAGERS, input: matterId, output: z.object({ state: z.enum(MATTER_STATES), eligible: z.number().int() }) }),
  close: action({ who: MATTER_MANAGERS, input: matterId, output: z.object({ state: z.enum(MATTER_STATES), result: resultSchema }) }),
  recuse: action({
    who: MATTER_MANAGERS,
    input: z.strictObject({ matterId: idSchema, personId: idSchema, reason }),
    output: z.object({ eligible: z.number().int() }),
  }),
  matter: action({ who: MATTER_READERS, input: matterId, output: matterDetailSchema }),
  matters: action({
    who: '任何已登录的人（自己能看的事项：所在议事机构的，以及本组、本村公开发布的）',
    input: z.strictObject({
      bodyId: idSchema.optional(),
      state: z.enum(MATTER_STATES).optional(),
      /** `to_vote`: only those waiting for the caller's vote (「需要我表决」). */
      filter: z.enum(['to_vote', 'results']).optional(),
      ...cursorInputShape,
    }),
    output: cursorPageOf(matterSummarySchema),
  }),
  vote: action({
    who: '本事项有表决权的人（开始表决时确定；回避的除外）；主持人可代不会用手机的成员登记当面表决',
    input: z.strictObject({ matterId: idSchema, choice: choiceSchema, reason: reason.optional(), onBehalfOf: idSchema.optional(), note: reason.optional() }),
    output: z.object({ voted: z.number().int(), eligible: z.number().int() }),
  }),
  comment: action({
    who: MATTER_READERS,
    input: z.strictObject({ matterId: idSchema, text: said }),
    output: z.object({ id: z.string() }),
  }),
  comments: action({
    who: MATTER_READERS,
    input: z.strictObject({ matterId: idSchema, ...cursorInputShape }),
    output: cursorPageOf(commentSchema),
  }),
  recordMinutes: action({
    who: MATTER_MANAGERS,
    input: z.strictObject({ matterId: idSchema, attendees: z.array(personName).min(1, '请填写参会人').max(60), summary: said, decisions: said }),
    output: z.object({ state: z.enum(MATTER_STATES) }),
  }),
  appendNote: action({ who: MATTER_MANAGERS, input: z.strictObject({ matterId: idSchema, text: said }), output: z.object({ notes: z.number().int() }) }),
  settleTie: action({
    who: MATTER_MANAGERS,
    input: z.strictObject({ matterId: idSchema, winners: z.array(idSchema).min(1).max(20), note: reason }),
    output: z.object({ result: resultSchema }),
  }),
  verify: action({
    who: MATTER_READERS,
    input: matterId,
    output: z.object({ ok: z.boolean(), length: z.number().int(), head: z.string(), problems: z.array(z.string()) }),
  }),
  propose: action({
    who: '本组村民（向本组议事会提议题）',
    input: z.strictObject({ bodyId: idSchema, title, text: longText }),
    output: z.object({ id: z.string() }),
  }),
  support: action({
    who: '本组（理事会为本村）村民',
    input: z.strictObject({ proposalId: idSchema }),
    output: z.object({ supporters: z.number().int() }),
  }),
  answerProposal: action({
    who: MATTER_MANAGERS,
    input: z.strictObject({ proposalId: idSchema, decision: z.enum(['adopt', 'forward', 'decline']), reason: reason.optional() }),
    output: z.object({ state: z.enum(PROPOSAL_STATES), matterId: z.string().nullable(), proposalId: z.string().nullable() }),
  }),
  proposals: action({
    who: '本组（理事会为本村）村民；本村的村书记、村干部；所属镇、市的干部；管理员',
    input: z.strictObject({ bodyId: idSchema, ...cursorInputShape }),
    output: cursorPageOf(proposalSchema),
  }),
}
