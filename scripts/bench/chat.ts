/**
 * Chat rows of `npm run bench` (issue 12), each through the HTTP host with its reads and its p95
 * against the no-op floor's (target ≤ 3×): opening the busiest chat of the data set (history, the
 * latest 20), the chat list with unread counts for one of its villagers and for its village's
 * secretary (every chat of the village), a poll with nothing new (`history {after: newest}`), and a
 * send into that chat — really written every call, each with its own clientId, spread over many of
 * the chat's members so none passes the 20-a-minute limit. Needs chats in the store
 * (server/seed/chat-history.ts, county-chats.ts); a data set without any gets no rows.
 */
import type { ChatRecord } from '../../cloudfunctions/shared/chat/records'
import { messageIdOf } from '../../cloudfunctions/shared/domain/chat/rules'
import { MESSAGES_PER_MINUTE } from '../../cloudfunctions/shared/domain/chat/rules'
import type { GrantRecord, GroupRecord, PersonRecord } from '../../cloudfunctions/shared/records/records'
import type { Measurement } from './measure'
import { measureCalls } from './measure'
import type { ScenarioContext } from './scenarios'

const ratio = (row: Measurement, floor: Measurement) => `p95 ${(row.p95 / floor.p95).toFixed(1)}× floor`

export async function chatScenarios({ name, client, store, runs, warmup }: ScenarioContext, floor: Measurement): Promise<Measurement[]> {
  const { data: busiest } = await store.collection<ChatRecord>('chats').orderBy('lastSeq', 'desc').limit(1).get()
  const chat = busiest[0]
  if (!chat) return []
  const rows: Measurement[] = []
  const labelled = (row: Measurement, what: string) => ({ ...row, action: `${row.action}; ${what}; ${ratio(row, floor)}` })
  const { total: messages } = await store.collection('chatMessages').count()
  const chatId = chat._id
  const where = chat.kind === 'group' ? { groupId: chat.groupId } : { villageId: chat.villageId }
  const { data: people } = await store.collection<PersonRecord>('people').where(where).orderBy('_id', 'asc').limit(1000).get()
  const { data: group } = chat.groupId ? await store.collection<GroupRecord>('groups').doc(chat.groupId).get() : { data: null }
  const villagers = people.filter((person) => person.groupId && person._id !== group?.leaderId)
  const villager = villagers[0]
  const token = await client.login(villager._id)
  const size = `${chat.lastSeq.toLocaleString('en')} messages in the chat, ${messages.toLocaleString('en')} in all`

  rows.push(
    labelled(
      await measureCalls(name, `chat.history (opening the busiest chat, ${chat.kind}: latest 20)`, runs, warmup, () =>
        client.callCost('chat', 'history', { chatId, limit: 20 }, token),
      ),
      size,
    ),
  )
  const newest = messageIdOf(chatId, (await store.collection<ChatRecord>('chats').doc(chatId).get()).data!.lastSeq)
  rows.push(
    labelled(
      await measureCalls(name, 'chat.history {after: newest} (a poll with nothing new)', runs, warmup, () => client.callCost('chat', 'history', { chatId, after: newest }, token)),
      size,
    ),
  )
  const mine = (await client.call('chat', 'chats', {}, token)) as unknown as unknown[]
  rows.push(
    labelled(await measureCalls(name, 'chat.chats (a villager, with unread counts)', runs, warmup, () => client.callCost('chat', 'chats', {}, token)), `${mine.length} chats`),
  )
  const { data: grants } = await store.collection<GrantRecord>('grants').where({ 'scope.id': chat.villageId, role: 'village_secretary' }).limit(1).get()
  if (grants[0]) {
    const secretaryToken = await client.login(grants[0].personId)
    const theirs = (await client.call('chat', 'chats', {}, secretaryToken)) as unknown as unknown[]
    rows.push(
      labelled(
        await measureCalls(name, 'chat.chats (a village secretary: every chat of the village, with unread counts)', runs, warmup, () =>
          client.callCost('chat', 'chats', {}, secretaryToken),
        ),
        `${theirs.length} chats`,
      ),
    )
  }

  // Enough senders that none sends more than half the minute's allowance in one run of the row.
  const needed = Math.min(villagers.length, Math.max(20, Math.ceil((runs + warmup) / (MESSAGES_PER_MINUTE / 2))))
  const senders = await Promise.all(villagers.slice(0, needed).map((person) => client.login(person._id)))
  const run = `${process.pid}-${Date.now().toString(36)}`
  let sent = 0
  const sendRow = await measureCalls(name, 'chat.send (a text into the busiest chat, stored every call)', runs, warmup, () => {
    sent += 1
    return client.callCost('chat', 'send', { chatId, clientId: `bench-${run}-${sent}`, text: `测一测，第${sent}条` }, senders[sent % senders.length])
  })
  const after = (await store.collection<ChatRecord>('chats').doc(chatId).get()).data!.lastSeq
  rows.push(labelled(sendRow, `${senders.length} senders in turn; the chat went from ${chat.lastSeq.toLocaleString('en')} to ${after.toLocaleString('en')} messages`))
  return rows
}
