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
      servicePoint: z.object({ name: z.string(), address: z.string(), hours: z.string(), hostName: z.string() }).nullable(),
    })
    .nullable(),
  isGroupLeader: z.boolean(),
})
export type HomeOverview = z.infer<typeof homeOverviewSchema>

export const homeContract = {
  overview: action({ who: '任何已登录的人（看自己的小组）', input: emptyInputSchema, output: homeOverviewSchema }),
}
