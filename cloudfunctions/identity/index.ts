import { cloudMain } from '../shared/runtime/cloud-main'
import { identityFunction } from './actions'
import { identityJobs } from './jobs'

export const main = cloudMain(identityFunction, identityJobs)
