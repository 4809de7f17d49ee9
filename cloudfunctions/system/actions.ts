import { villageTimestamp } from '../shared/domain/clock'
import { defineFunction } from '../shared/runtime/define-function'

export const systemFunction = defineFunction('system', {
  /** The floor of every benchmark: auth, validation and the envelope, with no domain work. */
  ping: {
    allow: () => true,
    run: async (context) => ({ pong: true as const, at: villageTimestamp(context.now()) }),
  },
})
