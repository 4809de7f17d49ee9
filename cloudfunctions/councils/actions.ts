import { defineFunction } from '../shared/runtime/define-function'
import { bodyActions } from './bodies'
import { matterActions } from './matters'
import { proposalActions } from './proposals'
import { readingActions } from './reading'
import { votingActions } from './voting'

export const councilsFunction = defineFunction('councils', {
  ...bodyActions,
  ...matterActions,
  ...readingActions,
  ...votingActions,
  ...proposalActions,
})
