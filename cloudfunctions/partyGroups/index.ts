import { cloudMain } from '../shared/runtime/cloud-main'
import { partyGroupsFunction } from './actions'

export const main = cloudMain(partyGroupsFunction)
