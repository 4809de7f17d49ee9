import { z } from 'zod'
import { action, emptyInputSchema } from '../common'

export const personRefSchema = z.object({ id: z.string(), name: z.string() })

export const homeOverviewSchema = z.object({
  person: z.object({ id: z.string(), name: z.string() }),
  village: z.object({ id: z.string(), name: z.string(), townName: z.string() }).nullable(),
  group: z
    .object({
      id: z.string(),
      number: z.number().int(),
      name: z.string(),
      leader: personRefSchema.nullable(),
      villagerCount: z.number().int().min(0),
      householdCount: z.number().int().min(0),
    })
    .nullable(),
  partyGroup: z
    .object({
      id: z.string(),
      name: z.string(),
      leader: personRefSchema.nullable(),
      groupNames: z.array(z.string()),
      crossGroup: z.boolean(),
      servicePoint: z.object({ name: z.string(), address: z.string(), hours: z.string(), hostName: z.string(), hostId: z.string() }).nullable(),
    })
    .nullable(),
  isGroupLeader: z.boolean(),
})
export type HomeOverview = z.infer<typeof homeOverviewSchema>

export const attentionItemSchema = z.object({
  /**
   * What it is about: `uncovered_groups` (groups without a Party group), `leader_to_be_appointed` (Party groups flagged 待指定党小组长),
   * `village` (a village of a town), `town` (a town of the city), `council_vote` (votes waiting for the caller),
   * `council_proposal` (villagers' 议题 unanswered for 10 days), `errand_overdue` (overdue requests on the caller's list),
   * `mediation_high_risk` / `mediation_overdue` (open high-risk or overdue mediation cases on a list the caller handles).
   */
  kind: z.enum(['uncovered_groups', 'leader_to_be_appointed', 'village', 'town', 'council_vote', 'council_proposal', 'errand_overdue', 'mediation_high_risk', 'mediation_overdue']),
  severity: z.enum(['high', 'medium', 'low']),
  title: z.string(),
  count: z.number().int().min(0),
  /** An app route with its query, e.g. /packages/party/pages/village/index?villageId=v-1. */
  page: z.string(),
})
export type AttentionItem = z.infer<typeof attentionItemSchema>

export const homeContract = {
  overview: action({ who: '任何已登录的人（看自己的小组）', input: emptyInputSchema, output: homeOverviewSchema }),
  /** What needs the caller, worst first: a village's uncovered groups and flags, a town's villages, the city's towns. */
  attention: action({
    who: '任何已登录的人（本村、本镇或全市要处理的事，最要紧的在前；村民为空）',
    input: emptyInputSchema,
    output: z.object({ items: z.array(attentionItemSchema) }),
  }),
}
