import cloud from 'wx-server-sdk'
import { openApiSender, type OpenApi } from '../shared/inbox/sender'
import { cloudMain } from '../shared/runtime/cloud-main'
import { inboxFunction } from './actions'
import { inboxJobs } from './jobs'

export const main = cloudMain(inboxFunction, inboxJobs, {
  messages: () => {
    cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV as unknown as string })
    return openApiSender(cloud.openapi as unknown as OpenApi)
  },
})
