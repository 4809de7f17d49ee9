import { call } from './api'
import type { CardKind, ChatMessage } from './contract'

/**
 * How new chat messages reach an open chat page: the one place that knows. Today it polls
 * `chat.history {chatId, after}` about every 2 s while a page is subscribed; a WeChat database
 * `watch` or server-sent events in the browser can replace `pollingTransport` (setChatTransport)
 * without touching any page. Pages subscribe when shown and unsubscribe when hidden or closed.
 */
export interface ChatTransport {
  /**
   * Delivers messages newer than `after` (a message id; null: the chat's latest page), oldest
   * first, as they arrive, until the returned function is called. Messages may come again
   * (a retry): the receiver de-duplicates by id.
   */
  subscribe(chatId: string, after: string | null, onMessages: (messages: ChatMessage[]) => void): Unsubscribe
}

export type Unsubscribe = () => void

export const POLL_MS = 2000
/** After a failed poll (no signal): wait longer, but keep trying. */
const RETRY_MS = 6000

/** Polling: one request at a time per subscription, the next one 2 s after the last answer. */
export const pollingTransport: ChatTransport = {
  subscribe(chatId, after, onMessages) {
    let stopped = false
    let newest = after
    let timer: ReturnType<typeof setTimeout> | undefined
    const hidden = () => process.env.TARO_ENV === 'h5' && typeof document !== 'undefined' && document.visibilityState === 'hidden'

    const tick = async () => {
      if (stopped) return
      // A browser tab in the background asks nothing; it catches up when it is looked at again.
      if (hidden()) return schedule(POLL_MS)
      try {
        const page = await call('chat', 'history', newest ? { chatId, after: newest, limit: 50 } : { chatId, limit: 20 })
        if (stopped) return
        const items = [...page.items].reverse()
        if (items.length > 0) {
          newest = items[items.length - 1].id
          onMessages(items)
        }
        schedule(POLL_MS)
      } catch {
        schedule(RETRY_MS)
      }
    }
    const schedule = (ms: number) => {
      if (!stopped) timer = setTimeout(() => void tick(), ms)
    }
    schedule(POLL_MS)
    return () => {
      stopped = true
      if (timer) clearTimeout(timer)
    }
  },
}

let current: ChatTransport = pollingTransport

export function chatTransport(): ChatTransport {
  return current
}

/** Swaps the transport (a database watch in WeChat, SSE in the browser); open pages keep theirs. */
export function setChatTransport(next: ChatTransport): void {
  current = next
}

/** A message's own number, made before sending: a retry carries the same one and is stored once. */
export function newClientId(): string {
  return `c${Date.now().toString(36)}${Math.random().toString(36).slice(2, 10)}${Math.random().toString(36).slice(2, 6)}`
}

/** What the app sends (the chat and the client id are added by the sender). */
export type Outgoing =
  | { kind: 'text'; text: string; replyTo?: string }
  | { kind: 'photo'; fileId: string }
  | { kind: 'voice'; fileId: string; durationS: number }
  | { kind: 'card'; card: { kind: CardKind; id: string } }

/** One message on its way: shown at once, as 发送中, then 已发送 / 等待审核, or 发送失败 (tap to retry). */
export interface Pending {
  clientId: string
  body: Outgoing
  status: 'sending' | 'sent' | 'failed'
  /** Once the server has it. */
  id?: string
  seq?: number
  state?: ChatMessage['state']
  /** Why it failed, in plain words. */
  error?: string
  at: string
}

/** Sends (or sends again) one pending message; the same clientId every time. */
export async function sendPending(chatId: string, pending: Pending): Promise<{ id: string; seq: number; state: ChatMessage['state'] }> {
  return call('chat', 'send', { chatId, clientId: pending.clientId, ...pending.body })
}
