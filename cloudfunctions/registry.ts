/** Every cloud function, for hosts that serve them all (the local host, tests, benchmarks). */
import { homeFunction } from './home/actions'
import { identityFunction } from './identity/actions'
import { rosterFunction } from './roster/actions'
import { systemFunction } from './system/actions'
import { partyGroupsFunction } from './partyGroups/actions'
import { filesFunction } from './files/actions'

export const cloudFunctions = {
  system: systemFunction,
  identity: identityFunction,
  home: homeFunction,
  roster: rosterFunction,
  partyGroups: partyGroupsFunction,
  files: filesFunction,
} as const
