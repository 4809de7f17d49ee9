import { cloudMain } from '../shared/runtime/cloud-main'
import { councilsFunction } from './actions'
import { councilsJobs } from './jobs'

export const main = cloudMain(councilsFunction, councilsJobs)
