import { defineFunction } from '../shared/runtime/define-function'
import { agreementActions } from './agreement'
import { openActions } from './open'
import { readingActions } from './reading'
import { stepActions } from './steps'

export const mediationFunction = defineFunction('mediation', {
  ...openActions,
  ...stepActions,
  ...agreementActions,
  ...readingActions,
})
