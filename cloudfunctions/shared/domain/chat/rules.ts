/**
 * The chat rules as pure functions: which chats a person is in (the roster decides, so a move
 * changes them), who sees which message, the question lifecycle and reply times, and the rate limit.
 */
export type ChatKind = 'group' | 'village'
export type MessageState = 'shown' | 'held' | 'hidden'

// ── Chats and membership ──────────────────────────────────────────────────────────────────────

export const chatIdOf = (kind: ChatKind, scopeId: string) => `${kind}:${scopeId}`

export function parseChatId(chatId: string): { kind: ChatKind; scopeId: string } | null {
  const match = /^(group|village):(.+)$/.exec(chatId)
  return match ? { kind: match[1] as ChatKind, scopeId: match[2] } : null
}

/**
 * The chats a person is in: their group's and their village's (from the roster), and for a village's
 * cadres every group chat of that village and the village chat. Own chats first.
 */
export function chatsOf(person: { groupId: string | null; villageId: string | null }, cadreOf: ReadonlyArray<{ villageId: string; groupIds: readonly string[] }>): string[] {
  const ids: string[] = []
  if (person.groupId) ids.push(chatIdOf('group', person.groupId))
  if (person.villageId) ids.push(chatIdOf('village', person.villageId))
  for (const village of cadreOf) {
    ids.push(chatIdOf('village', village.villageId))
    for (const groupId of village.groupIds) ids.push(chatIdOf('group', groupId))
  }
  return [...new Set(ids)]
}

// ── Who sees what ─────────────────────────────────────────────────────────────────────────────

/**
 * How a message shows to a viewer: `full`; `placeholder` (hidden by a moderator: everyone sees that
 * something was hidden, not what); `none` (held for review: only its sender and the moderators).
 */
export function visibility(message: { state: MessageState; senderId: string }, viewer: { personId: string; moderates: boolean }): 'full' | 'placeholder' | 'none' {
  if (message.state === 'shown') return 'full'
  if (message.state === 'held') return viewer.moderates || message.senderId === viewer.personId ? 'full' : 'none'
  return viewer.moderates ? 'full' : 'placeholder'
}

// ── Questions (即时答复) ─────────────────────────────────────────────────────────────────────────

export interface QuestionFacts {
  kind: string
  state: MessageState
  question: { state: 'open' | 'answered' } | null
}

export type Refusal = { code: 'CONFLICT' | 'INVALID_INPUT'; message: string }

/** A message may become a question once: a person's text, photo or voice that is shown. */
export function mayAsk(message: QuestionFacts): true | Refusal {
  if (message.question) return { code: 'CONFLICT', message: message.question.state === 'open' ? '这条消息已经标为提问' : '这个问题已经答复了' }
  if (!['text', 'photo', 'voice'].includes(message.kind)) return { code: 'CONFLICT', message: '只有文字、图片或语音消息可以标为提问' }
  if (message.state !== 'shown') return { code: 'CONFLICT', message: '这条消息没有公开，不能标为提问' }
  return true
}

/** Answering: a question still open (answering a plain message makes it a question answered at once). */
export function mayAnswer(message: QuestionFacts): true | Refusal {
  if (message.question?.state === 'answered') return { code: 'CONFLICT', message: '这个问题已经答复了' }
  if (message.state !== 'shown') return { code: 'CONFLICT', message: '这条消息没有公开，不能答复' }
  if (!message.question && !['text', 'photo', 'voice'].includes(message.kind)) return { code: 'CONFLICT', message: '只有文字、图片或语音消息可以答复' }
  return true
}

/** Seconds from asking to answering, never negative. */
export const replySeconds = (askedAt: string, answeredAt: string) => Math.max(0, Math.round((Date.parse(answeredAt) - Date.parse(askedAt)) / 1000))

export const UNANSWERED_ATTENTION_HOURS = 24

// ── Rate limit ────────────────────────────────────────────────────────────────────────────────

export const MESSAGES_PER_MINUTE = 20

export interface RateWindow {
  windowStart: string
  count: number
}

/** A fixed one-minute window per person: allowed, and the window to store; or refused until the next minute. */
export function rateDecision(
  current: RateWindow | null,
  now: Date,
  perMinute = MESSAGES_PER_MINUTE,
): { allowed: true; next: RateWindow } | { allowed: false; retryAfterSeconds: number } {
  const minute = new Date(Math.floor(now.getTime() / 60_000) * 60_000).toISOString()
  if (!current || current.windowStart !== minute) return { allowed: true, next: { windowStart: minute, count: 1 } }
  if (current.count >= perMinute) return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((Date.parse(minute) + 60_000 - now.getTime()) / 1000)) }
  return { allowed: true, next: { windowStart: minute, count: current.count + 1 } }
}

// ── Sequence numbers and ids ──────────────────────────────────────────────────────────────────

/** A message's id says its chat and place in it, so `after` needs no read and ids sort in order. */
export const messageIdOf = (chatId: string, seq: number) => `${chatId}|${String(seq).padStart(9, '0')}`

/** The running number is digits only: `Number()` would also read '', ' 12', '1e3' and '0x1f' as numbers. */
const SEQ = /^\d{1,15}$/

export function seqOfMessageId(chatId: string, messageId: string): number | null {
  const prefix = `${chatId}|`
  if (!messageId.startsWith(prefix)) return null
  const rest = messageId.slice(prefix.length)
  return SEQ.test(rest) ? Number(rest) : null
}

export function chatOfMessageId(messageId: string): string | null {
  const bar = messageId.lastIndexOf('|')
  if (bar <= 0 || !SEQ.test(messageId.slice(bar + 1))) return null
  return parseChatId(messageId.slice(0, bar)) ? messageId.slice(0, bar) : null
}
