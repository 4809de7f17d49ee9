import { z } from 'zod'
import { action, emptyInputSchema, idSchema } from '../common'
import { placeName, reason } from '../fields'
import { personRefSchema } from './home'

export const reasonSchema = z.object({ code: z.string(), message: z.string() })
export const groupReasonSchema = reasonSchema.extend({ groupId: z.string() })

const overrideRecordShape = { by: z.string(), at: z.string(), why: z.string() }
export const storedOverrideSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('APPOINT_LEADER'), partyGroupId: z.string(), leaderId: z.string(), ...overrideRecordShape }),
  z.object({ kind: z.literal('MOVE_GROUP'), groupId: z.string(), toGroupId: z.string(), ...overrideRecordShape }),
])
export type StoredOverride = z.infer<typeof storedOverrideSchema>

const whySchema = reason
/** What the secretary sends; who and when are added by the function. */
export const overrideRequestSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('APPOINT_LEADER'), partyGroupId: idSchema, leaderId: idSchema, why: whySchema }),
  z.strictObject({ kind: z.literal('MOVE_GROUP'), groupId: idSchema, toGroupId: idSchema, why: whySchema }),
])
export type OverrideRequest = z.infer<typeof overrideRequestSchema>

export const groupRefSchema = z.object({ id: z.string(), number: z.number().int(), name: z.string() })

export const servicePointViewSchema = z.object({
  id: z.string(),
  name: z.string(),
  address: z.string(),
  hours: z.string(),
  hostName: z.string(),
  /** Who hostName names (the Party group's leader, else the household hosting it): roster.callNumber takes it. */
  hostId: z.string(),
  groupId: z.string(),
})

export const partyGroupViewSchema = z.object({
  id: z.string(),
  name: z.string(),
  groups: z.array(groupRefSchema),
  leader: personRefSchema.nullable(),
  crossGroup: z.boolean(),
  partyMemberCount: z.number().int(),
  reasons: z.array(groupReasonSchema),
  flags: z.array(reasonSchema),
  appliedOverrides: z.array(storedOverrideSchema),
  servicePoints: z.array(servicePointViewSchema),
})
export type PartyGroupView = z.infer<typeof partyGroupViewSchema>

export const coverageStatsSchema = z.object({
  groups: z.number().int(),
  partyGroups: z.number().int(),
  crossGroup: z.number().int(),
  /** Covered groups / groups, 0..1. */
  coverage: z.number().min(0).max(1),
  uncovered: z.number().int(),
  leaderToBeAppointed: z.number().int(),
})
export type CoverageStats = z.infer<typeof coverageStatsSchema>

/** Whether a group may be moved by MOVE_GROUP, and where: the same rules the override is refused by. */
export const movableGroupSchema = z.object({
  groupId: z.string(),
  canMove: z.boolean(),
  /** Why not, in plain words (e.g. 该组已能单独成立党小组); null when it can. */
  reason: z.string().nullable(),
  /** Party groups it may join (ids), empty when it cannot move. */
  targets: z.array(z.string()),
})

export const villageReportSchema = z.object({
  village: z.object({ id: z.string(), name: z.string(), townId: z.string(), townName: z.string() }),
  partyGroups: z.array(partyGroupViewSchema),
  uncovered: z.array(z.object({ group: groupRefSchema, reason: reasonSchema, weaknesses: z.array(reasonSchema) })),
  overrideIssues: z.array(z.object({ override: storedOverrideSchema, code: z.string(), problem: z.string(), message: z.string() })),
  stats: coverageStatsSchema,
  computedAt: z.string(),
  /** One entry per group, by group number: may it be moved to another Party group, and where. */
  movable: z.array(movableGroupSchema),
})
export type VillageReport = z.infer<typeof villageReportSchema>

/** The issue's what-if input: one village's groups and members, nothing read or written. */
export const previewInputSchema = z.strictObject({
  /** Optional: when given, the caller's grant must cover this village. */
  villageId: idSchema.optional(),
  groups: z
    .array(
      z.strictObject({
        id: idSchema,
        number: z.number().int().min(1, '组号从 1 开始'),
        name: placeName.optional(),
        leaderId: idSchema.nullable(),
        neighbours: z.array(idSchema).max(50),
      }),
    )
    .min(1, '至少要有一个村民小组')
    .max(500, '一个村最多 500 个村民小组'),
  members: z.array(z.strictObject({ id: idSchema, groupId: idSchema, partyMember: z.boolean() })).max(20000),
})

export const previewOutputSchema = z.object({
  partyGroups: z.array(
    z.object({
      id: z.string(),
      groupIds: z.array(z.string()),
      leaderId: z.string().nullable(),
      crossGroup: z.boolean(),
      reasons: z.array(groupReasonSchema),
      flags: z.array(reasonSchema),
    }),
  ),
  uncovered: z.array(z.object({ groupId: z.string(), reason: reasonSchema })),
  stats: coverageStatsSchema,
})

export const coverageLevelSchema = z.enum(['village', 'town', 'city'])

export const coverageReportSchema = z.object({
  scope: z.object({ level: coverageLevelSchema, id: z.string().nullable(), name: z.string() }),
  stats: coverageStatsSchema,
  /** One row per child: towns of the city, villages of a town, the village itself. */
  rows: z.array(z.object({ id: z.string(), name: z.string(), stats: coverageStatsSchema })),
  uncovered: z.array(z.object({ villageId: z.string(), villageName: z.string(), group: groupRefSchema, reason: reasonSchema })),
})
export type CoverageReport = z.infer<typeof coverageReportSchema>

export const partyGroupsContract = {
  preview: action({
    who: '村党组织书记（本村）、镇干部、市级干部、管理员；只算不存',
    input: previewInputSchema,
    output: previewOutputSchema,
  }),
  village: action({
    who: '本村的村书记、村干部；所属镇的镇干部；市级干部；管理员',
    input: z.strictObject({ villageId: idSchema }),
    output: villageReportSchema,
  }),
  /** Who may lead a Party group: its Party members, with their villager group (for 指定党小组长). */
  members: action({
    who: '本村的村书记、村干部；所属镇的镇干部；市级干部；管理员',
    input: z.strictObject({ villageId: idSchema, partyGroupId: idSchema }),
    output: z.object({
      items: z.array(z.object({ id: z.string(), name: z.string(), age: z.number().int().min(0), group: groupRefSchema, isGroupLeader: z.boolean() })),
    }),
  }),
  recompute: action({
    who: '本村的村书记、村干部；所属镇的镇干部；管理员',
    input: z.strictObject({ villageId: idSchema }),
    output: villageReportSchema,
  }),
  override: action({
    who: '本村的村党组织书记；管理员可代为调整',
    input: z.strictObject({ villageId: idSchema, override: overrideRequestSchema }),
    output: villageReportSchema,
  }),
  coverage: action({
    who: '村：本村书记、村干部；镇：本镇干部；市：市级干部、管理员（上级可看下级）',
    input: z.strictObject({ level: coverageLevelSchema, id: idSchema.optional() }),
    output: coverageReportSchema,
  }),
  mine: action({
    who: '任何已登录的村民（看自己所在的党小组）',
    input: emptyInputSchema,
    output: z.object({ partyGroup: partyGroupViewSchema.nullable(), myServicePoint: servicePointViewSchema.nullable() }),
  }),
}
