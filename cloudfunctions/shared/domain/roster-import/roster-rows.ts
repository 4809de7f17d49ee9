/**
 * Export: the stored roster as the template's table, so staff can edit it and import it again.
 * The inverse of parseRosterTable: exporting and importing unchanged data changes no villager.
 */
import type { GroupDoc, HouseholdDoc, PersonDoc } from '../roster'
import { LEADER_MARK, PARTY_LABEL, ROSTER_COLUMNS, type RosterColumn } from './columns'
import { byNumber, naturalCompare } from './ordering'

export type RosterGroupView = Pick<GroupDoc, '_id' | 'number' | 'name' | 'leaderId' | 'neighbours'>
export type RosterHouseholdView = Pick<HouseholdDoc, '_id' | 'groupId' | 'householdNo'>
export type RosterPersonView = Pick<PersonDoc, '_id' | 'name' | 'gender' | 'birthDate' | 'phone' | 'partyMembership' | 'householdId'>

/**
 * Header + one row per villager, by group number, household number, then birth date. People without
 * a household (or whose household or group is not given) have no place in the template and are left out.
 */
export function rosterRows(groups: readonly RosterGroupView[], households: readonly RosterHouseholdView[], people: readonly RosterPersonView[]): string[][] {
  const groupById = new Map(groups.map((group) => [group._id, group]))
  const householdById = new Map(households.map((household) => [household._id, household]))
  const placed = people.flatMap((person) => {
    const household = householdById.get(person.householdId ?? '')
    const group = groupById.get(household?.groupId ?? '')
    return household && group ? [{ person, household, group }] : []
  })
  placed.sort(
    (a, b) =>
      byNumber(a.group.number, b.group.number) ||
      naturalCompare(a.household.householdNo, b.household.householdNo) ||
      compareText(a.person.birthDate, b.person.birthDate) ||
      compareText(a.person.name, b.person.name) ||
      naturalCompare(a.person._id, b.person._id),
  )
  // Only groups with rows exist in the file: naming any other as a neighbour would fail the import.
  const exported = new Set(placed.map(({ group }) => group._id))
  const seen = new Set<string>()
  const rows = placed.map(({ person, household, group }) => {
    const firstOfGroup = !seen.has(group._id)
    seen.add(group._id)
    const cells: Record<RosterColumn, string> = {
      组号: String(group.number),
      组名: group.name,
      户号: household.householdNo,
      姓名: person.name,
      性别: person.gender,
      出生日期: person.birthDate,
      手机号: person.phone ?? '',
      政治面貌: PARTY_LABEL[person.partyMembership ?? 'none'],
      组长: group.leaderId === person._id ? LEADER_MARK : '',
      // Once per group: the file reads the union of a group's rows, so one place to edit is clearer.
      相邻组: firstOfGroup ? neighbourNumbers(group, groupById, exported).join('、') : '',
    }
    return ROSTER_COLUMNS.map((column) => cells[column])
  })
  return [[...ROSTER_COLUMNS], ...rows]
}

function neighbourNumbers(group: RosterGroupView, groupById: ReadonlyMap<string, RosterGroupView>, exported: ReadonlySet<string>): number[] {
  return [...new Set(group.neighbours)]
    .filter((id) => exported.has(id) && id !== group._id)
    .map((id) => groupById.get(id)?.number ?? 0)
    .sort(byNumber)
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}
