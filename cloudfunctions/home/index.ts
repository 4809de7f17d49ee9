import { cloudMain } from '../shared/runtime/cloud-main'
import { homeFunction } from './actions'

export const main = cloudMain(homeFunction)
