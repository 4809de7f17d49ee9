import { z } from 'zod'
import { action, cursorInputShape, cursorPageOf, emptyInputSchema, idSchema } from '../common'
import { fileId } from '../fields'
import { coverageStatsSchema } from './party-groups'
import { personRefSchema } from './home'

export const fileRefSchema = z.object({ fileId: z.string(), fileName: z.string() })

export const importErrorSchema = z.object({ row: z.number().int().min(1), column: z.string().optional(), message: z.string() })
export const importSummarySchema = z.object({
  added: z.number().int(),
  updated: z.number().int(),
  removed: z.number().int(),
  unchanged: z.number().int(),
  groups: z.number().int(),
  households: z.number().int(),
})

export const villageGroupSchema = z.object({
  id: z.string(),
  number: z.number().int(),
  name: z.string(),
  leader: personRefSchema.nullable(),
  leaderIsPartyMember: z.boolean(),
  neighbours: z.array(z.string()),
  counts: z.object({ villagers: z.number().int(), households: z.number().int(), partyMembers: z.number().int() }),
})

export const changeLogEntrySchema = z.object({
  id: z.string(),
  at: z.string(),
  byName: z.string(),
  kind: z.string(),
  summary: z.string(),
  before: z.unknown(),
  after: z.unknown(),
  /** The reason the person gave, when they gave one. */
  note: z.string().nullable(),
})

const groupRef = z.object({ id: z.string(), number: z.number().int(), name: z.string() })

/** What the file would do to the Party groups, computed by the same rules on the planned roster. */
export const importImpactSchema = z.object({
  before: coverageStatsSchema,
  after: coverageStatsSchema,
  /** Groups without a Party group after the import, and why. */
  uncovered: z.array(z.object({ group: groupRef, reason: z.object({ code: z.string(), message: z.string() }) })),
  /** Groups whose Party group changes (null: none before / none after). */
  crossGroupChanges: z.array(z.object({ group: groupRef, from: z.string().nullable(), to: z.string().nullable() })),
})

const personChange = z.object({ name: z.string(), householdNo: z.string(), groupName: z.string() })
/** Who the file adds, removes and changes: the first 100 of each, and how many in all. */
export const importPeopleSchema = z.object({
  added: z.array(personChange),
  removed: z.array(personChange),
  changed: z.array(z.object({ name: z.string(), householdNo: z.string(), fields: z.array(z.string()) })),
  counts: z.object({ added: z.number().int(), removed: z.number().int(), changed: z.number().int() }),
})

export const importNeighbourChangeSchema = z.object({ group: groupRef, added: z.array(z.string()), removed: z.array(z.string()) })

const importFileInput = z.strictObject({ villageId: idSchema, fileId })

export const rosterAdminContract = {
  villageGroups: action({
    who: '本村的村书记、村干部；所属镇、市的干部；管理员',
    input: z.strictObject({ villageId: idSchema }),
    output: z.object({ village: z.object({ id: z.string(), name: z.string() }), groups: z.array(villageGroupSchema) }),
  }),
  importTemplate: action({ who: '村干部、村书记、管理员', input: emptyInputSchema, output: fileRefSchema }),
  importPreview: action({
    who: '本村的村书记、村干部；管理员（只检查，不写入）',
    input: importFileInput,
    /** `errors`: the first 100 problems; `errorCount`: all of them. */
    /** `impact`, `people`, `neighbours`: null when the file has errors. */
    output: z.object({
      valid: z.boolean(),
      errors: z.array(importErrorSchema),
      errorCount: z.number().int().min(0),
      summary: importSummarySchema.nullable(),
      impact: importImpactSchema.nullable(),
      people: importPeopleSchema.nullable(),
      neighbours: z.array(importNeighbourChangeSchema),
    }),
  }),
  importCommit: action({
    who: '本村的村书记、村干部；管理员（整份文件无误才写入）',
    input: importFileInput.extend({
      /** A file that would move villagers out of the roster is refused (409) unless this says the user confirmed it. */
      allowRemovals: z.boolean().optional(),
    }),
    output: z.object({ summary: importSummarySchema, partyGroups: coverageStatsSchema }),
  }),
  export: action({ who: '本村的村书记、村干部；管理员（导出含完整手机号，记入台账）', input: z.strictObject({ villageId: idSchema }), output: fileRefSchema }),
  setPartyMembership: action({
    who: '本村的村书记、村干部；管理员',
    input: z.strictObject({ personId: idSchema, partyMembership: z.enum(['full', 'probationary']).nullable() }),
    output: z.object({ partyGroups: coverageStatsSchema }),
  }),
  setGroupLeader: action({
    who: '本村的村书记、村干部；管理员',
    input: z.strictObject({ groupId: idSchema, leaderId: idSchema.nullable() }),
    output: z.object({ partyGroups: coverageStatsSchema }),
  }),
  setNeighbours: action({
    who: '本村的村书记、村干部；管理员（相邻关系自动双向）',
    input: z.strictObject({ groupId: idSchema, neighbours: z.array(idSchema).max(50) }),
    output: z.object({ partyGroups: coverageStatsSchema }),
  }),
  changeLog: action({
    who: '本村的村书记、村干部；所属镇、市的干部；管理员',
    input: z.strictObject({ villageId: idSchema, ...cursorInputShape }),
    output: cursorPageOf(changeLogEntrySchema),
  }),
}
