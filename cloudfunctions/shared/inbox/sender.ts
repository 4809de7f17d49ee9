/**
 * How a notice reaches WeChat: a subscription message (订阅消息). In the cloud through
 * wx-server-sdk's `cloud.openapi.subscribeMessage.send`; on the local host a recorder keeps what
 * would have been sent in the `outbox` collection (shown by GET /api/dev/outbox in demo mode).
 */
import type { Database } from '../db/port'
import type { OutboxRecord } from './records'

export interface SubscriptionMessage {
  touser: string
  templateId: string
  page: string
  data: Record<string, { value: string }>
}

export type SendOutcome = { ok: true } | { ok: false; errCode: number; errMsg: string }

export interface MessageSender {
  send(message: SubscriptionMessage, meta: { inboxId: string; personId: string; at: Date }): Promise<SendOutcome>
}

/** WeChat's "the user has not subscribed (or used up) this template": final, never retried. */
export const NOT_SUBSCRIBED = 43101

/** The part of wx-server-sdk's cloud.openapi this uses (its own typings are loose). */
export interface OpenApi {
  subscribeMessage: {
    send(args: SubscriptionMessage & { miniprogramState?: string }): Promise<{ errCode?: number; errMsg?: string }>
  }
}

export function openApiSender(openapi: OpenApi, miniprogramState = 'formal'): MessageSender {
  return {
    async send(message) {
      try {
        const result = await openapi.subscribeMessage.send({ ...message, miniprogramState })
        if (result?.errCode) return { ok: false, errCode: result.errCode, errMsg: result.errMsg ?? '' }
        return { ok: true }
      } catch (error) {
        // The SDK throws on WeChat errors, with errCode on the error.
        const { errCode, errMsg, message: text } = (error ?? {}) as { errCode?: unknown; errMsg?: unknown; message?: unknown }
        return { ok: false, errCode: typeof errCode === 'number' ? errCode : -1, errMsg: String(errMsg ?? text ?? error) }
      }
    },
  }
}

export function recordingSender(db: Database): MessageSender {
  return {
    async send(message, { inboxId, personId, at }) {
      const record: Omit<OutboxRecord, '_id'> = {
        inboxId,
        personId,
        openId: message.touser,
        templateId: message.templateId,
        page: message.page,
        data: message.data,
        sentAt: at.toISOString(),
      }
      await db.collection('outbox').add(record)
      return { ok: true }
    },
  }
}

/**
 * Template ids per notice kind come from the environment (WX_TEMPLATE_<KIND>, e.g.
 * WX_TEMPLATE_PARTY_GROUP_CHANGED): they belong to the mini program's account, not the code.
 */
export function templateIdFor(kind: string, env: Record<string, string | undefined>, fallback?: (kind: string) => string): string | null {
  return env[`WX_TEMPLATE_${kind.toUpperCase()}`] || (fallback ? fallback(kind) : null)
}
