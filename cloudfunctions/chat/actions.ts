import { defineFunction } from '../shared/runtime/define-function'
import { aidActions } from './aid'
import { messageActions } from './messages'
import { moderationActions } from './moderation'
import { questionActions } from './questions'

export const chatFunction = defineFunction('chat', {
  ...messageActions,
  ...moderationActions,
  ...questionActions,
  ...aidActions,
})
