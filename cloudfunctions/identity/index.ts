import { cloudMain } from '../shared/runtime/cloud-main'
import { identityFunction } from './actions'
import { expireInvitations } from './jobs'

export const main = cloudMain(identityFunction, { expireInvitations })
