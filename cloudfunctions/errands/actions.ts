import { defineFunction } from '../shared/runtime/define-function'
import { catalogActions } from './catalog'
import { figuresActions } from './figures'
import { readingActions } from './reading'
import { stepActions } from './steps'
import { submitActions } from './submit'

export const errandsFunction = defineFunction('errands', {
  ...catalogActions,
  ...submitActions,
  ...stepActions,
  ...readingActions,
  ...figuresActions,
})
