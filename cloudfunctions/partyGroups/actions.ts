import { formPartyGroups, groupFactsFrom, partyMemberFactsFrom, type Override } from '../shared/domain/party-groups'
import { previewInputProblems } from '../shared/domain/party-groups/preview-input'
import { coverageStatsOf, formVillage, recomputeVillage } from '../shared/party-groups/recompute-village'
import { partyGroupFor, villageReport } from '../shared/party-groups/village-report'
import { coverageReport, allowCoverage } from '../shared/party-groups/coverage-report'
import type { GroupRecord, OverrideDoc, PartyGroupRecord, PersonRecord } from '../shared/records/records'
import { allowOnVillage, requireVillage, VILLAGE_MANAGERS, VILLAGE_READERS } from '../shared/records/village-access'
import { audit } from '../shared/audit/audit'
import { AppError, invalidInput } from '../shared/runtime/app-error'
import { defineFunction } from '../shared/runtime/define-function'

/** One standing override per subject (a group's move, a Party group's leader): a new one replaces the old. */
function sameSubject(a: Override, b: Pick<Override, 'kind'> & { groupId?: string; partyGroupId?: string }): boolean {
  if (a.kind !== b.kind) return false
  return a.kind === 'MOVE_GROUP' ? a.groupId === b.groupId : a.partyGroupId === b.partyGroupId
}

const PREVIEWERS = ['village_secretary', 'town_officer', 'city_officer', 'admin'] as const

export const partyGroupsFunction = defineFunction('partyGroups', {
  preview: {
    // A what-if on data the caller sends; with a villageId the grant must cover that village.
    allow: async (caller, input, context) => {
      if (!caller.grants.some((grant) => (PREVIEWERS as readonly string[]).includes(grant.role))) return false
      return allowOnVillage(PREVIEWERS, () => input.villageId ?? null)(caller, input, context)
    },
    run: async (_context, input) => {
      const problems = previewInputProblems(input)
      if (problems.length > 0) throw invalidInput(problems, '村民小组或人员的编号对不上，请检查')
      const result = formPartyGroups({
        groups: groupFactsFrom(input.groups, input.members),
        partyMembers: partyMemberFactsFrom(input.members),
      })
      return {
        partyGroups: result.partyGroups.map(({ id, groupIds, leaderId, crossGroup, reasons, flags }) => ({ id, groupIds, leaderId, crossGroup, reasons, flags })),
        uncovered: result.uncovered.map(({ groupId, reason }) => ({ groupId, reason })),
        stats: coverageStatsOf(result),
      }
    },
  },

  village: {
    allow: allowOnVillage(VILLAGE_READERS, (input) => input.villageId),
    run: async ({ db }, { villageId }) => villageReport(db, await requireVillage(db, villageId)),
  },

  recompute: {
    allow: allowOnVillage([...VILLAGE_MANAGERS, 'town_officer'], (input) => input.villageId),
    run: async ({ db, caller, now }, { villageId }) => {
      await recomputeVillage(db, villageId, now(), { audit: { actor: caller, action: 'partyGroups.recompute', summary: '重新计算了本村的党小组' } })
      return villageReport(db, await requireVillage(db, villageId))
    },
  },

  override: {
    // Only the village's own Party secretary changes its Party groups (an admin may stand in).
    allow: allowOnVillage(['village_secretary', 'admin'], (input) => input.villageId),
    run: async ({ db, caller, now }, { villageId, override }) => {
      const village = await requireVillage(db, villageId)
      const { data: groups } = await db.collection<GroupRecord>('groups').where({ villageId }).limit(1000).get()
      const groupById = new Map(groups.map((group) => [group._id, group]))
      let summary: string
      if (override.kind === 'MOVE_GROUP') {
        const fields = [
          ...(groupById.has(override.groupId) ? [] : [{ path: 'data.override.groupId', message: '这个组不在本村' }]),
          ...(groupById.has(override.toGroupId) ? [] : [{ path: 'data.override.toGroupId', message: '目标组不在本村' }]),
        ]
        if (fields.length > 0) throw invalidInput(fields)
        summary = `把${groupById.get(override.groupId)!.name}调到${groupById.get(override.toGroupId)!.name}所在的党小组`
      } else {
        const { data: partyGroup } = await db.collection<PartyGroupRecord>('partyGroups').doc(override.partyGroupId).get()
        if (!partyGroup || partyGroup.villageId !== villageId) {
          throw invalidInput([{ path: 'data.override.partyGroupId', message: '这个党小组不在本村' }])
        }
        const { data: appointee } = await db.collection<PersonRecord>('people').doc(override.leaderId).get()
        if (!appointee?.partyMembership || !appointee.groupId || !partyGroup.groupIds.includes(appointee.groupId)) {
          throw invalidInput([{ path: 'data.override.leaderId', message: '只能指定本党小组的党员' }])
        }
        if (partyGroup.leaderId === appointee._id) throw new AppError('CONFLICT', `${appointee.name}已经是这个党小组的党小组长`)
        summary = `指定${appointee.name}为${partyGroup.name}的党小组长`
      }
      const stored: Override = { ...override, by: caller.personId, at: now().toISOString() }
      const { data: standing } = await db.collection<OverrideDoc>('partyGroupOverrides').where({ villageId }).limit(1000).get()
      const previous = standing.filter((doc) => sameSubject(doc.override, override))
      // Try it through the rules first: an override they refuse is answered with their reason and never stored.
      const trial = await formVillage(db, groups, [...standing.filter((doc) => !previous.includes(doc)).map((doc) => doc.override as Override), stored])
      const issue = trial.overrideIssues.find((entry) => entry.override.at === stored.at && entry.override.by === stored.by && entry.override.kind === stored.kind)
      if (issue) throw new AppError('CONFLICT', `不能这样调整：${issue.message}`)
      await db.runTransaction(async (tx) => {
        for (const doc of previous) await tx.collection('partyGroupOverrides').doc(doc._id).remove()
        await tx.collection('partyGroupOverrides').add({ villageId, override: stored })
        await audit(tx, caller, {
          at: now(),
          scope: { townId: village.townId, villageId },
          subject: { kind: override.kind === 'MOVE_GROUP' ? 'group' : 'partyGroup', id: override.kind === 'MOVE_GROUP' ? override.groupId : override.partyGroupId },
          action: `partyGroups.override.${override.kind}`,
          summary,
          before: previous.map((doc) => doc.override),
          after: stored,
          note: override.why,
        })
      })
      await recomputeVillage(db, villageId, now())
      const report = await villageReport(db, await requireVillage(db, villageId))
      return report
    },
  },

  coverage: {
    allow: allowCoverage,
    run: async ({ db }, input) => coverageReport(db, input.level, input.id ?? null),
  },

  mine: {
    allow: () => true,
    run: async ({ db, caller }) => {
      const { data: group } = caller.groupId ? await db.collection<GroupRecord>('groups').doc(caller.groupId).get() : { data: null }
      if (!group) return { partyGroup: null, myServicePoint: null }
      const { view, myServicePoint } = await partyGroupFor(db, group)
      return { partyGroup: view, myServicePoint }
    },
  },
})

