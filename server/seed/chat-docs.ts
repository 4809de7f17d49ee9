/**
 * Chat documents for seeding, built field for field as `postIn` (cloudfunctions/chat/post.ts) stores
 * them: the message (`_id` `<chatId>|<seq>`), its send key, the chat's running number, shown count,
 * last message and pinned notices, and read pointers. Every seeded message is shown.
 */
import { previewOf, sendKeyOf } from '../../cloudfunctions/chat/post'
import type { NewDoc } from '../../cloudfunctions/shared/db/port'
import type { MessageFields } from '../../cloudfunctions/shared/chat/records'
import { chatIdOf, messageIdOf, type ChatKind } from '../../cloudfunctions/shared/domain/chat/rules'

export interface SeedChat {
  kind: ChatKind
  townId: string
  villageId: string
  groupId: string | null
  name: string
}

export const seedChatId = (chat: SeedChat) => chatIdOf(chat.kind, chat.kind === 'group' ? chat.groupId! : chat.villageId)

export const groupChatName = (villageName: string, groupName: string) => `${villageName}${groupName}群`
export const villageChatName = (villageName: string) => `${villageName}村民群`

export interface SeedSender {
  id: string
  name: string
  tag: string | null
}

export interface SeedMessage {
  kind?: string
  text: string | null
  at: string
  clientId: string
  card?: { kind: string; id: string } | null
  replyTo?: MessageFields['replyTo']
  question?: MessageFields['question']
}

/** One shown message as postIn writes it (seq-th of its chat). */
export function messageDoc(chat: SeedChat, chatId: string, seq: number, sender: SeedSender, message: SeedMessage): NewDoc & MessageFields & { _id: string } {
  return {
    _id: messageIdOf(chatId, seq),
    chatId,
    seq,
    villageId: chat.villageId,
    groupId: chat.groupId,
    senderId: sender.id,
    senderName: sender.name,
    senderTag: sender.tag,
    kind: message.kind ?? 'text',
    text: message.text,
    fileId: null,
    durationS: null,
    card: message.card ?? null,
    at: message.at,
    clientId: message.clientId,
    state: 'shown',
    hiddenReason: null,
    question: message.question ?? null,
    replyTo: message.replyTo ?? null,
    shownUpTo: seq,
  }
}

/** The send key postIn stores with each message (a retried clientId finds it). */
export const sendDoc = (chatId: string, senderId: string, clientId: string, messageId: string, seq: number): NewDoc => ({
  _id: sendKeyOf(chatId, senderId, clientId),
  messageId,
  seq,
  state: 'shown',
})

/** The chat after its last message (all shown). */
export function chatDoc(chat: SeedChat, chatId: string, last: Pick<MessageFields, 'seq' | 'senderName' | 'kind' | 'text' | 'at'> | null, pinned: string[] = []): NewDoc {
  return {
    _id: chatId,
    kind: chat.kind,
    townId: chat.townId,
    villageId: chat.villageId,
    groupId: chat.groupId,
    name: chat.name,
    lastSeq: last?.seq ?? 0,
    shownCount: last?.seq ?? 0,
    last: last ? { senderName: last.senderName, text: previewOf({ kind: last.kind, text: last.text }), at: last.at } : null,
    pinned,
  }
}

/** A read pointer (all shown: the shown count read equals the number read). */
export const readDoc = (personId: string, chatId: string, seq: number): NewDoc => ({
  _id: `${personId}|${chatId}`,
  personId,
  chatId,
  lastReadSeq: seq,
  lastReadShown: seq,
})
