/**
 * Group chats and micro-services (微信群 / 微服务): one chat per villager group and one per village,
 * membership following the roster; notices pinned on top with "read by N of M"; text, photo,
 * voice and cards; questions answered by the leader, the secretary or staff, with reply times;
 * mutual aid (微公益); a content check and a rate limit before anything is stored; moderators hide.
 * Who may do what: `policy.chat` in types/policy.ts; the rules are pure functions in
 * cloudfunctions/shared/domain/chat.
 */
import { z } from 'zod'
import { action, cursorInputShape, cursorPageOf, idSchema } from '../common'
import { fileId, reason, shortText, textField } from '../fields'
import { TEXT_RULES } from '../text-rules'

export const CHAT_KINDS = ['group', 'village'] as const
export type ChatKind = (typeof CHAT_KINDS)[number]
/** What a person may send; `notice`, `answer`, `aid` and `thanks` are made by their own actions. */
export const SEND_KINDS = ['text', 'photo', 'voice', 'card'] as const
export const MESSAGE_KINDS = [...SEND_KINDS, 'notice', 'answer', 'aid', 'thanks'] as const
export type MessageKind = (typeof MESSAGE_KINDS)[number]
/** What a card may point at: each opens its own page, for those who may see it. */
export const CARD_KINDS = ['notice', 'matter', 'errand', 'case', 'aid'] as const
export type CardKind = (typeof CARD_KINDS)[number]
export const PLEDGE_KINDS = ['time', 'goods', 'money'] as const
export const PLEDGE_KIND_LABEL: Record<(typeof PLEDGE_KINDS)[number], string> = { time: '出力（时间）', goods: '送物资', money: '捐钱（线下）' }
export const MAX_VOICE_SECONDS = 60

const messageText = textField(TEXT_RULES.longText, { label: '消息', max: 1000 })

export const cardSchema = z.object({
  kind: z.enum(CARD_KINDS),
  id: z.string(),
  /** What the card says; for a card the viewer may not see: a plain "仅相关人员可见". */
  title: z.string(),
  /** The viewer may open it (else the card shows only that something exists). */
  visible: z.boolean(),
  page: z.string().nullable(),
})

export const messageSchema = z.object({
  id: z.string(),
  chatId: z.string(),
  /** The chat's running number: later messages have larger ones. */
  seq: z.number().int(),
  senderId: z.string(),
  senderName: z.string(),
  /** `村干部` for the village's secretary and staff, `组长` for a group leader, else null. */
  senderTag: z.string().nullable(),
  kind: z.enum(MESSAGE_KINDS),
  text: z.string().nullable(),
  fileId: z.string().nullable(),
  durationS: z.number().int().nullable(),
  card: cardSchema.nullable(),
  at: z.string(),
  clientId: z.string(),
  /** `held`: waiting for a leader to release it (only its sender and moderators see it); `hidden`: hidden by a moderator. */
  state: z.enum(['shown', 'held', 'hidden']),
  question: z.object({ state: z.enum(['open', 'answered']), askedAt: z.string(), answeredAt: z.string().nullable(), answerId: z.string().nullable() }).nullable(),
  replyTo: z.object({ id: z.string(), senderName: z.string(), text: z.string().nullable() }).nullable(),
  mine: z.boolean(),
})
export type ChatMessage = z.infer<typeof messageSchema>

export const chatSummarySchema = z.object({
  id: z.string(),
  kind: z.enum(CHAT_KINDS),
  name: z.string(),
  unread: z.number().int().min(0),
  last: z.object({ senderName: z.string(), text: z.string(), at: z.string() }).nullable(),
})

const noticeSchema = z.object({
  id: z.string(),
  text: z.string().nullable(),
  at: z.string(),
  senderName: z.string(),
  readBy: z.number().int().min(0),
  /** Members who have signed in (opened the app). */
  of: z.number().int().min(0),
  readByMe: z.boolean(),
})

const chatId = idSchema
const messageId = z.strictObject({ messageId: idSchema })

export const chatContract = {
  chats: action({
    who: '任何已登录的人（自己所在的群：本组群和本村群；本村的村书记、村干部是本村各群的成员）',
    input: z.strictObject({}),
    output: z.array(chatSummarySchema),
  }),
  chat: action({
    who: '本群成员（别人：404）',
    input: z.strictObject({ chatId }),
    output: z.object({
      id: z.string(),
      kind: z.enum(CHAT_KINDS),
      name: z.string(),
      members: z.number().int(),
      signedIn: z.number().int(),
      pinned: z.array(noticeSchema),
      openQuestions: z.number().int(),
      can: z.object({ notice: z.boolean(), moderate: z.boolean(), answer: z.boolean() }),
    }),
  }),
  send: action({
    who: '本群成员（别人：404）',
    input: z.strictObject({
      chatId,
      /** Made by the app before sending: a retry with the same one returns the same message and stores nothing. */
      clientId: z.string().min(8, '缺少消息编号').max(64),
      kind: z.enum(SEND_KINDS).default('text'),
      text: messageText.optional(),
      fileId: fileId.optional(),
      durationS: z.number().int().min(1).max(MAX_VOICE_SECONDS, `语音最长 ${MAX_VOICE_SECONDS} 秒`).optional(),
      card: z.strictObject({ kind: z.enum(CARD_KINDS), id: idSchema }).optional(),
      replyTo: idSchema.optional(),
    }),
    output: z.object({ id: z.string(), seq: z.number().int(), state: z.enum(['shown', 'held', 'hidden']) }),
  }),
  history: action({
    who: '本群成员（别人：404）',
    input: z.strictObject({ chatId, after: idSchema.optional(), ...cursorInputShape }),
    output: cursorPageOf(messageSchema),
  }),
  read: action({
    who: '本群成员（别人：404）',
    input: z.strictObject({ chatId, upTo: idSchema }),
    output: z.object({ unread: z.number().int().min(0) }),
  }),
  notice: action({
    who: '本组群：本组组长、本村的村书记、村干部；本村群：本村的村书记、村干部（置顶通知）',
    input: z.strictObject({ chatId, clientId: z.string().min(8).max(64), text: textField(TEXT_RULES.longText, { label: '通知', max: 1000, min: 2 }) }),
    output: z.object({ id: z.string(), seq: z.number().int() }),
  }),
  noticeReads: action({
    who: '本组群：本组组长、本村的村书记、村干部；本村群：本村的村书记、村干部',
    input: messageId,
    output: z.object({ readBy: z.number().int(), of: z.number().int(), notRead: z.array(z.object({ id: z.string(), name: z.string() })) }),
  }),
  unpin: action({
    who: '本组群：本组组长、本村的村书记、村干部；本村群：本村的村书记、村干部',
    input: messageId,
    output: z.object({ pinned: z.boolean() }),
  }),
  ask: action({
    who: '消息的发送人；本组群：本组组长、本村的村书记、村干部；本村群：本村的村书记、村干部',
    input: messageId,
    output: z.object({ state: z.enum(['open', 'answered']) }),
  }),
  answer: action({
    who: '本组群：本组组长、本村的村书记、村干部；本村群：本村的村书记、村干部',
    input: z.strictObject({ messageId: idSchema, text: textField(TEXT_RULES.longText, { label: '答复', max: 1000, min: 1 }), clientId: z.string().min(8).max(64).optional() }),
    output: z.object({ id: z.string(), seconds: z.number().int().min(0) }),
  }),
  openQuestions: action({
    who: '村民小组长（本组群的）；本村的村书记、村干部（本村各群的）',
    input: z.strictObject({ scope: z.enum(['group', 'village']), ...cursorInputShape }),
    output: cursorPageOf(
      z.object({
        messageId: z.string(),
        chatId: z.string(),
        chatName: z.string(),
        senderName: z.string(),
        text: z.string().nullable(),
        askedAt: z.string(),
        waitingHours: z.number(),
      }),
    ),
  }),
  replyTimes: action({
    who: '村民小组长（本组的）；本村的村书记、村干部（本村各组的）',
    input: z.strictObject({ scope: z.enum(['group', 'village']) }),
    output: z.object({
      groups: z.array(
        z.object({
          chatId: z.string(),
          name: z.string(),
          answered: z.number().int(),
          averageMinutes: z.number().nullable(),
          open: z.number().int(),
          oldestOpenHours: z.number().nullable(),
        }),
      ),
    }),
  }),
  hide: action({
    who: '本组群：本组组长、本村的村书记、村干部；本村群：本村的村书记、村干部（隐藏消息，记入台账，告知发送人）',
    input: z.strictObject({ messageId: idSchema, reason }),
    output: z.object({ state: z.enum(['shown', 'held', 'hidden']) }),
  }),
  release: action({
    who: '本组群：本组组长、本村的村书记、村干部；本村群：本村的村书记、村干部（放行待审核的消息）',
    input: messageId,
    output: z.object({ state: z.enum(['shown', 'held', 'hidden']) }),
  }),
  held: action({
    who: '本组群：本组组长、本村的村书记、村干部；本村群：本村的村书记、村干部',
    input: z.strictObject({ chatId, ...cursorInputShape }),
    output: cursorPageOf(messageSchema),
  }),
  aid: action({
    who: '本群成员（发起互助求助）',
    input: z.strictObject({
      chatId,
      clientId: z.string().min(8).max(64),
      title: textField(TEXT_RULES.shortText, { label: '标题', max: 40, min: 2 }),
      text: textField(TEXT_RULES.longText, { label: '需要什么帮助', max: 1000, min: 2 }),
      forPersonId: idSchema.optional(),
    }),
    output: z.object({ id: z.string(), messageId: z.string() }),
  }),
  aidRequest: action({
    who: '本群成员',
    input: z.strictObject({ aidId: idSchema }),
    output: z.object({
      id: z.string(),
      chatId: z.string(),
      title: z.string(),
      text: z.string(),
      by: z.object({ id: z.string(), name: z.string() }),
      at: z.string(),
      state: z.enum(['open', 'fulfilled']),
      thanks: z.string().nullable(),
      pledges: z.array(z.object({ id: z.string(), personName: z.string(), kind: z.enum(PLEDGE_KINDS), note: z.string().nullable(), at: z.string(), mine: z.boolean() })),
      can: z.object({ pledge: z.boolean(), fulfil: z.boolean() }),
    }),
  }),
  pledge: action({
    who: '本群成员（认领帮忙：出力、送物资或线下捐钱，本应用不经手钱物）',
    input: z.strictObject({ aidId: idSchema, kind: z.enum(PLEDGE_KINDS), note: shortText.optional() }),
    output: z.object({ id: z.string() }),
  }),
  fulfil: action({
    who: '求助的发起人（标记已解决并发出感谢）',
    input: z.strictObject({ aidId: idSchema, thanks: textField(TEXT_RULES.longText, { label: '感谢的话', max: 500, min: 2 }) }),
    output: z.object({ state: z.enum(['open', 'fulfilled']), messageId: z.string() }),
  }),
}
