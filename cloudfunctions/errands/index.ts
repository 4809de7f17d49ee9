import { cloudMain } from '../shared/runtime/cloud-main'
import { errandsFunction } from './actions'
import { errandsJobs } from './jobs'

export const main = cloudMain(errandsFunction, errandsJobs)
