import { cloudMain } from '../shared/runtime/cloud-main'
import { filesFunction } from './actions'

export const main = cloudMain(filesFunction)
