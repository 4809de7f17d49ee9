import { cloudMain } from '../shared/runtime/cloud-main'
import { filesFunction } from './actions'
import { filesJobs } from './jobs'

export const main = cloudMain(filesFunction, filesJobs)
