/**
 * A few days of chat in 合兴村 (issue 12), so the demo's 群聊 tab says something: in every group chat
 * and the village chat a few dozen messages over the last five days in plain villager Chinese —
 * questions about 低保、医保缴费、道路、垃圾清运 answered by the leader (or a village cadre), a pinned
 * notice by the secretary in the village chat that some have read, one question in 2组 still open
 * after more than a day (the leader's 待办), and a mutual-aid request in 2组 with neighbours' pledges.
 * Documents exactly as the function writes them (server/seed/chat-docs.ts): messages, send keys,
 * chats, read pointers (every sender's, and a sample of members'), presence, questions, reply-time
 * counters and the aid request. No inbox notices or audit entries. Seeded: the same every time.
 */
import { aidIdOf } from '../../cloudfunctions/chat/aid'
import type { NewDoc } from '../../cloudfunctions/shared/db/port'
import type { AidFields, MessageFields, Pledge, QuestionFields } from '../../cloudfunctions/shared/chat/records'
import { replySeconds } from '../../cloudfunctions/shared/domain/chat/rules'
import type { GeneratedVillage } from './generate-village'
import { chatDoc, groupChatName, messageDoc, readDoc, sendDoc, villageChatName, type SeedChat, type SeedSender, seedChatId } from './chat-docs'
import { SeededRandom } from './random'

const MINUTE = 60_000
const HOUR = 60 * MINUTE
const DAY = 24 * HOUR

/** Who says a line: a villager (V), another villager (W), the group's leader (L), the secretary (S), the staff member (T). */
type Who = 'V' | 'W' | 'L' | 'S' | 'T'
/** `q`: a question the next `a` line answers (as the function's `ask` and `answer` leave them). */
type Line = { who: Who; text: string; q?: true; a?: true; notice?: true }

const GROUP_THREADS: Line[][] = [
  [
    { who: 'V', text: '组长，我家老母亲一个人过，身体也不好，能不能申请低保？', q: true },
    { who: 'L', text: '可以申请的。带上户口本、身份证，还有家里收入的情况，到村委会找民政专干登记，我明天上午陪你一起去。', a: true },
    { who: 'V', text: '好的，谢谢组长！' },
  ],
  [
    { who: 'V', text: '明年的医保什么时候开始交？还是三百多块吗？', q: true },
    { who: 'L', text: '已经开始交了，每人400元，这个月底前交好。手机上“江苏医保云”就能交，不会弄的拿手机来找我。', a: true },
    { who: 'W', text: '我家四口人，下午到你家里交行吗？' },
    { who: 'L', text: '行的，下午两点以后我都在家。' },
  ],
  [
    { who: 'V', text: '三组到五组那段路坑太多了，晚上骑电瓶车不安全。' },
    { who: 'W', text: '是的，前天下雨全是积水，我差点摔一跤。' },
    { who: 'L', text: '已经报给村里了，先在坑边插了牌子，大家晚上骑慢点。' },
    { who: 'S', text: '这段路列进了本月的修补计划，下周二开工，施工那两天请大家绕一下。' },
  ],
  [
    { who: 'V', text: '这两天垃圾桶满了没人来拉，味道很大。', q: true },
    { who: 'L', text: '清运车坏了，镇环卫所说明天上午来拉，今天先别往外放了。', a: true },
    { who: 'V', text: '好的，知道了。' },
  ],
  [
    { who: 'W', text: '垃圾要分类吗？吃剩的饭菜放哪个桶？', q: true },
    { who: 'L', text: '绿色桶放厨余的，灰色桶放其他垃圾，旧电池、灯管放到村部门口的红桶里。', a: true },
  ],
  [
    { who: 'V', text: '天气预报说周五有大风降温，大棚要压一压。' },
    { who: 'W', text: '谢谢提醒，我下午就去压膜。' },
    { who: 'L', text: '家里有老人的多去看看，门窗关好，别用炭火取暖。' },
  ],
  [
    { who: 'L', text: '65岁以上老人免费体检，下周三早上七点半在村卫生室，要空腹，带身份证和医保卡。' },
    { who: 'V', text: '我爸八十多了，走不动路，医生能上门吗？', q: true },
    { who: 'L', text: '行动不便的我登记一下，卫生室医生会上门，你家我报上去了。', a: true },
    { who: 'V', text: '太好了，谢谢！' },
  ],
  [
    { who: 'W', text: '明天上午停水吗？听说在换水管。', q: true },
    { who: 'L', text: '对的，明天八点到十二点停水，大家今晚存点水。', a: true },
  ],
  [
    { who: 'S', text: '提醒大家：秸秆不要在田里烧，可以打捆回收，村里统一拉走。' },
    { who: 'V', text: '打捆的机器哪天来？' },
    { who: 'L', text: '周六到我们组，要打捆的到我这里登记。' },
  ],
  [
    { who: 'V', text: '今天镇上赶集，有人一起去吗？' },
    { who: 'W', text: '我去，八点在桥头等你。' },
  ],
  [
    { who: 'W', text: '低保每年都要重新审核吗？去年批下来了今年还要交材料吗？', q: true },
    { who: 'T', text: '每年复核一次，家里情况没变的不用重新交，村里会上门核对，到时候配合一下就行。', a: true },
  ],
]

const VILLAGE_THREADS: Line[][] = [
  [
    {
      who: 'S',
      notice: true,
      text: '【通知】请各户在12月20日前交好2025年度城乡居民医保（每人400元）。可以在手机上交，也可以到村委会便民服务室代交；行动不便的老人，由各组组长上门代办。',
    },
    { who: 'V', text: '收到。' },
    { who: 'W', text: '在外面打工的孩子也要在村里交吗？', q: true },
    { who: 'T', text: '户口在村里、在外地没有参加职工医保的，都在村里交，可以让家里人代交。', a: true },
  ],
  [
    { who: 'V', text: '村部门口那条路的路灯坏了好几盏，晚上黑乎乎的。' },
    { who: 'S', text: '已经联系供电所了，这周内修好。' },
  ],
  [
    { who: 'W', text: '大件垃圾，像旧沙发、旧床垫，放哪里？', q: true },
    { who: 'T', text: '每月15号村里统一收大件垃圾，提前一天放到各组的收集点，别堆在路边。', a: true },
  ],
  [
    { who: 'S', text: '下周一开始低保年度复核，民政专干和组长会上门，请大家在家配合。' },
    { who: 'V', text: '好的，书记。' },
  ],
  [
    { who: 'V', text: '村里的文化广场晚上能跳广场舞吗？' },
    { who: 'T', text: '可以的，九点前结束，音响小声点，别影响旁边人家休息。' },
  ],
  [
    { who: 'W', text: '老年人的高龄补贴是哪个月发？', q: true },
    { who: 'S', text: '每个季度发一次，下一次在1月初，直接打到社保卡上。', a: true },
  ],
]

interface Pending {
  sender: SeedSender
  at: number
  text: string
  kind: string
  question: 'open' | 'answered' | null
  answers: Pending | null
  card: { kind: string; id: string } | null
  id?: string
  seq?: number
}

export interface ChatHistoryDocs {
  chats: NewDoc[]
  chatMessages: NewDoc[]
  chatSends: NewDoc[]
  chatReads: NewDoc[]
  chatPresence: NewDoc[]
  chatQuestions: NewDoc[]
  chatReplyStats: NewDoc[]
  chatAid: NewDoc[]
}

/**
 * 合兴村's chats over the five days before `now`. `demoVillagerId` (2组's villager persona) is left a
 * few messages behind in 2组 and has not read the village notice, so both show unread.
 */
export function hexingChatHistory(village: GeneratedVillage, now: Date, demoVillagerId: string | null, seed = 1212): ChatHistoryDocs {
  const random = new SeededRandom(seed)
  const townId = village.village.townId as string
  const villageId = village.village._id as string
  const villageName = village.village.name as string
  const people = village.people as Array<NewDoc & { _id: string; name: string; groupId: string }>
  const byId = new Map(people.map((person) => [person._id, person]))
  const leaders = new Set(village.groups.map((group) => group.leaderId as string | null).filter(Boolean))
  const cadres = new Set([village.secretaryId, village.staffId])
  const docs: ChatHistoryDocs = { chats: [], chatMessages: [], chatSends: [], chatReads: [], chatPresence: [], chatQuestions: [], chatReplyStats: [], chatAid: [] }
  const present = new Set<string>()
  const end = now.getTime() - 20 * MINUTE

  const senderIn = (chat: SeedChat, id: string): SeedSender => {
    const tag = cadres.has(id) ? '村干部' : (chat.kind === 'group' ? byId.get(id)?.groupId === chat.groupId && leaders.has(id) : leaders.has(id)) ? '组长' : null
    return { id, name: byId.get(id)!.name, tag }
  }

  /** A thread's start on a day `daysAgo` between 7:00 and 20:00 Beijing, ending (at most ~2 h later) before `end`. */
  const threadStart = (daysAgo: number) => {
    const day = now.getTime() - daysAgo * DAY
    const beijingMidnight = Math.floor((day + 8 * HOUR) / DAY) * DAY - 8 * HOUR
    const start = beijingMidnight + (7 + random.next() * 13) * HOUR
    return start + 3 * HOUR > end ? end - (3 + random.next() * 4) * HOUR : start
  }

  function chatOf(chat: SeedChat, members: string[], threads: Line[][], extra: (pending: Pending[], sender: (id: string) => SeedSender) => void) {
    const chatId = seedChatId(chat)
    const leaderId = chat.kind === 'group' ? ((village.groups.find((group) => group._id === chat.groupId)?.leaderId as string | null) ?? null) : null
    const villagers = members.filter((id) => id !== leaderId && !cadres.has(id))
    const pending: Pending[] = []
    const order = threads.map((thread) => ({ thread, key: random.next() })).sort((a, b) => a.key - b.key)
    const count = chat.kind === 'group' ? Math.min(order.length, 7 + random.int(0, 2)) : order.length
    for (let index = 0; index < count; index += 1) {
      const thread = order[index].thread
      const v = random.pick(villagers)
      let w = random.pick(villagers)
      while (w === v && villagers.length > 1) w = random.pick(villagers)
      const cast: Record<Who, string> = { V: v, W: w, L: leaderId ?? village.staffId, S: village.secretaryId, T: village.staffId }
      let at = threadStart(Math.floor(((count - index) / count) * 5))
      let question: Pending | null = null
      for (const line of thread) {
        at += (2 + random.next() * 25) * MINUTE
        const message: Pending = {
          sender: senderIn(chat, cast[line.who]),
          at,
          text: line.text,
          kind: line.notice ? 'notice' : line.a && question ? 'answer' : 'text',
          question: line.q ? 'answered' : null,
          answers: line.a ? question : null,
          card: null,
        }
        if (line.q) question = message
        pending.push(message)
      }
    }
    extra(pending, (id) => senderIn(chat, id))
    // In time order, then numbered as the function numbers them.
    pending.sort((a, b) => a.at - b.at)
    const lastSent = new Map<string, number>()
    const replyStats = { answered: 0, secondsTotal: 0 }
    const pinned: string[] = []
    pending.forEach((message, index) => {
      message.seq = index + 1
      message.id = `${chatId}|${String(message.seq).padStart(9, '0')}`
    })
    for (const message of pending) {
      const at = new Date(message.at).toISOString()
      const answerOf = pending.find((other) => other.answers === message)
      const question: MessageFields['question'] =
        message.question === 'open'
          ? { state: 'open', askedAt: at, answeredAt: null, answerId: null }
          : message.question === 'answered' && answerOf
            ? { state: 'answered', askedAt: at, answeredAt: new Date(answerOf.at).toISOString(), answerId: answerOf.id! }
            : null
      const clientId = `seed-${message.seq}`
      const doc = messageDoc(chat, chatId, message.seq!, message.sender, {
        kind: message.kind,
        text: message.text,
        at,
        clientId,
        card: message.card,
        replyTo: message.answers ? { id: message.answers.id!, senderName: message.answers.sender.name, text: message.answers.text } : null,
        question,
      })
      docs.chatMessages.push(doc)
      docs.chatSends.push(sendDoc(chatId, message.sender.id, clientId, doc._id, message.seq!))
      lastSent.set(message.sender.id, message.seq!)
      if (message.kind === 'notice') pinned.unshift(doc._id)
      if (question) {
        const fields: QuestionFields = {
          chatId,
          villageId,
          groupId: chat.groupId,
          state: question.state,
          askedAt: at,
          answeredAt: question.answeredAt,
          seconds: question.answeredAt ? replySeconds(at, question.answeredAt) : null,
          senderName: message.sender.name,
          text: message.text,
        }
        docs.chatQuestions.push({ _id: doc._id, ...fields })
        if (fields.seconds !== null) {
          replyStats.answered += 1
          replyStats.secondsTotal += fields.seconds
        }
      }
    }
    const last = docs.chatMessages[docs.chatMessages.length - 1] as unknown as MessageFields
    docs.chats.push(chatDoc(chat, chatId, last, pinned))
    if (replyStats.answered) docs.chatReplyStats.push({ _id: chatId, ...replyStats })
    // Read pointers: every sender up to their last message (or further), and about a third of the others.
    const total = pending.length
    const noticeSeq = Math.max(0, ...pending.filter((message) => message.kind === 'notice').map((message) => message.seq!))
    for (const id of members) {
      const sent = lastSent.get(id) ?? 0
      if (!sent && id !== demoVillagerId && !random.chance(0.3)) continue
      let upTo = random.chance(0.6) ? total : Math.max(1, total - random.int(1, 12))
      if (id === demoVillagerId) upTo = chat.kind === 'group' ? total - 5 : Math.max(1, noticeSeq - 1)
      upTo = Math.max(upTo, sent)
      if (upTo < 1) continue
      docs.chatReads.push(readDoc(id, chatId, upTo))
      present.add(id)
    }
  }

  const cadreIds = [village.secretaryId, village.staffId]
  for (const group of village.groups) {
    const groupId = group._id as string
    const chat: SeedChat = { kind: 'group', townId, villageId, groupId, name: groupChatName(villageName, group.name as string) }
    const members = [...new Set([...people.filter((person) => person.groupId === groupId).map((person) => person._id), ...cadreIds])]
    chatOf(chat, members, GROUP_THREADS, (pending, sender) => {
      if (group.number !== 2) return
      const chatId = seedChatId(chat)
      const villagers = members.filter((id) => id !== group.leaderId && !cadres.has(id) && id !== demoVillagerId)
      // Asked more than a day ago and not answered yet: in the leader's 待办.
      pending.push({
        sender: sender(villagers[0]),
        at: end - 30 * HOUR,
        text: '我家孙子户口刚迁回来，今年的医保还能在村里补交吗？要带什么材料？',
        kind: 'text',
        question: 'open',
        answers: null,
        card: null,
      })
      // Mutual aid: the leader asks for a bedridden villager; three neighbours pledge.
      const forPerson = villagers[villagers.length - 1]
      const clientId = 'seed-aid-1'
      const aidId = aidIdOf(chatId, group.leaderId as string, clientId)
      const askedAt = end - 2 * DAY - 3 * HOUR
      const title = `${byId.get(forPerson)!.name}家的玉米没人收，求大家搭把手`
      const aidMessage: Pending = {
        sender: sender(group.leaderId as string),
        at: askedAt,
        text: title,
        kind: 'aid',
        question: null,
        answers: null,
        card: { kind: 'aid', id: aidId },
      }
      pending.push(aidMessage)
      const pledges: Pledge[] = [
        { kind: 'time' as const, note: '周六上午我来帮忙掰玉米' },
        { kind: 'goods' as const, note: '我家有三轮车，可以帮着拉回去' },
        { kind: 'time' as const, note: '我下午有空，可以帮着晒' },
      ].map((pledge, index) => {
        const personId = villagers[1 + index]
        return {
          id: `p${index + 1}`,
          personId,
          personName: byId.get(personId)!.name,
          kind: pledge.kind,
          note: pledge.note,
          at: new Date(askedAt + (index + 1) * 47 * MINUTE).toISOString(),
        }
      })
      const aid: AidFields = {
        chatId,
        villageId,
        groupId,
        title,
        text: '老人卧床好几个月了，家里只有老伴一个人，地里两亩玉米还没收。谁有空帮一把，出工出车都行，谢谢大家！',
        byId: group.leaderId as string,
        byName: byId.get(group.leaderId as string)!.name,
        forPersonId: forPerson,
        at: new Date(askedAt).toISOString(),
        state: 'open',
        thanks: null,
        messageId: '',
        pledges,
      }
      docs.chatAid.push({ _id: aidId, ...aid, messageIdOf: aidMessage })
    })
  }
  const villageChat: SeedChat = { kind: 'village', townId, villageId, groupId: null, name: villageChatName(villageName) }
  chatOf(
    villageChat,
    people.filter((person) => person.groupId).map((person) => person._id),
    VILLAGE_THREADS,
    () => undefined,
  )
  // The aid request's message id is known once its chat is numbered.
  for (const aid of docs.chatAid) {
    const message = aid.messageIdOf as unknown as Pending
    aid.messageId = message.id
    delete aid.messageIdOf
  }
  const firstAt = new Date(now.getTime() - 6 * DAY).toISOString()
  docs.chatPresence = [...present].sort().map((id) => ({ _id: id, firstAt }))
  return docs
}
