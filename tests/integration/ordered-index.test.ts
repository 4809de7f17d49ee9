/**
 * The embedded store's ordered-index path: a query with equality on an index's leading fields and
 * its order on the last (a chat's messages by `chatId, seq`) is answered by walking the index. The
 * pages must be exactly those the full sort gives: latest first, by cursor while messages arrive,
 * polls with `after`, with a filter the index does not cover, and with skip.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pageByCursor } from '../../cloudfunctions/shared/db/cursor'
import { messageIdOf } from '../../cloudfunctions/shared/domain/chat/rules'
import { EmbeddedStore } from '../../server/embedded-store/embedded-store'

type Row = { _id: string; chatId: string; seq: number; state: string }

let dir: string
let store: EmbeddedStore
const rows: Row[] = []
const row = (chatId: string, seq: number): Row => ({ _id: messageIdOf(chatId, seq), chatId, seq, state: seq % 7 === 0 ? 'held' : 'shown' })

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'cunzu-ordered-'))
  store = new EmbeddedStore({ file: join(dir, 'store.sqlite') })
  for (const [chatId, count] of [
    ['group:a', 300],
    ['group:b', 5],
    ['village:c', 40],
  ] as const)
    for (let seq = 1; seq <= count; seq += 1) rows.push(row(chatId, seq))
  // Inserted out of order, so the table's order says nothing.
  store.bulkWrite({ chatMessages: [...rows].sort((a, b) => (a._id.split('').reverse().join('') < b._id.split('').reverse().join('') ? -1 : 1)) })
})
afterAll(() => {
  store.close()
  rmSync(dir, { recursive: true, force: true })
})

const ids = (docs: Array<{ _id: string }>) => docs.map((doc) => doc._id)
const expected = (filter: (row: Row) => boolean, direction: 'asc' | 'desc') =>
  rows
    .filter(filter)
    .sort((a, b) => (direction === 'asc' ? a.seq - b.seq : b.seq - a.seq))
    .map((one) => one._id)

it('the latest page, newest first, exactly as the full sort', async () => {
  const { data } = await store.collection<Row>('chatMessages').where({ chatId: 'group:a' }).orderBy('seq', 'desc').orderBy('_id', 'desc').limit(21).get()
  expect(ids(data)).toEqual(expected((one) => one.chatId === 'group:a', 'desc').slice(0, 21))
  const small = await store.collection<Row>('chatMessages').where({ chatId: 'group:b' }).orderBy('seq', 'desc').limit(21).get()
  expect(ids(small.data)).toEqual(expected((one) => one.chatId === 'group:b', 'desc'))
  const skipped = await store.collection<Row>('chatMessages').where({ chatId: 'group:a' }).orderBy('seq', 'asc').skip(10).limit(5).get()
  expect(ids(skipped.data)).toEqual(expected((one) => one.chatId === 'group:a', 'asc').slice(10, 15))
})

it('polls: only what is newer than `after`, oldest first', async () => {
  const _ = store.command
  const { data } = await store
    .collection<Row>('chatMessages')
    .where({ chatId: 'group:a', seq: _.gt(290) })
    .orderBy('seq', 'asc')
    .limit(50)
    .get()
  expect(ids(data)).toEqual(expected((one) => one.chatId === 'group:a' && one.seq > 290, 'asc'))
  const none = await store
    .collection<Row>('chatMessages')
    .where({ chatId: 'group:a', seq: _.gt(300) })
    .orderBy('seq', 'asc')
    .limit(50)
    .get()
  expect(none.data).toEqual([])
})

it('filters the index does not cover (held messages) still give the full sort’s page', async () => {
  const { data } = await store.collection<Row>('chatMessages').where({ chatId: 'group:a', state: 'held' }).orderBy('seq', 'desc').orderBy('_id', 'desc').limit(11).get()
  expect(ids(data)).toEqual(expected((one) => one.chatId === 'group:a' && one.state === 'held', 'desc').slice(0, 11))
})

it('pages by cursor with no gaps or repeats while messages arrive', async () => {
  const seen: string[] = []
  let cursor: string | null = null
  let next = 301
  for (let pages = 0; pages < 100; pages += 1) {
    const page: { items: Row[]; nextCursor: string | null } = await pageByCursor<Row>(
      store,
      'chatMessages',
      { chatId: 'group:a' },
      { orderBy: 'seq', direction: 'desc', limit: 20, cursor, listKey: 'chat:group:a' },
    )
    seen.push(...ids(page.items))
    cursor = page.nextCursor
    if (!cursor) break
    // New messages arrive at the head while the older pages are read.
    await store.collection('chatMessages').doc(messageIdOf('group:a', next)).set(row('group:a', next))
    next += 1
  }
  expect(seen).toEqual(expected((one) => one.chatId === 'group:a' && one.seq <= 300, 'desc'))
})
