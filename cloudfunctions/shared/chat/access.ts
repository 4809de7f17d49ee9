/**
 * `allow` for chat actions. A chat the caller is not a member of answers 404, exactly as one that
 * does not exist (issue 12); a member asking for a moderator's step gets 403.
 */
import { memberOfChat, NO_CHAT, NO_MESSAGE, type Actor, type ChatPlace, type MessagePlace, type Rule } from '../../../types/policy'
import type { Database } from '../db/port'
import { chatOfMessageId, parseChatId } from '../domain/chat/rules'
import type { Places } from '../records/places'
import { notFound } from '../runtime/app-error'
import type { AidRecord, MessageRecord } from './records'

export const HIDDEN_CHAT = '这个群'

export async function chatPlace(places: Places, chatId: string): Promise<ChatPlace> {
  const parsed = parseChatId(chatId)
  if (!parsed) return NO_CHAT
  if (parsed.kind === 'group') {
    const group = await places.group(parsed.scopeId)
    return group ? { kind: 'group', townId: group.townId, villageId: group.villageId, groupId: group._id, leaderId: group.leaderId } : NO_CHAT
  }
  const village = await places.village(parsed.scopeId)
  return village ? { kind: 'village', townId: village.townId, villageId: village._id, groupId: null, leaderId: null } : NO_CHAT
}

const memos = new WeakMap<object, Map<string, Promise<unknown>>>()
function once<T>(call: object, key: string, load: () => Promise<T>): Promise<T> {
  let memo = memos.get(call)
  if (!memo) memos.set(call, (memo = new Map()))
  if (!memo.has(key)) memo.set(key, load())
  return memo.get(key) as Promise<T>
}

export const loadMessage = (db: Database, call: object, id: string) =>
  once(call, `message:${id}`, () =>
    db
      .collection<MessageRecord>('chatMessages')
      .doc(id)
      .get()
      .then(({ data }) => data),
  )

export const loadAid = (db: Database, call: object, id: string) =>
  once(call, `aid:${id}`, () =>
    db
      .collection<AidRecord>('chatAid')
      .doc(id)
      .get()
      .then(({ data }) => data),
  )

type Context = { db: Database; places: Places }

/** Members only (404 otherwise), then the rule. */
export function allowOnChat<I>(rule: Rule<'chat'>, chatIdOf: (input: I) => string) {
  return async (caller: Actor, input: I, { places }: Context): Promise<boolean> => {
    const place = await chatPlace(places, chatIdOf(input))
    if (!memberOfChat(caller, place)) throw notFound(HIDDEN_CHAT)
    return rule(caller, place)
  }
}

export async function messagePlace(db: Database, places: Places, messageId: string): Promise<MessagePlace> {
  const chatId = chatOfMessageId(messageId)
  const message = chatId ? await loadMessage(db, places, messageId) : null
  if (!message) return NO_MESSAGE
  return { ...(await chatPlace(places, message.chatId)), senderId: message.senderId }
}

/** On a message: 404 when it does not exist or the caller is not in its chat (a held one only its sender and moderators know of). */
export function allowOnMessage<I>(rule: Rule<'message'>, messageIdOf: (input: I) => string) {
  return async (caller: Actor, input: I, { db, places }: Context): Promise<boolean> => {
    const place = await messagePlace(db, places, messageIdOf(input))
    if (!memberOfChat(caller, place)) throw notFound('这条消息')
    return rule(caller, place)
  }
}

/** On a mutual-aid request: its chat's members; `fulfil` asks the rule with the requester as sender. */
export function allowOnAid<I>(rule: Rule<'chat'> | Rule<'message'>, aidIdOf: (input: I) => string) {
  return async (caller: Actor, input: I, { db, places }: Context): Promise<boolean> => {
    const aid = await loadAid(db, places, aidIdOf(input))
    const place: MessagePlace = aid ? { ...(await chatPlace(places, aid.chatId)), senderId: aid.byId } : NO_MESSAGE
    if (!memberOfChat(caller, place)) throw notFound('这个互助求助')
    return (rule as Rule<'message'>)(caller, place)
  }
}
