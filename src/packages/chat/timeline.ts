import { useDidHide, useDidShow, useUnload } from '@tarojs/taro'
import { useCallback, useEffect, useRef, useState } from 'react'
import { refreshChatUnread } from '../../lib/unread'
import { ApiError, call, toApiError } from '../../services/api'
import { chatTransport, newClientId, sendPending, type Outgoing, type Pending, type Unsubscribe } from '../../services/chat-transport'
import type { ChatMessage } from '../../services/contract'
import { goToLogin } from '../../services/routes'

export type TimelineStatus = { status: 'loading' } | { status: 'error'; error: ApiError } | { status: 'ready' }

export interface Timeline {
  status: TimelineStatus
  /** Oldest first: what the server has (de-duplicated by id), then what is still on its way. */
  messages: ChatMessage[]
  pending: Pending[]
  /** Client ids sent from this page: their messages say 已发送 / 等待审核. */
  sentHere: ReadonlySet<string>
  hasOlder: boolean
  loadingOlder: boolean
  olderError?: string
  loadOlder: () => void
  send: (body: Outgoing) => void
  /** 发送失败 → tap: sends again with the same clientId (never shown twice). */
  retry: (clientId: string) => void
  /** Changes one message in place (asked, hidden, released). */
  patch: (id: string, change: Partial<ChatMessage>) => void
  reload: () => void
  /** Runs when a message arrives from the transport (a new notice: the pinned list is asked again). */
  newest: ChatMessage | null
}

const PAGE = 20

function mergeById(list: ChatMessage[], incoming: ChatMessage[]): ChatMessage[] {
  const byId = new Map(list.map((message) => [message.id, message]))
  for (const message of incoming) byId.set(message.id, message)
  return [...byId.values()].sort((a, b) => a.seq - b.seq)
}

/**
 * One chat's messages for its page: the latest page first, older pages by cursor (查看更早的消息),
 * new ones from the transport while the page is shown, and the messages being sent. Marks the
 * chat read up to the newest message whenever new ones are shown.
 */
export function useTimeline(chatId: string): Timeline {
  const [status, setStatus] = useState<TimelineStatus>({ status: 'loading' })
  const [messages, setMessages] = useState<ChatMessage[]>([])
  const [pending, setPending] = useState<Pending[]>([])
  const [sentHere, setSentHere] = useState<Set<string>>(() => new Set())
  const [cursor, setCursor] = useState<string | null>(null)
  const [loadingOlder, setLoadingOlder] = useState(false)
  const [olderError, setOlderError] = useState<string>()
  const [shown, setShown] = useState(true)
  const messagesRef = useRef(messages)
  messagesRef.current = messages
  const loadSeq = useRef(0)

  const fail = (thrown: unknown) => {
    const error = toApiError(thrown)
    if (error.code === 'UNAUTHENTICATED') goToLogin()
    return error
  }

  const load = useCallback(() => {
    const mine = ++loadSeq.current
    setStatus((prev) => (prev.status === 'ready' ? prev : { status: 'loading' }))
    call('chat', 'history', { chatId, limit: PAGE }).then(
      (page) => {
        if (mine !== loadSeq.current) return
        setMessages((prev) => mergeById(prev, page.items))
        setCursor((prev) => (messagesRef.current.length === 0 ? page.nextCursor : prev))
        setStatus({ status: 'ready' })
      },
      (thrown: unknown) => {
        if (mine === loadSeq.current) setStatus({ status: 'error', error: fail(thrown) })
      },
    )
  }, [chatId])

  useEffect(() => load(), [load])

  // The transport runs while the page is shown and its first page is in; it starts after the newest.
  const ready = status.status === 'ready'
  const newestId = messages.length > 0 ? messages[messages.length - 1].id : null
  const startAfter = useRef<string | null>(null)
  startAfter.current = newestId
  useEffect(() => {
    if (!ready || !shown) return undefined
    const stop: Unsubscribe = chatTransport().subscribe(chatId, startAfter.current, (incoming) => setMessages((prev) => mergeById(prev, incoming)))
    return stop
  }, [chatId, ready, shown])
  useDidShow(() => setShown(true))
  useDidHide(() => setShown(false))
  useUnload(() => setShown(false))

  // What the server now has leaves the outbox (matched by clientId: a retry never shows twice).
  useEffect(() => {
    const arrived = new Set(messages.filter((message) => message.mine).map((message) => message.clientId))
    setPending((prev) => (prev.some((item) => arrived.has(item.clientId)) ? prev.filter((item) => !arrived.has(item.clientId)) : prev))
  }, [messages])

  // Read up to the newest message shown (once per newer message).
  const readUpTo = useRef<number>(0)
  useEffect(() => {
    if (!shown || messages.length === 0) return
    const newest = messages[messages.length - 1]
    if (newest.seq <= readUpTo.current) return
    readUpTo.current = newest.seq
    call('chat', 'read', { chatId, upTo: newest.id }).then(
      () => refreshChatUnread(),
      () => undefined,
    )
  }, [chatId, messages, shown])

  const deliver = useCallback(
    (item: Pending) => {
      sendPending(chatId, item).then(
        (answer) =>
          setPending((prev) =>
            prev.map((p) => (p.clientId === item.clientId ? { ...p, status: 'sent', id: answer.id, seq: answer.seq, state: answer.state, error: undefined } : p)),
          ),
        (thrown: unknown) => {
          const error = fail(thrown)
          setPending((prev) => prev.map((p) => (p.clientId === item.clientId ? { ...p, status: 'failed', error: error.message } : p)))
        },
      )
    },
    [chatId],
  )

  const send = useCallback(
    (body: Outgoing) => {
      const item: Pending = { clientId: newClientId(), body, status: 'sending', at: new Date().toISOString() }
      setSentHere((prev) => new Set(prev).add(item.clientId))
      setPending((prev) => [...prev, item])
      deliver(item)
    },
    [deliver],
  )

  const retry = useCallback(
    (clientId: string) => {
      let again: Pending | undefined
      setPending((prev) =>
        prev.map((p) => {
          if (p.clientId !== clientId || p.status !== 'failed') return p
          again = { ...p, status: 'sending', error: undefined }
          return again
        }),
      )
      // setPending's updater runs synchronously for a state set outside render.
      setTimeout(() => again && deliver(again), 0)
    },
    [deliver],
  )

  const loadOlder = useCallback(() => {
    if (!cursor || loadingOlder) return
    setLoadingOlder(true)
    setOlderError(undefined)
    call('chat', 'history', { chatId, cursor, limit: PAGE }).then(
      (page) => {
        setMessages((prev) => mergeById(prev, page.items))
        setCursor(page.nextCursor)
        setLoadingOlder(false)
      },
      (thrown: unknown) => {
        setOlderError(fail(thrown).message)
        setLoadingOlder(false)
      },
    )
  }, [chatId, cursor, loadingOlder])

  const patch = useCallback((id: string, change: Partial<ChatMessage>) => {
    setMessages((prev) => prev.map((message) => (message.id === id ? { ...message, ...change } : message)))
  }, [])

  const visiblePending = pending.filter((item) => !messages.some((message) => message.mine && message.clientId === item.clientId))
  return {
    status,
    messages,
    pending: visiblePending,
    sentHere,
    hasOlder: cursor !== null,
    loadingOlder,
    olderError,
    loadOlder,
    send,
    retry,
    patch,
    reload: load,
    newest: messages.length > 0 ? messages[messages.length - 1] : null,
  }
}
