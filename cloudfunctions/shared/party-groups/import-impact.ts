/**
 * What an import would do, shown before it is committed: the Party groups the same rules form on
 * the planned roster (with the secretary's standing overrides) against those they form now, who is
 * added, removed or changed, and which neighbours change. Pure: the plan and the stored roster in,
 * plain data out.
 */
import { formPartyGroups, type FormationResult, type Override } from '../domain/party-groups'
import type { GroupDoc, PersonDoc } from '../domain/roster'
import type { ExistingRoster, ImportPlan } from '../domain/roster-import'
import { coverageStatsOf, groupFactsOf, partyGroupName } from './recompute-village'

/** At most this many people of each kind are listed; `counts` has them all. */
export const MAX_LISTED_PEOPLE = 100

function formed(groups: readonly GroupDoc[], people: readonly PersonDoc[], overrides: Override[]): FormationResult {
  return formPartyGroups({
    groups: groupFactsOf(groups),
    overrides,
    partyMembers: people.filter((person) => person.partyMembership && person.groupId).map((person) => ({ id: person._id, groupId: person.groupId! })),
  })
}

/** Group id → the name of its Party group. */
function partyGroupNames(villageName: string, groups: readonly GroupDoc[], result: FormationResult): Map<string, string> {
  const numberOf = new Map(groups.map((group) => [group._id, group.number]))
  const names = new Map<string, string>()
  for (const partyGroup of result.partyGroups) {
    const name = partyGroupName(
      villageName,
      partyGroup.groupIds.map((id) => numberOf.get(id) ?? 0),
    )
    for (const id of partyGroup.groupIds) names.set(id, name)
  }
  return names
}

const ref = (group: GroupDoc) => ({ id: group._id, number: group.number, name: group.name })

/** The template's column for each stored field a changed villager may differ in. */
const FIELD_COLUMNS: ReadonlyArray<[keyof PersonDoc, string]> = [
  ['name', '姓名'],
  ['gender', '性别'],
  ['birthDate', '出生日期'],
  ['phone', '手机号'],
  ['partyMembership', '政治面貌'],
  ['householdNo', '户号'],
  ['groupId', '组号'],
]

export function importImpact(village: { name: string }, plan: ImportPlan, existing: ExistingRoster, overrides: Override[]) {
  const beforeResult = formed(existing.groups, existing.people, overrides)
  const afterResult = formed(plan.groups, [...plan.people, ...existing.people.filter((person) => person.householdId === null)], overrides)
  const beforeNames = partyGroupNames(village.name, existing.groups, beforeResult)
  const afterNames = partyGroupNames(village.name, plan.groups, afterResult)
  const afterGroupById = new Map(plan.groups.map((group) => [group._id, group]))
  const beforeGroupById = new Map(existing.groups.map((group) => [group._id, group]))
  const everyGroup = [...plan.groups, ...existing.groups.filter((group) => !afterGroupById.has(group._id))].sort((a, b) => a.number - b.number)

  const impact = {
    before: coverageStatsOf(beforeResult),
    after: coverageStatsOf(afterResult),
    uncovered: afterResult.uncovered
      .filter((entry) => afterGroupById.has(entry.groupId))
      .map((entry) => ({ group: ref(afterGroupById.get(entry.groupId)!), reason: { code: entry.reason.code, message: entry.reason.message } })),
    crossGroupChanges: everyGroup
      .map((group) => ({ group: ref(group), from: beforeNames.get(group._id) ?? null, to: afterNames.get(group._id) ?? null }))
      .filter((change) => change.from !== change.to),
  }

  const groupName = (id: string | null) => (id ? (afterGroupById.get(id)?.name ?? beforeGroupById.get(id)?.name ?? '') : '')
  const storedById = new Map(existing.people.map((person) => [person._id, person]))
  const row = (person: PersonDoc) => ({ name: person.name, householdNo: person.householdNo ?? '', groupName: groupName(person.groupId) })
  const added = plan.people.filter((person) => !storedById.has(person._id))
  const removedIds = new Set(plan.remove.people)
  const removed = existing.people.filter((person) => removedIds.has(person._id))
  const changedIds = new Set(plan.changed.people)
  const changed = plan.people
    .filter((person) => changedIds.has(person._id) && storedById.has(person._id))
    .map((person) => {
      const stored = storedById.get(person._id)!
      return { name: person.name, householdNo: person.householdNo ?? '', fields: FIELD_COLUMNS.filter(([field]) => stored[field] !== person[field]).map(([, column]) => column) }
    })
    .filter((change) => change.fields.length > 0)
  const people = {
    added: added.slice(0, MAX_LISTED_PEOPLE).map(row),
    removed: removed.slice(0, MAX_LISTED_PEOPLE).map(row),
    changed: changed.slice(0, MAX_LISTED_PEOPLE),
    counts: { added: added.length, removed: removed.length, changed: changed.length },
  }

  // The template's 相邻组 column: neighbours as the file states them against those stored.
  const neighbours = plan.groups
    .map((group) => {
      const before = new Set(beforeGroupById.get(group._id)?.neighbours ?? [])
      const after = new Set(group.neighbours)
      return {
        group: ref(group),
        added: [...after].filter((id) => !before.has(id)).map(groupName),
        removed: [...before].filter((id) => !after.has(id)).map(groupName),
      }
    })
    .filter((change) => change.added.length > 0 || change.removed.length > 0)

  return { impact, people, neighbours }
}
