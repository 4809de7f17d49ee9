import { villageTimestamp } from '../shared/domain/clock'
import { policy } from '../../types/policy'
import { allowBy } from '../shared/records/village-access'
import { defineFunction } from '../shared/runtime/define-function'

export const systemFunction = defineFunction('system', {
  /** The floor of every benchmark: auth, validation and the envelope, with no domain work. */
  ping: {
    allow: allowBy(policy.system.ping),
    run: async (context) => ({ pong: true as const, at: villageTimestamp(context.now()) }),
  },
})
