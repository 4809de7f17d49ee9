/** Every cloud function and its jobs, for hosts that serve them all (the local host, tests, benchmarks). */
import { councilsFunction } from './councils/actions'
import { councilsJobs } from './councils/jobs'
import { errandsFunction } from './errands/actions'
import { errandsJobs } from './errands/jobs'
import { mediationFunction } from './mediation/actions'
import { mediationJobs } from './mediation/jobs'
import { chatFunction } from './chat/actions'
import { filesFunction } from './files/actions'
import { filesJobs } from './files/jobs'
import { homeFunction } from './home/actions'
import { identityFunction } from './identity/actions'
import { identityJobs } from './identity/jobs'
import { inboxFunction } from './inbox/actions'
import { inboxJobs } from './inbox/jobs'
import { partyGroupsFunction } from './partyGroups/actions'
import { rosterFunction } from './roster/actions'
import type { JobTable } from './shared/runtime/run-job'
import { systemFunction } from './system/actions'

export const cloudFunctions = {
  system: systemFunction,
  identity: identityFunction,
  home: homeFunction,
  roster: rosterFunction,
  partyGroups: partyGroupsFunction,
  inbox: inboxFunction,
  files: filesFunction,
  councils: councilsFunction,
  errands: errandsFunction,
  mediation: mediationFunction,
  chat: chatFunction,
} as const

/** Each function's jobs by name; their schedules are in manifest.ts. */
export const cloudJobs = {
  identity: identityJobs,
  files: filesJobs,
  inbox: inboxJobs,
  councils: councilsJobs,
  errands: errandsJobs,
  mediation: mediationJobs,
} as const satisfies JobTable
