/**
 * Chats as stored. A chat's members are not stored: the roster (and the village's grants) decide,
 * so a villager who moves group moves chat at once. Each chat keeps its running number (`lastSeq`,
 * taken in each send's transaction), its last message and its pinned notices. A message's `_id`
 * is `<chatId>|<seq>`: ids sort in order and `history {after}` needs no read. Read pointers,
 * questions, reply-time counters, the send keys (idempotent sends), rate windows and mutual-aid
 * requests each have their own small collection.
 */
import type { StoredDoc } from '../db/port'
import type { ChatKind, MessageState } from '../domain/chat/rules'

export type ChatFields = {
  kind: ChatKind
  townId: string
  villageId: string
  groupId: string | null
  name: string
  lastSeq: number
  /** Messages shown to everyone so far (unread counts are shown ones, not held or one's own). */
  shownCount: number
  /** The latest shown message's preview; `messageId` so hiding that message hides its preview too. */
  last: { senderName: string; text: string; at: string; messageId?: string } | null
  /** Pinned notices' message ids, newest first. */
  pinned: string[]
}
export interface ChatRecord extends StoredDoc, ChatFields {}

export type MessageFields = {
  chatId: string
  seq: number
  villageId: string
  groupId: string | null
  senderId: string
  senderName: string
  senderTag: string | null
  kind: string
  text: string | null
  fileId: string | null
  durationS: number | null
  card: { kind: string; id: string } | null
  at: string
  clientId: string
  state: MessageState
  hiddenReason: string | null
  question: { state: 'open' | 'answered'; askedAt: string; answeredAt: string | null; answerId: string | null } | null
  replyTo: { id: string; senderName: string; text: string | null } | null
  /** The chat's shown count once this message is in (a held one: the count before it; set again when released). */
  shownUpTo: number
}
export interface MessageRecord extends StoredDoc, MessageFields {}

export interface ReadRecord extends StoredDoc {
  personId: string
  chatId: string
  lastReadSeq: number
  lastReadShown: number
}

export type QuestionFields = {
  chatId: string
  villageId: string
  groupId: string | null
  state: 'open' | 'answered'
  askedAt: string
  answeredAt: string | null
  seconds: number | null
  senderName: string
  text: string | null
}
export interface QuestionRecord extends StoredDoc, QuestionFields {}

export interface ReplyStatsRecord extends StoredDoc {
  answered: number
  secondsTotal: number
}

export interface Pledge {
  id: string
  personId: string
  personName: string
  kind: 'time' | 'goods' | 'money'
  note: string | null
  at: string
}

export type AidFields = {
  chatId: string
  villageId: string
  groupId: string | null
  title: string
  text: string
  byId: string
  byName: string
  forPersonId: string | null
  at: string
  state: 'open' | 'fulfilled'
  thanks: string | null
  messageId: string
  pledges: Pledge[]
}
export interface AidRecord extends StoredDoc, AidFields {}
