import { cloudMain } from '../shared/runtime/cloud-main'
import { rosterFunction } from './actions'

export const main = cloudMain(rosterFunction)
