import cloud from 'wx-server-sdk'
import { useContentCheck } from '../shared/content-check/port'
import { wechatContentCheck, type SecurityApi } from '../shared/content-check/wechat'
import { cloudMain } from '../shared/runtime/cloud-main'
import { chatFunction } from './actions'

// In the cloud every text passes WeChat's msgSecCheck v2 (declared in manifest.ts openapi).
cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV as unknown as string })
useContentCheck(wechatContentCheck(cloud.openapi as unknown as SecurityApi))

export const main = cloudMain(chatFunction)
