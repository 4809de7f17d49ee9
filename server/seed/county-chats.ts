/**
 * The county's chats, for benchmarks (issue 12): about 2,000,000 messages over the last 180 days in
 * the 8,031 group chats and 230 village chats of `seedCounty`, skewed as real chats are — a chat's
 * share falls with its (seeded, random) rank as 1/(rank + 5), so the busiest holds ~45,000 messages,
 * the top hundred about a third of all, and the median a few dozen. In each chat about 30% of the
 * members (and the village's cadres) talk; every one of them, and a fifth of the others, has a read
 * pointer (most caught up, some behind), and everyone with a pointer has opened the chats. Each
 * village chat has one pinned notice by the secretary. Documents as the function writes them
 * (server/seed/chat-docs.ts), send keys included; written village by village with bulkWrite.
 * Seeded: the same every time. Runs once per store (a meta document marks it).
 */
import type { NewDoc } from '../../cloudfunctions/shared/db/port'
import { chatIdOf, messageIdOf } from '../../cloudfunctions/shared/domain/chat/rules'
import { readAll } from '../../cloudfunctions/shared/records/read-all'
import type { GrantRecord, GroupRecord, PersonRecord, VillageRecord } from '../../cloudfunctions/shared/records/records'
import type { EmbeddedStore } from '../embedded-store/embedded-store'
import { chatDoc, groupChatName, messageDoc, readDoc, sendDoc, villageChatName, type SeedChat, type SeedSender } from './chat-docs'
import { SeededRandom } from './random'

export const COUNTY_CHATS_DOC_ID = 'seed:county-chats'
export const COUNTY_CHATS_SHAPE = { messages: 2_000_000, days: 180, rankOffset: 5, talkers: 0.3, readers: 0.2 }

const DAY = 24 * 60 * 60 * 1000

const LINES = [
  '今天镇上赶集，有人一起去吗？',
  '明年的医保在哪里交？',
  '医保手机上交好了，谢谢组长。',
  '低保复核什么时候上门？',
  '垃圾车今天来过了吗？',
  '门口的垃圾桶满了，麻烦说一下。',
  '三组那段路又有坑了，晚上注意。',
  '路灯修好了，晚上亮堂多了。',
  '明天降温，大棚压一压。',
  '谁家有多余的菜籽？想买一点。',
  '收到。',
  '好的，谢谢！',
  '知道了。',
  '老人体检是哪天？要空腹吗？',
  '下周三七点半，卫生室，要空腹。',
  '停水到几点？',
  '秸秆打捆的机器哪天来？',
  '周六到我们组。',
  '快递放在村部了，大家自己去拿。',
  '高龄补贴到账了，大家看看社保卡。',
  '有人知道新农合报销要什么材料吗？',
  '带身份证、医保卡和发票，到村委会找专干。',
  '我家小狗跑丢了，黄色的，看到的说一声。',
  '今天下午村里放电影。',
  '广场舞今晚照常。',
  '麦子今年长得不错。',
  '雨停了，可以去田里了。',
  '谁家的鸡跑到我家菜地里了。',
  '明早八点打扫河边卫生，每户出一个人。',
  '村里收大件垃圾是几号？',
]

export interface CountyChatsSummary {
  chats: number
  messages: number
  reads: number
  present: number
  busiest: { chatId: string; messages: number }
  /** Messages in the chat at the middle of the ranking. */
  median: number
  seconds: number
}

/** Messages per chat: the total spread by 1/(rank + offset) over a seeded shuffle of the chats. */
export function chatCounts(chatIds: readonly string[], total: number, random: SeededRandom, offset = COUNTY_CHATS_SHAPE.rankOffset): Map<string, number> {
  const shuffled = [...chatIds]
  for (let index = shuffled.length - 1; index > 0; index -= 1) {
    const other = Math.floor(random.next() * (index + 1))
    ;[shuffled[index], shuffled[other]] = [shuffled[other], shuffled[index]]
  }
  const weights = shuffled.map((_, rank) => 1 / (rank + 1 + offset))
  const sum = weights.reduce((a, b) => a + b, 0)
  return new Map(shuffled.map((id, rank) => [id, Math.max(3, Math.round((total * weights[rank]) / sum))]))
}

/** Seeds the chats into a county store; does nothing when already there. */
export async function seedCountyChats(store: EmbeddedStore, now = new Date(), onVillage?: (done: number) => void): Promise<CountyChatsSummary | null> {
  const { data: marker } = await store.collection('meta').doc(COUNTY_CHATS_DOC_ID).get()
  if (marker) return null
  const started = process.hrtime.bigint()
  const shape = COUNTY_CHATS_SHAPE
  const villages = (await readAll<VillageRecord>(store, 'villages', {})).sort((a, b) => a._id.localeCompare(b._id))
  const allGroups = (await readAll<GroupRecord>(store, 'groups', {})).sort((a, b) => a._id.localeCompare(b._id))
  const grants = await readAll<GrantRecord>(store, 'grants', {})
  const cadresOf = new Map<string, { secretary: string | null; staff: string | null }>()
  for (const grant of grants) {
    const scopeId = (grant.scope as { id?: string }).id
    if (!scopeId || (grant.role !== 'village_secretary' && grant.role !== 'village_staff')) continue
    const entry = cadresOf.get(scopeId) ?? { secretary: null, staff: null }
    if (grant.role === 'village_secretary') entry.secretary = grant.personId
    else entry.staff = grant.personId
    cadresOf.set(scopeId, entry)
  }
  const random = new SeededRandom(12_000)
  const chatIds = [...villages.map((village) => chatIdOf('village', village._id)), ...allGroups.map((group) => chatIdOf('group', group._id))]
  const counts = chatCounts(chatIds, shape.messages, random)
  const summary = { chats: 0, messages: 0, reads: 0, present: 0, busiest: { chatId: '', messages: 0 } }
  const end = now.getTime() - 10 * 60 * 1000
  const span = shape.days * DAY

  for (const [index, village] of villages.entries()) {
    const groups = allGroups.filter((group) => group.villageId === village._id)
    const people = (await readAll<PersonRecord>(store, 'people', { villageId: village._id })).filter((person) => person.groupId)
    const names = new Map(people.map((person) => [person._id, person.name]))
    const cadres = cadresOf.get(village._id) ?? { secretary: null, staff: null }
    const cadreIds = [cadres.secretary, cadres.staff].filter((id): id is string => Boolean(id))
    const leaders = new Set(groups.map((group) => group.leaderId).filter(Boolean))
    const docs: Record<string, NewDoc[]> = { chats: [], chatMessages: [], chatSends: [], chatReads: [], chatPresence: [] }
    const present = new Set<string>()
    const chats: Array<{ chat: SeedChat; members: string[]; leaderId: string | null }> = [
      {
        chat: { kind: 'village', townId: village.townId, villageId: village._id, groupId: null, name: villageChatName(village.name) },
        members: people.map((person) => person._id),
        leaderId: null,
      },
      ...groups.map((group) => ({
        chat: { kind: 'group' as const, townId: village.townId, villageId: village._id, groupId: group._id, name: groupChatName(village.name, group.name) },
        members: [...new Set([...people.filter((person) => person.groupId === group._id).map((person) => person._id), ...cadreIds])],
        leaderId: group.leaderId ?? null,
      })),
    ]
    for (const { chat, members, leaderId } of chats) {
      const chatId = chatIdOf(chat.kind, chat.groupId ?? chat.villageId)
      const total = counts.get(chatId)!
      const tagOf = (id: string) => (cadreIds.includes(id) ? '村干部' : (chat.kind === 'group' ? id === leaderId : leaders.has(id)) ? '组长' : null)
      const talkers = members.filter((id) => !cadreIds.includes(id) && id !== leaderId && random.chance(shape.talkers))
      if (talkers.length === 0) talkers.push(members[0])
      const senders: SeedSender[] = talkers.map((id) => ({ id, name: names.get(id) ?? '村民', tag: tagOf(id) }))
      const officials: SeedSender[] = [...(leaderId ? [leaderId] : []), ...cadreIds].map((id) => ({ id, name: names.get(id) ?? '村干部', tag: tagOf(id) }))
      const noticeSeq = chat.kind === 'village' && cadres.secretary ? Math.max(1, Math.floor(total * 0.9)) : 0
      const lastSent = new Map<string, number>()
      let last: NewDoc | null = null
      for (let seq = 1; seq <= total; seq += 1) {
        const at = new Date(end - span + ((seq - 1 + random.next()) / total) * span).toISOString()
        const notice = seq === noticeSeq
        const sender = notice ? officials.find((one) => one.id === cadres.secretary)! : officials.length && random.chance(0.15) ? random.pick(officials) : random.pick(senders)
        const clientId = `c${seq}`
        const message = messageDoc(chat, chatId, seq, sender, {
          kind: notice ? 'notice' : 'text',
          text: notice ? '【通知】请各户在本月20日前交好明年的城乡居民医保，每人400元，行动不便的老人由组长上门代办。' : random.pick(LINES),
          at,
          clientId,
        })
        docs.chatMessages.push(message)
        docs.chatSends.push(sendDoc(chatId, sender.id, clientId, message._id, seq))
        lastSent.set(sender.id, seq)
        last = message
      }
      const pinned = noticeSeq ? [messageIdOf(chatId, noticeSeq)] : []
      docs.chats.push(chatDoc(chat, chatId, last as never, pinned))
      for (const id of members) {
        const sent = lastSent.get(id) ?? 0
        if (!sent && !random.chance(shape.readers)) continue
        const roll = random.next()
        const behind = roll < 0.6 ? 0 : roll < 0.9 ? random.int(1, 20) : random.int(1, Math.max(1, Math.floor(total / 2)))
        const upTo = Math.max(sent, total - behind, 1)
        docs.chatReads.push(readDoc(id, chatId, Math.min(upTo, total)))
        present.add(id)
      }
      summary.chats += 1
      summary.messages += total
      if (total > summary.busiest.messages) summary.busiest = { chatId, messages: total }
    }
    const firstAt = new Date(end - span - DAY).toISOString()
    docs.chatPresence = [...present].map((id) => ({ _id: id, firstAt }))
    summary.reads += docs.chatReads.length
    summary.present += docs.chatPresence.length
    store.bulkWrite(docs)
    onVillage?.(index + 1)
  }
  const sorted = [...counts.values()].sort((a, b) => a - b)
  const median = sorted[Math.floor(sorted.length / 2)]
  const seconds = Math.round(Number(process.hrtime.bigint() - started) / 1e7) / 100
  store.bulkWrite({ meta: [{ _id: COUNTY_CHATS_DOC_ID, seededAt: now.toISOString(), ...summary, median, seconds }] })
  return { ...summary, median, seconds }
}
