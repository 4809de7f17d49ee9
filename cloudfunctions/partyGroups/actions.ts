import { policy } from '../../types/policy'
import { formPartyGroups, groupFactsFrom, partyMemberFactsFrom, type Override } from '../shared/domain/party-groups'
import { previewInputProblems } from '../shared/domain/party-groups/preview-input'
import { coverageStatsOf, formVillage, planFormationWrites, readVillageFacts, recomputeLoadedVillage } from '../shared/party-groups/recompute-village'
import { groupRef, partyGroupFor, villageReport } from '../shared/party-groups/village-report'
import { coverageReport, allowCoverage } from '../shared/party-groups/coverage-report'
import { villageDate } from '../shared/domain/clock'
import { ageOn } from '../shared/domain/personal-data'
import { readWhereIn } from '../shared/records/read-all'
import type { GroupRecord, PartyGroupRecord, PersonRecord } from '../shared/records/records'
import { allowBy, allowOnVillage, placeOfVillage, requireVillage } from '../shared/records/village-access'
import { audit } from '../shared/audit/audit'
import { AppError, invalidInput, notFound } from '../shared/runtime/app-error'
import { defineFunction } from '../shared/runtime/define-function'

/** One standing override per subject (a group's move, a Party group's leader): a new one replaces the old. */
function sameSubject(a: Override, b: Pick<Override, 'kind'> & { groupId?: string; partyGroupId?: string }): boolean {
  if (a.kind !== b.kind) return false
  return a.kind === 'MOVE_GROUP' ? a.groupId === b.groupId : a.partyGroupId === b.partyGroupId
}

export const partyGroupsFunction = defineFunction('partyGroups', {
  preview: {
    allow: async (caller, { villageId }, { places }) => policy.partyGroups.preview(caller, villageId ? placeOfVillage(await places.village(villageId)) : null),
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
    allow: allowOnVillage(policy.partyGroups.village, (input) => input.villageId),
    run: async ({ db, places }, { villageId }) => villageReport(db, await requireVillage(places, villageId)),
  },

  members: {
    allow: allowOnVillage(policy.partyGroups.members, (input) => input.villageId),
    run: async ({ db, places, now }, { villageId, partyGroupId }) => {
      await requireVillage(places, villageId)
      const { data: partyGroup } = await db.collection<PartyGroupRecord>('partyGroups').doc(partyGroupId).get()
      if (!partyGroup || partyGroup.villageId !== villageId) throw notFound('这个党小组')
      const [people, { data: groups }] = await Promise.all([
        readWhereIn<PersonRecord>(db, 'people', 'groupId', partyGroup.groupIds),
        db
          .collection<GroupRecord>('groups')
          .where({ _id: db.command.in(partyGroup.groupIds) })
          .limit(partyGroup.groupIds.length)
          .get(),
      ])
      const groupById = new Map(groups.map((group) => [group._id, group]))
      const today = villageDate(now())
      return {
        items: people
          .filter((person) => person.partyMembership && person.groupId && groupById.has(person.groupId))
          .map((person) => ({
            id: person._id,
            name: person.name,
            age: ageOn(person.birthDate, today),
            group: groupRef(groupById.get(person.groupId!)!),
            isGroupLeader: groupById.get(person.groupId!)!.leaderId === person._id,
          }))
          .sort((a, b) => a.group.number - b.group.number || a.name.localeCompare(b.name, 'zh-CN')),
      }
    },
  },

  recompute: {
    allow: allowOnVillage(policy.partyGroups.recompute, (input) => input.villageId),
    run: async ({ db, places, caller, now }, { villageId }) => {
      const { after } = await recomputeLoadedVillage(db, await requireVillage(places, villageId), now(), {
        audit: { actor: caller, action: 'partyGroups.recompute', summary: '重新计算了本村的党小组' },
      })
      return villageReport(db, after.village, after)
    },
  },

  override: {
    allow: allowOnVillage(policy.partyGroups.override, (input) => input.villageId),
    run: async ({ db, places, caller, now }, { villageId, override }) => {
      // The village, its groups, Party groups, service points and overrides are read once, the
      // rules run once, and what they give is what gets stored.
      const facts = await readVillageFacts(db, await requireVillage(places, villageId))
      const { groups } = facts
      const groupById = new Map(groups.map((group) => [group._id, group]))
      let summary: string
      // For an appointment the ledger keeps who led the Party group before it.
      let previousLeader: { id: string | null; name: string | null } | null = null
      if (override.kind === 'MOVE_GROUP') {
        const fields = [
          ...(groupById.has(override.groupId) ? [] : [{ path: 'data.override.groupId', message: '这个组不在本村' }]),
          ...(groupById.has(override.toGroupId) ? [] : [{ path: 'data.override.toGroupId', message: '目标组不在本村' }]),
        ]
        if (fields.length > 0) throw invalidInput(fields)
        // A move within its own Party group changes nothing: refused, never stored as an override
        // (it would stand in the ledger as a change and replace an earlier move of the group).
        const current = facts.partyGroups.find((partyGroup) => partyGroup.groupIds.includes(override.groupId))
        if (override.toGroupId === override.groupId || current?.groupIds.includes(override.toGroupId)) {
          throw invalidInput([{ path: 'data.override.toGroupId', message: '这个组已经在目标组所在的党小组里' }])
        }
        summary = `把${groupById.get(override.groupId)!.name}调到${groupById.get(override.toGroupId)!.name}所在的党小组`
      } else {
        const partyGroup = facts.partyGroups.find((candidate) => candidate._id === override.partyGroupId)
        if (!partyGroup) {
          throw invalidInput([{ path: 'data.override.partyGroupId', message: '这个党小组不在本村' }])
        }
        // The appointee and the leader they replace (for the ledger), in one read.
        const formerId = partyGroup.leaderId
        const { data: named } = await db
          .collection<PersonRecord>('people')
          .where({ _id: db.command.in([...new Set([override.leaderId, ...(formerId ? [formerId] : [])])]) })
          .limit(2)
          .get()
        const appointee = named.find((person) => person._id === override.leaderId)
        if (!appointee?.partyMembership || !appointee.groupId || !partyGroup.groupIds.includes(appointee.groupId)) {
          throw invalidInput([{ path: 'data.override.leaderId', message: '只能指定本党小组的党员' }])
        }
        if (partyGroup.leaderId === appointee._id) throw new AppError('CONFLICT', `${appointee.name}已经是这个党小组的党小组长`)
        summary = `指定${appointee.name}为${partyGroup.name}的党小组长`
        previousLeader = { id: formerId, name: named.find((person) => person._id === formerId)?.name ?? null }
      }
      const at = now()
      const stored: Override = { ...override, by: caller.personId, at: at.toISOString() }
      const standing = facts.overrides
      const previous = standing.filter((doc) => sameSubject(doc.override, override))
      // Tried through the rules before anything is stored: an override they refuse is answered with
      // their reason and never stored; an accepted one is stored with the Party groups it gave.
      const trial = await formVillage(db, groups, [...standing.filter((doc) => !previous.includes(doc)).map((doc) => doc.override), stored])
      const issue = trial.overrideIssues.find((entry) => entry.override.at === stored.at && entry.override.by === stored.by && entry.override.kind === stored.kind)
      if (issue) throw new AppError('CONFLICT', `不能这样调整：${issue.message}`)
      const writes = await planFormationWrites(db, facts, trial, at)
      await db.runTransaction(async (tx) => {
        for (const doc of previous) await tx.collection('partyGroupOverrides').doc(doc._id).remove()
        await tx.collection('partyGroupOverrides').add({ villageId, override: stored })
        await audit(tx, caller, {
          at,
          scope: { townId: facts.village.townId, villageId },
          subject: { kind: override.kind === 'MOVE_GROUP' ? 'group' : 'partyGroup', id: override.kind === 'MOVE_GROUP' ? override.groupId : override.partyGroupId },
          action: 'partyGroups.override',
          summary,
          before: previousLeader ? { leader: previousLeader, overrides: previous.map((doc) => doc.override) } : previous.map((doc) => doc.override),
          after: stored,
          note: override.why,
        })
        await writes.apply(tx)
      })
      return villageReport(db, writes.after.village, writes.after)
    },
  },

  coverage: {
    allow: allowCoverage,
    run: async ({ db, places }, input) => coverageReport(db, places, input.level, input.id ?? null),
  },

  mine: {
    allow: allowBy(policy.partyGroups.mine),
    run: async ({ db, caller }) => {
      const { data: group } = caller.groupId ? await db.collection<GroupRecord>('groups').doc(caller.groupId).get() : { data: null }
      if (!group) return { partyGroup: null, myServicePoint: null }
      const { view, myServicePoint } = await partyGroupFor(db, group)
      return { partyGroup: view, myServicePoint }
    },
  },
})
