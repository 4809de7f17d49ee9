import { cloudMain } from '../shared/runtime/cloud-main'
import { mediationFunction } from './actions'
import { mediationJobs } from './jobs'

export const main = cloudMain(mediationFunction, mediationJobs)
