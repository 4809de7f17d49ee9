/**
 * WeChat's msgSecCheck v2 (`cloud.openapi.security.msgSecCheck`): `version: 2`, the user's OPENID
 * (they used the mini program in the last 2 hours), a scene (3: forum/chat) and at most 2,500
 * characters. It answers errcode 0 even when content is flagged: the verdict is `result.suggest`.
 * If WeChat cannot be asked, the message is held for a leader rather than refused or let through.
 */
import type { ContentCheck, Verdict } from './port'

export interface SecurityApi {
  security: {
    msgSecCheck(args: { content: string; version: 2; scene: number; openid: string }): Promise<{ errCode?: number; result?: { suggest?: string } }>
  }
}

export const MSG_SEC_CHECK_MAX = 2500
const SCENE_FORUM = 3

export function wechatContentCheck(openapi: SecurityApi): ContentCheck {
  return {
    async check(text, { openId }): Promise<Verdict> {
      if (!openId) return 'review'
      try {
        const answer = await openapi.security.msgSecCheck({ content: text.slice(0, MSG_SEC_CHECK_MAX), version: 2, scene: SCENE_FORUM, openid: openId })
        const suggest = answer?.result?.suggest
        if (suggest === 'pass' || suggest === 'review' || suggest === 'risky') return suggest
        return 'review'
      } catch {
        return 'review'
      }
    },
  }
}
