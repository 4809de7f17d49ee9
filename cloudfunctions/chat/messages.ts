/**
 * The chats a person is in, one chat's pinned notices, sending, paged history (newest first, by
 * cursor) and polling (`after`: only what is newer), and read pointers for unread counts.
 */
import { memberOfChat, moderatesChat, policy, type Actor, type ChatPlace } from '../../types/policy'
import type { ChatMessage } from '../../types/functions/chat'
import { chatIdOf, chatsOf, parseChatId, seqOfMessageId, visibility } from '../shared/domain/chat/rules'
import { allowOnChat, chatPlace } from '../shared/chat/access'
import { resolveCard } from '../shared/chat/cards'
import type { ChatRecord, MessageRecord, ReadRecord } from '../shared/chat/records'
import { attachFiles, FILE_UNUSABLE, FILES, requireAttachable, type FileRecord, type FileSubject } from '../shared/files'
import type { Database, Transaction } from '../shared/db/port'
import { readAll, readWhereIn } from '../shared/records/read-all'
import type { GrantRecord, GroupRecord, PersonRecord } from '../shared/records/records'
import type { Places } from '../shared/records/places'
import { allowBy } from '../shared/records/village-access'
import { AppError, invalidInput } from '../shared/runtime/app-error'
import type { Caller } from '../shared/runtime/caller'
import type { ActionTable } from '../shared/runtime/define-function'
import { cursorPage } from '../shared/runtime/paging'
import { chatName, moderatorsOf, postIn, screen, sendKeyOf, senderTag, tellHeld } from './post'

type SendRecord = { _id: string; messageId: string; seq: number; state: 'shown' | 'held' | 'hidden' }

/** A photo or voice file goes into one message only: once attached to a chat it is refused (INVALID_INPUT on data.fileId). */
async function requireUnsent(db: Database | Transaction, fileId: string): Promise<void> {
  const { data: file } = await db.collection<FileRecord>(FILES).doc(fileId).get()
  if (file?.attachedTo) throw new AppError('INVALID_INPUT', FILE_UNUSABLE, [{ path: 'data.fileId', message: '这个文件已经发过了，请重新录音或选图' }])
}

export const chatFileSubject = (chat: ChatPlace, chatId: string): FileSubject => ({ kind: 'chat', id: chatId, villageId: chat.villageId!, groupId: chat.groupId ?? null })

/**
 * The photo of a message held for review or hidden is not the chat's to read: only the people named
 * (a held one: its sender and the moderators; a hidden one: the moderators). No file rule has this
 * kind, so no one else reads it, even with its id from before it was hidden (fail closed).
 */
export const restrictedChatFileSubject = (chat: ChatPlace, chatId: string, readers: string[]): FileSubject => ({
  ...chatFileSubject(chat, chatId),
  kind: 'chatRestricted',
  readers: [...new Set(readers)],
})

/** A stored message as this viewer sees it (null: not at all — held, and not theirs to see). */
export async function wireMessage(
  db: Database,
  places: Places,
  viewer: Actor,
  chat: ChatPlace,
  message: MessageRecord,
  /** Messages replied to that are hidden or held now: a reply does not quote them to those who may not see them. */
  unshown: ReadonlySet<string> = new Set(),
): Promise<ChatMessage | null> {
  const moderates = moderatesChat(viewer, chat)
  const seen = visibility(message, { personId: viewer.personId, moderates })
  if (seen === 'none') return null
  const full = seen === 'full'
  const card = full && message.card ? await resolveCard(db, places, viewer, message.card) : null
  return {
    id: message._id,
    chatId: message.chatId,
    seq: message.seq,
    senderId: message.senderId,
    senderName: message.senderName,
    senderTag: message.senderTag,
    kind: message.kind as ChatMessage['kind'],
    text: full ? message.text : null,
    fileId: full ? message.fileId : null,
    durationS: message.durationS,
    card: card ? { kind: card.kind, id: card.id, title: card.title, visible: card.visible, page: card.page } : null,
    at: message.at,
    clientId: message.clientId,
    state: message.state,
    question: message.question,
    replyTo: full && message.replyTo ? (unshown.has(message.replyTo.id) && !moderates ? { ...message.replyTo, text: null } : message.replyTo) : null,
    mine: message.senderId === viewer.personId,
  }
}

export async function wireMessages(db: Database, places: Places, viewer: Actor, chat: ChatPlace, messages: MessageRecord[]): Promise<ChatMessage[]> {
  const quoted = [...new Set(messages.flatMap((message) => (message.replyTo?.text ? [message.replyTo.id] : [])))]
  const originals = quoted.length ? await readWhereIn<MessageRecord>(db, 'chatMessages', '_id', quoted) : []
  const unshown = new Set(originals.filter((original) => original.state !== 'shown').map((original) => original._id))
  const wired = await Promise.all(messages.map((message) => wireMessage(db, places, viewer, chat, message, unshown)))
  return wired.filter((message): message is ChatMessage => message !== null)
}

/**
 * The chats a caller is in: their roster group's and village's; a village cadre's: all of the village.
 * With the places of the cadre's group chats, built from the groups already read (no read per chat).
 */
async function myChats(db: Database, caller: Caller): Promise<{ ids: string[]; known: Map<string, ChatPlace> }> {
  const cadreVillages = caller.grants.flatMap((grant) =>
    (grant.role === 'village_secretary' || grant.role === 'village_staff') && grant.scope.level === 'village' ? [grant.scope.id] : [],
  )
  const known = new Map<string, ChatPlace>()
  const cadreOf = await Promise.all(
    [...new Set(cadreVillages)].map(async (villageId) => {
      const groups = await readAll<GroupRecord>(db, 'groups', { villageId })
      for (const group of groups)
        known.set(chatIdOf('group', group._id), { kind: 'group', townId: group.townId, villageId: group.villageId, groupId: group._id, leaderId: group.leaderId })
      if (groups[0]) known.set(chatIdOf('village', villageId), { kind: 'village', townId: groups[0].townId, villageId, groupId: null, leaderId: null })
      return { villageId, groupIds: groups.map((group) => group._id).sort() }
    }),
  )
  return { ids: chatsOf({ groupId: caller.groupId, villageId: caller.villageId }, cadreOf), known }
}

const unreadOf = (chat: ChatRecord | null, read: ReadRecord | null) => Math.max(0, (chat?.shownCount ?? 0) - (read?.lastReadShown ?? 0))

/** Signed in (M of "read by N of M"): members who have opened the app's chats at least once. */
async function membersOf(db: Database, chat: ChatPlace): Promise<PersonRecord[]> {
  const roster =
    chat.kind === 'group' ? await readAll<PersonRecord>(db, 'people', { groupId: chat.groupId }) : await readAll<PersonRecord>(db, 'people', { villageId: chat.villageId })
  const grants = await readAll<GrantRecord>(db, 'grants', { 'scope.id': chat.villageId })
  const cadreIds = grants.filter((grant) => grant.role === 'village_secretary' || grant.role === 'village_staff').map((grant) => grant.personId)
  const missing = cadreIds.filter((id) => !roster.some((person) => person._id === id))
  return [...roster, ...(missing.length ? await readWhereIn<PersonRecord>(db, 'people', '_id', missing) : [])]
}

/** Members who have signed in: they opened the chats (presence) or have read or sent in this chat. */
export async function signedInMembers(db: Database, chat: ChatPlace, chatId: string): Promise<PersonRecord[]> {
  const members = await membersOf(db, chat)
  const ids = members.map((person) => person._id)
  const [present, reads] = await Promise.all([
    readWhereIn<{ _id: string }>(db, 'chatPresence', '_id', ids),
    readWhereIn<ReadRecord>(
      db,
      'chatReads',
      '_id',
      ids.map((id) => `${id}|${chatId}`),
    ),
  ])
  const seen = new Set([...present.map((doc) => doc._id), ...reads.map((read) => read.personId)])
  return members.filter((person) => seen.has(person._id))
}

/** How far each signed-in member has read (N of "read by N of M" counts members only: someone who left the chat is not one of M). */
async function readPointers(db: Database, members: PersonRecord[], chatId: string): Promise<Map<string, number>> {
  const reads = await readWhereIn<ReadRecord>(
    db,
    'chatReads',
    '_id',
    members.map((person) => `${person._id}|${chatId}`),
  )
  return new Map(reads.map((read) => [read.personId, read.lastReadSeq]))
}

export const messageActions: Pick<ActionTable<'chat'>, 'chats' | 'chat' | 'send' | 'history' | 'read' | 'held'> = {
  chats: {
    allow: allowBy(policy.chat.chats),
    run: async ({ db, places, caller, now }) => {
      const { ids, known } = await myChats(db, caller)
      // Opening the chats counts as signing in, for "read by N of M".
      const { data: present } = await db.collection('chatPresence').doc(caller.personId).get()
      if (!present) await db.collection('chatPresence').doc(caller.personId).set({ firstAt: now().toISOString() })
      const [chats, reads] = await Promise.all([
        readWhereIn<ChatRecord>(db, 'chats', '_id', ids),
        readWhereIn<ReadRecord>(
          db,
          'chatReads',
          '_id',
          ids.map((id) => `${caller.personId}|${id}`),
        ),
      ])
      const out = []
      for (const id of ids) {
        const stored = chats.find((chat) => chat._id === id) ?? null
        const place = known.get(id) ?? (await chatPlace(places, id))
        if (!memberOfChat(caller, place)) continue
        out.push({
          id,
          kind: parseChatId(id)!.kind,
          name: stored?.name ?? (await chatName(places, place)),
          unread: unreadOf(stored, reads.find((read) => read.chatId === id) ?? null),
          last: stored?.last ? { senderName: stored.last.senderName, text: stored.last.text, at: stored.last.at } : null,
        })
      }
      return out
    },
  },

  chat: {
    allow: allowOnChat(policy.chat.chat, (input) => input.chatId),
    run: async ({ db, places, caller }, { chatId }) => {
      const place = await chatPlace(places, chatId)
      const [{ data: stored }, members, signedIn, openQuestions] = await Promise.all([
        db.collection<ChatRecord>('chats').doc(chatId).get(),
        membersOf(db, place),
        signedInMembers(db, place, chatId),
        db.collection('chatQuestions').where({ chatId, state: 'open' }).count(),
      ])
      const pinnedIds = stored?.pinned ?? []
      const pinned = pinnedIds.length ? await readWhereIn<MessageRecord>(db, 'chatMessages', '_id', pinnedIds) : []
      const myRead = (await db.collection<ReadRecord>('chatReads').doc(`${caller.personId}|${chatId}`).get()).data
      const pointers = pinnedIds.length ? await readPointers(db, signedIn, chatId) : new Map<string, number>()
      const notices = pinnedIds
        .map((id) => pinned.find((message) => message._id === id))
        .filter((message): message is MessageRecord => Boolean(message) && message!.state === 'shown')
        .map((message) => ({
          id: message._id,
          text: message.text,
          at: message.at,
          senderName: message.senderName,
          readBy: signedIn.filter((person) => (pointers.get(person._id) ?? 0) >= message.seq).length,
          of: signedIn.length,
          readByMe: (myRead?.lastReadSeq ?? 0) >= message.seq,
        }))
      const moderates = moderatesChat(caller, place)
      return {
        id: chatId,
        kind: place.kind!,
        name: stored?.name ?? (await chatName(places, place)),
        members: members.length,
        signedIn: signedIn.length,
        pinned: notices,
        openQuestions: openQuestions.total,
        can: { notice: policy.chat.notice(caller, place), moderate: moderates, answer: policy.chat.answer(caller, { ...place, senderId: null }) },
      }
    },
  },

  send: {
    allow: allowOnChat(policy.chat.send, (input) => input.chatId),
    run: async ({ db, places, caller, now, openId }, input) => {
      const at = now()
      const place = await chatPlace(places, input.chatId)
      const kind = input.kind
      if (kind === 'text' && !input.text) throw invalidInput([{ path: 'data.text', message: '请写消息内容' }])
      if ((kind === 'photo' || kind === 'voice') && !input.fileId) throw invalidInput([{ path: 'data.fileId', message: kind === 'photo' ? '请选一张图片' : '请先录音' }])
      if (kind === 'voice' && !input.durationS) throw invalidInput([{ path: 'data.durationS', message: '缺少语音时长' }])
      if (kind === 'card' && !input.card) throw invalidInput([{ path: 'data.card', message: '请选择要分享的内容' }])
      if (kind !== 'card' && input.card) throw invalidInput([{ path: 'data.card', message: '只有分享消息带卡片' }])
      if (kind !== 'voice' && input.durationS) throw invalidInput([{ path: 'data.durationS', message: '只有语音消息有时长' }])
      if ((kind === 'text' || kind === 'card') && input.fileId) throw invalidInput([{ path: 'data.fileId', message: '文字消息不带文件' }])
      // A retry (same clientId) answers the first message before anything else is checked or screened again.
      const { data: earlier } = await db
        .collection<SendRecord>('chatSends')
        .doc(sendKeyOf(input.chatId, caller.personId, input.clientId))
        .get()
      if (earlier) return { id: earlier.messageId, seq: earlier.seq, state: earlier.state }
      const subject = chatFileSubject(place, input.chatId)
      if (input.fileId) {
        // A file already in the chat is someone's message: it is not sent again (by another member as theirs, or a photo as a voice).
        await requireUnsent(db, input.fileId)
        await requireAttachable(db, caller, input.fileId, subject, { purposes: [kind === 'voice' ? 'voice' : 'photo'], at, field: 'fileId' })
      }
      if (input.card) {
        const card = await resolveCard(db, places, caller, input.card)
        if (!card.exists || !card.visible) throw new AppError('NOT_FOUND', '没有找到要分享的内容')
      }
      let replyTo = null
      if (input.replyTo) {
        const { data: original } = await db.collection<MessageRecord>('chatMessages').doc(input.replyTo).get()
        if (!original || original.chatId !== input.chatId || original.state !== 'shown') throw invalidInput([{ path: 'data.replyTo', message: '要回复的消息不在这个群里' }])
        replyTo = { id: original._id, senderName: original.senderName, text: original.text }
      }
      const state = await screen(input.text ?? null, openId)
      const name = await chatName(places, place)
      const moderators = state === 'held' ? await moderatorsOf(db, place) : []
      const posted = await db.runTransaction(async (tx) => {
        const result = await postIn(
          tx,
          { chatId: input.chatId, chat: place, name, at, sender: { personId: caller.personId, name: caller.name, tag: senderTag(caller, place) }, rateLimited: true },
          { kind, text: input.text ?? null, fileId: input.fileId ?? null, durationS: input.durationS ?? null, card: input.card ?? null, replyTo, clientId: input.clientId, state },
        )
        if (result.fresh && input.fileId) await requireUnsent(tx, input.fileId)
        if (result.fresh && input.fileId)
          await attachFiles(tx, caller, [input.fileId], result.state === 'held' ? restrictedChatFileSubject(place, input.chatId, [caller.personId, ...moderators]) : subject, {
            field: 'fileId',
            purposes: [kind === 'voice' ? 'voice' : 'photo'],
            at,
          })
        if (result.fresh && result.state === 'held') await tellHeld(tx, moderators, input.chatId, caller.name, at)
        return result
      })
      return { id: posted.id, seq: posted.seq, state: posted.state }
    },
  },

  history: {
    allow: allowOnChat(policy.chat.history, (input) => input.chatId),
    run: async ({ db, places, caller }, { chatId, after, cursor, limit }) => {
      const place = await chatPlace(places, chatId)
      if (after !== undefined) {
        const seq = seqOfMessageId(chatId, after)
        if (seq === null) throw invalidInput([{ path: 'data.after', message: '不是这个群的消息' }])
        // Polling: what is newer, oldest first from the store (so nothing is skipped), answered newest first.
        const { data } = await db
          .collection<MessageRecord>('chatMessages')
          .where({ chatId, seq: db.command.gt(seq) })
          .orderBy('seq', 'asc')
          .limit(limit)
          .get()
        return { items: (await wireMessages(db, places, caller, place, data)).reverse(), nextCursor: null }
      }
      const page = await cursorPage<MessageRecord>(db, 'chatMessages', { chatId }, { orderBy: 'seq', direction: 'desc', limit, cursor, listKey: `chat:${chatId}` })
      return { items: await wireMessages(db, places, caller, place, page.items), nextCursor: page.nextCursor }
    },
  },

  read: {
    allow: allowOnChat(policy.chat.read, (input) => input.chatId),
    run: async ({ db, caller }, { chatId, upTo }) => {
      const seq = seqOfMessageId(chatId, upTo)
      if (seq === null) throw invalidInput([{ path: 'data.upTo', message: '不是这个群的消息' }])
      return db.runTransaction(async (tx) => {
        const [{ data: chat }, { data: message }, { data: read }] = await Promise.all([
          tx.collection<ChatRecord>('chats').doc(chatId).get(),
          tx.collection<MessageRecord>('chatMessages').doc(upTo).get(),
          tx.collection<ReadRecord>('chatReads').doc(`${caller.personId}|${chatId}`).get(),
        ])
        if (!message) throw invalidInput([{ path: 'data.upTo', message: '没有这条消息' }])
        // Up to the newest message: everything shown so far is read (a message released after later ones too).
        const shownUpTo = chat && seq >= chat.lastSeq ? chat.shownCount : message.shownUpTo
        const lastReadSeq = Math.max(read?.lastReadSeq ?? 0, seq)
        const lastReadShown = Math.max(read?.lastReadShown ?? 0, shownUpTo)
        if (!read || read.lastReadSeq !== lastReadSeq || read.lastReadShown !== lastReadShown)
          await tx.collection('chatReads').doc(`${caller.personId}|${chatId}`).set({ personId: caller.personId, chatId, lastReadSeq, lastReadShown })
        return { unread: Math.max(0, (chat?.shownCount ?? 0) - lastReadShown) }
      })
    },
  },

  held: {
    allow: allowOnChat(policy.chat.held, (input) => input.chatId),
    run: async ({ db, places, caller }, { chatId, cursor, limit }) => {
      const place = await chatPlace(places, chatId)
      const page = await cursorPage<MessageRecord>(
        db,
        'chatMessages',
        { chatId, state: 'held' },
        { orderBy: 'seq', direction: 'desc', limit, cursor, listKey: `chat:held:${chatId}` },
      )
      return { items: await wireMessages(db, places, caller, place, page.items), nextCursor: page.nextCursor }
    },
  },
}
