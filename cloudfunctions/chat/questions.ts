/**
 * Questions answered at once (即时答复): a message marked as a question stays on its group's open
 * list until a leader, the secretary or staff answers it; the answer is posted in the chat as a
 * reply. Reply times per chat are kept as counters in the answering transaction.
 */
import { command } from '../shared/db/commands'
import { policy, villageInCharge } from '../../types/policy'
import { mayAnswer, mayAsk, replySeconds } from '../shared/domain/chat/rules'
import { allowOnMessage, chatPlace, messagePlace } from '../shared/chat/access'
import type { ChatRecord, MessageRecord, QuestionFields, QuestionRecord, ReplyStatsRecord } from '../shared/chat/records'
import { chatIdOf } from '../shared/domain/chat/rules'
import { readAll, readWhereIn } from '../shared/records/read-all'
import type { GroupRecord } from '../shared/records/records'
import type { Places } from '../shared/records/places'
import { allowBy } from '../shared/records/village-access'
import { AppError } from '../shared/runtime/app-error'
import type { Caller } from '../shared/runtime/caller'
import type { ActionTable } from '../shared/runtime/define-function'
import { cursorPage } from '../shared/runtime/paging'
import { notify } from '../shared/inbox/notify'
import { chatPage } from '../shared/chat/cards'
import { chatName, postIn, screen, senderTag } from './post'

const refusal = (decision: true | { code: 'CONFLICT' | 'INVALID_INPUT'; message: string }) => {
  if (decision !== true) throw new AppError(decision.code, decision.message)
}

/** The chats whose questions the caller answers for a scope: the group they lead, or every chat of the village they serve. */
export async function answeredChats(places: Places, caller: Caller, scope: 'group' | 'village', groupsOf: (villageId: string) => Promise<GroupRecord[]>): Promise<string[]> {
  if (scope === 'group') {
    const group = caller.groupId ? await places.group(caller.groupId) : null
    return group?.leaderId === caller.personId ? [chatIdOf('group', group._id)] : []
  }
  const village = villageInCharge(caller)
  if (!village) return []
  return [chatIdOf('village', village), ...(await groupsOf(village)).map((group) => chatIdOf('group', group._id))]
}

export const questionActions: Pick<ActionTable<'chat'>, 'ask' | 'answer' | 'openQuestions' | 'replyTimes'> = {
  ask: {
    allow: allowOnMessage(policy.chat.ask, (input) => input.messageId),
    run: async ({ db, now }, { messageId }) => {
      const at = now().toISOString()
      return db.runTransaction(async (tx) => {
        const { data: message } = await tx.collection<MessageRecord>('chatMessages').doc(messageId).get()
        if (!message) throw new AppError('NOT_FOUND', '没有找到这条消息')
        refusal(mayAsk(message))
        const question: QuestionFields = {
          chatId: message.chatId,
          villageId: message.villageId,
          groupId: message.groupId,
          state: 'open',
          askedAt: at,
          answeredAt: null,
          seconds: null,
          senderName: message.senderName,
          text: message.text ?? (message.kind === 'voice' ? '[语音]' : '[图片]'),
        }
        await tx
          .collection('chatMessages')
          .doc(messageId)
          .update({ question: command.set({ state: 'open', askedAt: at, answeredAt: null, answerId: null }) })
        await tx.collection('chatQuestions').doc(messageId).set(question)
        return { state: 'open' as const }
      })
    },
  },

  answer: {
    allow: allowOnMessage(policy.chat.answer, (input) => input.messageId),
    run: async ({ db, places, caller, now, openId }, { messageId, text, clientId }) => {
      const at = now()
      const place = await messagePlace(db, places, messageId)
      const state = await screen(text, openId)
      if (state !== 'shown') throw new AppError('INVALID_INPUT', '答复里有需要审核的内容，请换个说法', [{ path: 'data.text', message: '请换个说法' }])
      const name = await chatName(places, place)
      return db.runTransaction(async (tx) => {
        const { data: message } = await tx.collection<MessageRecord>('chatMessages').doc(messageId).get()
        if (!message) throw new AppError('NOT_FOUND', '没有找到这条消息')
        refusal(mayAnswer(message))
        const askedAt = message.question?.askedAt ?? message.at
        const posted = await postIn(
          tx,
          { chatId: message.chatId, chat: place, name, at, sender: { personId: caller.personId, name: caller.name, tag: senderTag(caller, place) }, rateLimited: false },
          {
            kind: 'answer',
            text,
            fileId: null,
            durationS: null,
            card: null,
            replyTo: { id: message._id, senderName: message.senderName, text: message.text },
            clientId: clientId ?? `answer-${messageId}`,
            state: 'shown',
          },
        )
        const seconds = replySeconds(askedAt, at.toISOString())
        await tx
          .collection('chatMessages')
          .doc(messageId)
          .update({ question: command.set({ state: 'answered', askedAt, answeredAt: at.toISOString(), answerId: posted.id }) })
        const { data: asked } = await tx.collection<QuestionRecord>('chatQuestions').doc(messageId).get()
        const base: QuestionFields = asked ?? {
          chatId: message.chatId,
          villageId: message.villageId,
          groupId: message.groupId,
          state: 'open',
          askedAt,
          answeredAt: null,
          seconds: null,
          senderName: message.senderName,
          text: message.text,
        }
        await tx
          .collection('chatQuestions')
          .doc(messageId)
          .set({ ...base, state: 'answered', answeredAt: at.toISOString(), seconds })
        const { data: stats } = await tx.collection<ReplyStatsRecord>('chatReplyStats').doc(message.chatId).get()
        await tx
          .collection('chatReplyStats')
          .doc(message.chatId)
          .set({ answered: (stats?.answered ?? 0) + 1, secondsTotal: (stats?.secondsTotal ?? 0) + seconds })
        if (message.senderId !== caller.personId)
          await notify(
            tx,
            { people: [message.senderId] },
            { kind: 'chat_answer', title: '您在群里的提问有答复了', body: `${caller.name}：${text.slice(0, 60)}`, page: chatPage(message.chatId) },
            at,
          )
        return { id: posted.id, seconds }
      })
    },
  },

  openQuestions: {
    allow: allowBy(policy.chat.openQuestions),
    run: async ({ db, places, caller, now }, { scope, cursor, limit }) => {
      const chats = await answeredChats(places, caller, scope, (villageId) => readAll<GroupRecord>(db, 'groups', { villageId }))
      if (chats.length === 0) return { items: [], nextCursor: null }
      const village = villageInCharge(caller)
      const where = scope === 'village' && village ? { villageId: village, state: 'open' } : { chatId: chats[0], state: 'open' }
      // Slowest first: the longest waiting at the top.
      const page = await cursorPage<QuestionRecord>(db, 'chatQuestions', where, {
        orderBy: 'askedAt',
        direction: 'asc',
        limit,
        cursor,
        listKey: `chat:questions:${scope}:${caller.personId}`,
      })
      const names = await readWhereIn<ChatRecord>(db, 'chats', '_id', [...new Set(page.items.map((item) => item.chatId))])
      const at = now().getTime()
      return {
        items: page.items.map((item) => ({
          messageId: item._id,
          chatId: item.chatId,
          chatName: names.find((chat) => chat._id === item.chatId)?.name ?? '',
          senderName: item.senderName,
          text: item.text,
          askedAt: item.askedAt,
          waitingHours: Math.round(((at - Date.parse(item.askedAt)) / 3_600_000) * 10) / 10,
        })),
        nextCursor: page.nextCursor,
      }
    },
  },

  replyTimes: {
    allow: allowBy(policy.chat.replyTimes),
    run: async ({ db, places, caller, now }, { scope }) => {
      const chats = await answeredChats(places, caller, scope, (villageId) => readAll<GroupRecord>(db, 'groups', { villageId }))
      const at = now().getTime()
      const [stats, stored] = await Promise.all([readWhereIn<ReplyStatsRecord>(db, 'chatReplyStats', '_id', chats), readWhereIn<ChatRecord>(db, 'chats', '_id', chats)])
      const groups = await Promise.all(
        chats.map(async (chatId) => {
          const [open, oldest] = await Promise.all([
            db.collection('chatQuestions').where({ chatId, state: 'open' }).count(),
            db.collection<QuestionRecord>('chatQuestions').where({ chatId, state: 'open' }).orderBy('askedAt', 'asc').limit(1).get(),
          ])
          const stat = stats.find((one) => one._id === chatId)
          const name = stored.find((one) => one._id === chatId)?.name ?? (await chatName(places, await chatPlace(places, chatId)))
          return {
            chatId,
            name,
            answered: stat?.answered ?? 0,
            averageMinutes: stat?.answered ? Math.round((stat.secondsTotal / stat.answered / 60) * 10) / 10 : null,
            open: open.total,
            oldestOpenHours: oldest.data[0] ? Math.round(((at - Date.parse(oldest.data[0].askedAt)) / 3_600_000) * 10) / 10 : null,
          }
        }),
      )
      // Slowest first: the oldest open question, then the slowest average.
      groups.sort((a, b) => (b.oldestOpenHours ?? -1) - (a.oldestOpenHours ?? -1) || (b.averageMinutes ?? -1) - (a.averageMinutes ?? -1))
      return { groups }
    },
  },
}
