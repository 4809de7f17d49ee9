export {
  COLUMN_GUIDE,
  defaultGroupName,
  EXAMPLE_ROWS,
  GENERAL_GUIDE,
  LEADER_MARK,
  PARTY_LABEL,
  ROSTER_COLUMNS,
  TEXT_COLUMNS,
} from './columns'
export type { RosterColumn } from './columns'
export { parseRosterTable, personKey } from './parse-roster-table'
export { planVillageImport } from './plan-village-import'
export { rosterRows } from './roster-rows'
export type { RosterGroupView, RosterHouseholdView, RosterPersonView } from './roster-rows'
export type * from './types'
