/**
 * Posting a message, the one way every kind is posted (a person's text, a notice, an answer, a
 * mutual-aid card, thanks): the content check first (risky → refused, review → held), then in one
 * transaction the rate window, the chat's next number, the message, the chat's last message and
 * shown count, and the sender's read pointer. A retried send (same chat, sender and clientId) finds
 * the first message through its send key and stores nothing.
 */
import { createHash } from 'node:crypto'
import { grantReaches, moderatesChat, type ChatPlace } from '../../types/policy'
import type { Database, Transaction } from '../shared/db/port'
import { messageIdOf, rateDecision, type MessageState } from '../shared/domain/chat/rules'
import { contentCheck } from '../shared/content-check/port'
import { wordListCheck } from '../shared/content-check/word-list'
import { notify } from '../shared/inbox/notify'
import { chatPage } from '../shared/chat/cards'
import type { ChatRecord, MessageFields, MessageRecord } from '../shared/chat/records'
import { readAll } from '../shared/records/read-all'
import type { GrantRecord, GroupRecord, VillageRecord } from '../shared/records/records'
import type { Places } from '../shared/records/places'
import { AppError } from '../shared/runtime/app-error'
import type { Caller } from '../shared/runtime/caller'

export const sendKeyOf = (chatId: string, senderId: string, clientId: string) =>
  `send-${createHash('sha256').update(`${chatId}|${senderId}|${clientId}`).digest('hex').slice(0, 32)}`

export const REFUSED_MESSAGE = '这条消息含有不适合发布的内容，请修改后再发'
export const HELD_MESSAGE = '消息已提交，等组长审核后大家才能看到'
export const HIDDEN_PREVIEW = '[消息已隐藏]'

const checker = () => contentCheck(() => wordListCheck())

/** The verdict on a text: refused here (risky) or the state it is stored in. */
export async function screen(text: string | null, openId: string | null | undefined, field = 'data.text'): Promise<MessageState> {
  if (!text) return 'shown'
  const verdict = await checker().check(text, { openId: openId ?? null })
  if (verdict === 'risky') throw new AppError('INVALID_INPUT', REFUSED_MESSAGE, [{ path: field, message: REFUSED_MESSAGE }])
  return verdict === 'review' ? 'held' : 'shown'
}

/** How the sender is labelled in this chat: 村干部 (the village's cadres), 组长 (a group leader), or nothing. */
export function senderTag(caller: Caller, chat: ChatPlace): string | null {
  if (grantReaches(caller, ['village_secretary', 'village_staff'], chat)) return '村干部'
  if (chat.kind === 'group' ? moderatesChat(caller, chat) : caller.roles.includes('group_leader')) return '组长'
  return null
}

/** The chat's name as the roster says it now (a group renamed is renamed in its chat). */
export async function chatName(places: Places, chat: ChatPlace): Promise<string> {
  if (chat.kind === 'group') {
    const [group, village] = await Promise.all([places.group(chat.groupId!), places.village(chat.villageId!)])
    return `${village?.name ?? ''}${(group as GroupRecord | null)?.name ?? ''}群`
  }
  const village = (await places.village(chat.villageId!)) as VillageRecord | null
  return `${village?.name ?? ''}村民群`
}

export interface Outgoing {
  kind: string
  text: string | null
  fileId: string | null
  durationS: number | null
  card: { kind: string; id: string } | null
  replyTo: MessageFields['replyTo']
  clientId: string
  state: MessageState
}

export interface Posted {
  id: string
  seq: number
  state: MessageState
  /** Stored now (false: a retry found the first one). */
  fresh: boolean
}

/** The moderators to tell when a message is held: the group's leader and the village's cadres. */
export async function moderatorsOf(db: Database, chat: ChatPlace): Promise<string[]> {
  const grants = await readAll<GrantRecord>(db, 'grants', { 'scope.id': chat.villageId })
  const cadres = grants.filter((grant) => grant.role === 'village_secretary' || grant.role === 'village_staff').map((grant) => grant.personId)
  return [...new Set([...(chat.kind === 'group' && chat.leaderId ? [chat.leaderId] : []), ...cadres])]
}

/**
 * Inside the caller's transaction: rate window (a person's own messages only: system posts pass),
 * next number, message, chat, sender's read pointer. Returns the existing message for a retried key.
 */
export async function postIn(
  tx: Transaction,
  context: { chatId: string; chat: ChatPlace; name: string; at: Date; sender: { personId: string; name: string; tag: string | null }; rateLimited: boolean },
  out: Outgoing,
): Promise<Posted> {
  const { chatId, chat, name, at, sender } = context
  const sendKey = sendKeyOf(chatId, sender.personId, out.clientId)
  const { data: earlier } = await tx.collection<{ _id: string; messageId: string; seq: number; state: MessageState }>('chatSends').doc(sendKey).get()
  if (earlier) return { id: earlier.messageId, seq: earlier.seq, state: earlier.state, fresh: false }
  if (context.rateLimited) {
    const { data: window } = await tx.collection<{ _id: string; windowStart: string; count: number }>('chatRates').doc(sender.personId).get()
    const decision = rateDecision(window, at)
    if (!decision.allowed) throw new AppError('RATE_LIMITED', `发得太快了，请 ${decision.retryAfterSeconds} 秒后再发`)
    await tx
      .collection('chatRates')
      .doc(sender.personId)
      .set({ ...decision.next })
  }
  const { data: stored } = await tx.collection<ChatRecord>('chats').doc(chatId).get()
  const seq = (stored?.lastSeq ?? 0) + 1
  const shownCount = stored?.shownCount ?? 0
  const id = messageIdOf(chatId, seq)
  const shown = out.state === 'shown'
  const message: MessageFields = {
    chatId,
    seq,
    villageId: chat.villageId!,
    groupId: chat.groupId ?? null,
    senderId: sender.personId,
    senderName: sender.name,
    senderTag: sender.tag,
    kind: out.kind,
    text: out.text,
    fileId: out.fileId,
    durationS: out.durationS,
    card: out.card,
    at: at.toISOString(),
    clientId: out.clientId,
    state: out.state,
    hiddenReason: null,
    question: null,
    replyTo: out.replyTo,
    shownUpTo: shown ? shownCount + 1 : shownCount,
  }
  await tx.collection('chatMessages').doc(id).set(message)
  await tx.collection('chatSends').doc(sendKey).set({ messageId: id, seq, state: out.state })
  await tx
    .collection('chats')
    .doc(chatId)
    .set({
      kind: chat.kind,
      townId: chat.townId,
      villageId: chat.villageId,
      groupId: chat.groupId ?? null,
      name,
      lastSeq: seq,
      shownCount: shown ? shownCount + 1 : shownCount,
      last: shown ? { senderName: sender.name, text: previewOf(out), at: message.at, messageId: id } : (stored?.last ?? null),
      pinned: stored?.pinned ?? [],
    })
  // What one sends, one has read.
  await tx
    .collection('chatReads')
    .doc(`${sender.personId}|${chatId}`)
    .set({ personId: sender.personId, chatId, lastReadSeq: seq, lastReadShown: shown ? shownCount + 1 : shownCount })
  return { id, seq, state: out.state, fresh: true }
}

export function previewOf(out: Pick<Outgoing, 'kind' | 'text'>): string {
  switch (out.kind) {
    case 'photo':
      return '[图片]'
    case 'voice':
      return '[语音]'
    case 'card':
      return '[分享]'
    case 'aid':
      return `[互助] ${out.text ?? ''}`
    case 'notice':
      return `[通知] ${out.text ?? ''}`
    default:
      return out.text ?? ''
  }
}

/** After a held message is stored: tell the moderators once (in the same transaction). */
export async function tellHeld(tx: Transaction, moderators: string[], chatId: string, senderName: string, at: Date) {
  if (moderators.length === 0) return
  await notify(
    tx,
    { people: moderators.slice(0, 50) },
    { kind: 'chat_held', title: '有一条群消息待审核', body: `${senderName} 发的消息需要您看一下再放行`, page: chatPage(chatId) },
    at,
  )
}

export type { MessageRecord }
