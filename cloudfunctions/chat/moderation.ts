/**
 * What leaders, the secretary and staff do in a chat: post a notice pinned on top (and see who has
 * not read it), unpin it, hide a message (audited; the sender is told) and release one held by the
 * content check. Each is audited with the chat as its subject; chats are confidential (never in a
 * village ledger).
 */
import { command } from '../shared/db/commands'
import { policy, type ChatPlace } from '../../types/policy'
import { audit } from '../shared/audit/audit'
import { allowOnChat, allowOnMessage, chatPlace, loadMessage, messagePlace } from '../shared/chat/access'
import { chatPage } from '../shared/chat/cards'
import type { ChatRecord, MessageRecord, ReadRecord } from '../shared/chat/records'
import type { Transaction } from '../shared/db/port'
import { notify } from '../shared/inbox/notify'
import { readWhereIn } from '../shared/records/read-all'
import { AppError } from '../shared/runtime/app-error'
import type { Caller } from '../shared/runtime/caller'
import type { ActionTable } from '../shared/runtime/define-function'
import { FILES } from '../shared/files'
import { chatFileSubject, restrictedChatFileSubject, signedInMembers } from './messages'
import { chatName, HIDDEN_PREVIEW, moderatorsOf, postIn, previewOf, screen, senderTag } from './post'

const MAX_PINNED = 3

function chatAudit(
  tx: Transaction,
  caller: Caller,
  chat: ChatPlace,
  chatId: string,
  at: Date,
  action: string,
  summary: string,
  before: unknown,
  after: unknown,
  note: string | null = null,
) {
  return audit(tx, caller, {
    at,
    scope: { townId: chat.townId, villageId: chat.villageId, groupId: chat.groupId ?? null },
    subject: { kind: 'chat', id: chatId, confidential: true },
    action,
    summary,
    before,
    after,
    note,
  })
}

export const moderationActions: Pick<ActionTable<'chat'>, 'notice' | 'noticeReads' | 'unpin' | 'hide' | 'release'> = {
  notice: {
    allow: allowOnChat(policy.chat.notice, (input) => input.chatId),
    run: async ({ db, places, caller, now, openId }, { chatId, clientId, text }) => {
      const at = now()
      const place = await chatPlace(places, chatId)
      const state = await screen(text, openId)
      if (state !== 'shown') throw new AppError('INVALID_INPUT', '通知里有需要审核的内容，请换个说法', [{ path: 'data.text', message: '请换个说法' }])
      const name = await chatName(places, place)
      return db.runTransaction(async (tx) => {
        const posted = await postIn(
          tx,
          { chatId, chat: place, name, at, sender: { personId: caller.personId, name: caller.name, tag: senderTag(caller, place) }, rateLimited: false },
          { kind: 'notice', text, fileId: null, durationS: null, card: null, replyTo: null, clientId, state: 'shown' },
        )
        if (posted.fresh) {
          const { data: chat } = await tx.collection<ChatRecord>('chats').doc(chatId).get()
          const pinned = [posted.id, ...(chat?.pinned ?? []).filter((id) => id !== posted.id)].slice(0, MAX_PINNED)
          await tx
            .collection('chats')
            .doc(chatId)
            .update({ pinned: command.set(pinned) })
          await chatAudit(tx, caller, place, chatId, at, 'chat.notice', `${caller.name} 在${name}发布置顶通知`, null, { messageId: posted.id })
        }
        return { id: posted.id, seq: posted.seq }
      })
    },
  },

  noticeReads: {
    allow: allowOnMessage(policy.chat.noticeReads, (input) => input.messageId),
    run: async ({ db, places }, { messageId }) => {
      const { data: message } = await db.collection<MessageRecord>('chatMessages').doc(messageId).get()
      if (!message || message.kind !== 'notice') throw new AppError('NOT_FOUND', '没有找到这条通知')
      const place = await chatPlace(places, message.chatId)
      const members = await signedInMembers(db, place, message.chatId)
      const reads = await readWhereIn<ReadRecord>(
        db,
        'chatReads',
        '_id',
        members.map((person) => `${person._id}|${message.chatId}`),
      )
      const readers = new Set(reads.filter((read) => read.lastReadSeq >= message.seq).map((read) => read.personId))
      const notRead = members.filter((person) => !readers.has(person._id)).map((person) => ({ id: person._id, name: person.name }))
      return { readBy: members.length - notRead.length, of: members.length, notRead }
    },
  },

  unpin: {
    allow: allowOnMessage(policy.chat.unpin, (input) => input.messageId),
    run: async ({ db, places, caller, now }, { messageId }) => {
      const at = now()
      const place = await messagePlace(db, places, messageId)
      // Read once already by allow (and messagePlace), memoised for this call.
      const chatId = (await loadMessage(db, places, messageId))!.chatId
      return db.runTransaction(async (tx) => {
        const { data: chat } = await tx.collection<ChatRecord>('chats').doc(chatId).get()
        if (!chat?.pinned.includes(messageId)) return { pinned: false }
        await tx
          .collection('chats')
          .doc(chatId)
          .update({ pinned: command.set(chat.pinned.filter((id) => id !== messageId)) })
        await chatAudit(tx, caller, place, chatId, at, 'chat.unpin', `${caller.name} 取消置顶一条通知`, { pinned: true }, { pinned: false })
        return { pinned: false }
      })
    },
  },

  hide: {
    allow: allowOnMessage(policy.chat.hide, (input) => input.messageId),
    run: async ({ db, places, caller, now }, { messageId, reason }) => {
      const at = now()
      const place = await messagePlace(db, places, messageId)
      const moderators = await moderatorsOf(db, place)
      return db.runTransaction(async (tx) => {
        const { data: message } = await tx.collection<MessageRecord>('chatMessages').doc(messageId).get()
        if (!message) throw new AppError('NOT_FOUND', '没有找到这条消息')
        if (message.state === 'hidden') return { state: 'hidden' as const }
        await tx.collection('chatMessages').doc(messageId).update({ state: 'hidden', hiddenReason: reason })
        // Its photo or voice goes with it: the members had its id, now only the moderators read it.
        if (message.fileId)
          await tx
            .collection(FILES)
            .doc(message.fileId)
            .update({ attachedTo: command.set(restrictedChatFileSubject(place, message.chatId, moderators)) })
        // A hidden question can no longer be answered: it leaves the open list (and the leaders' 待办).
        if (message.question?.state === 'open') await tx.collection('chatQuestions').doc(messageId).remove()
        const { data: chat } = await tx.collection<ChatRecord>('chats').doc(message.chatId).get()
        if (chat?.pinned.includes(messageId))
          await tx
            .collection('chats')
            .doc(message.chatId)
            .update({ pinned: command.set(chat.pinned.filter((id) => id !== messageId)) })
        // The chat list's preview of it goes too (everyone sees the list).
        if (chat?.last?.messageId === messageId)
          await tx
            .collection('chats')
            .doc(message.chatId)
            .update({ last: command.set({ ...chat.last, text: HIDDEN_PREVIEW }) })
        await chatAudit(
          tx,
          caller,
          place,
          message.chatId,
          at,
          'chat.hide',
          `${caller.name} 隐藏了 ${message.senderName} 的一条消息`,
          { state: message.state },
          { state: 'hidden' },
          reason,
        )
        if (message.senderId !== caller.personId)
          await notify(
            tx,
            { people: [message.senderId] },
            { kind: 'chat_hidden', title: '您在群里的一条消息被隐藏了', body: `原因：${reason}`, page: chatPage(message.chatId) },
            at,
          )
        return { state: 'hidden' as const }
      })
    },
  },

  release: {
    allow: allowOnMessage(policy.chat.release, (input) => input.messageId),
    run: async ({ db, places, caller, now }, { messageId }) => {
      const at = now()
      const place = await messagePlace(db, places, messageId)
      return db.runTransaction(async (tx) => {
        const { data: message } = await tx.collection<MessageRecord>('chatMessages').doc(messageId).get()
        if (!message) throw new AppError('NOT_FOUND', '没有找到这条消息')
        if (message.state !== 'held') throw new AppError('CONFLICT', '这条消息不在待审核中')
        const { data: chat } = await tx.collection<ChatRecord>('chats').doc(message.chatId).get()
        const shownCount = (chat?.shownCount ?? 0) + 1
        await tx.collection('chatMessages').doc(messageId).update({ state: 'shown', shownUpTo: shownCount })
        if (message.fileId)
          await tx
            .collection(FILES)
            .doc(message.fileId)
            .update({ attachedTo: command.set(chatFileSubject(place, message.chatId)) })
        // Released now, it reaches the others as new; the chat's last message stays the latest by number.
        const last = chat && chat.lastSeq === message.seq ? { senderName: message.senderName, text: previewOf(message), at: message.at, messageId } : (chat?.last ?? null)
        await tx
          .collection('chats')
          .doc(message.chatId)
          .update({ shownCount, last: last ? command.set(last) : null })
        await chatAudit(tx, caller, place, message.chatId, at, 'chat.release', `${caller.name} 放行了 ${message.senderName} 的一条消息`, { state: 'held' }, { state: 'shown' })
        if (message.senderId !== caller.personId)
          await notify(tx, { people: [message.senderId] }, { kind: 'chat_released', title: '您的群消息已通过审核', body: '大家现在能看到了', page: chatPage(message.chatId) }, at)
        return { state: 'shown' as const }
      })
    },
  },
}
