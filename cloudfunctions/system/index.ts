import { cloudMain } from '../shared/runtime/cloud-main'
import { systemFunction } from './actions'

export const main = cloudMain(systemFunction)
