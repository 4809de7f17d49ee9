import { cloudMain } from '../shared/runtime/cloud-main'
import { identityFunction } from './actions'

export const main = cloudMain(identityFunction)
