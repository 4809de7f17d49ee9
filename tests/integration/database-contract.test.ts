/**
 * The database port's contract. Runs against the embedded store always, and against CloudBase too
 * when TCB_ENV_ID, TCB_SECRET_ID and TCB_SECRET_KEY are set (in a throw-away environment).
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Where } from '../../cloudfunctions/shared/db/commands'
import { CursorError, pageByCursor } from '../../cloudfunctions/shared/db/cursor'
import type { Database, StoredDoc } from '../../cloudfunctions/shared/db/port'
import { EmbeddedStore } from '../../server/embedded-store/embedded-store'

interface Target {
  name: string
  open(): Promise<{ db: Database; close(): Promise<void> }>
}

const targets: Target[] = [
  {
    name: 'embedded store',
    async open() {
      const dir = mkdtempSync(join(tmpdir(), 'cunzu-db-'))
      const store = new EmbeddedStore({ file: join(dir, 'store.sqlite') })
      return {
        db: store,
        async close() {
          store.close()
          rmSync(dir, { recursive: true, force: true })
        },
      }
    },
  },
]

if (process.env.TCB_ENV_ID && process.env.TCB_SECRET_ID && process.env.TCB_SECRET_KEY) {
  targets.push({
    name: 'CloudBase',
    async open() {
      const { connectCloudBase } = await import('../../cloudfunctions/shared/db/cloudbase')
      const db = connectCloudBase({
        env: process.env.TCB_ENV_ID!,
        secretId: process.env.TCB_SECRET_ID,
        secretKey: process.env.TCB_SECRET_KEY,
      })
      await db.collection('meta').where({ contractTest: true }).remove()
      return { db, close: async () => void (await db.collection('meta').where({ contractTest: true }).remove()) }
    },
  })
}

describe.each(targets)('database port: $name', (target) => {
  let db: Database
  let close: () => Promise<void>
  // `meta` is a declared collection with no indexes; `people` has indexed fields (narrowing path).
  beforeEach(async () => {
    ;({ db, close } = await target.open())
  })
  afterEach(async () => close())

  async function seedPeople() {
    const people = db.collection('people')
    for (let index = 1; index <= 12; index += 1) {
      await people.add({
        _id: `p${index}`,
        name: `村民${index}`,
        groupId: index <= 6 ? 'g1' : 'g2',
        age: 20 + index * 5,
        tags: index % 2 === 0 ? ['党员'] : [],
        address: { road: index % 3 === 0 ? '东街' : '西街', no: index },
        contractTest: true,
      })
    }
  }

  it('adds, reads, replaces and removes one document', async () => {
    const { id } = await db.collection('meta').add({ title: '甲', contractTest: true })
    expect(id).toMatch(/^[0-9a-z-]{8,}$/)
    expect((await db.collection('meta').doc(id).get()).data).toMatchObject({ _id: id, title: '甲' })
    await db.collection('meta').doc(id).set({ title: '乙', contractTest: true })
    const replaced = (await db.collection('meta').doc(id).get()).data
    expect(replaced).toMatchObject({ _id: id, title: '乙' })
    await db.collection('meta').doc(id).remove()
    expect((await db.collection('meta').doc(id).get()).data).toBeNull()
  })

  it('stamps every document with its schema version', async () => {
    const { id } = await db.collection('meta').add({ contractTest: true })
    expect((await db.collection('meta').doc(id).get()).data).toHaveProperty('_v', 1)
  })

  it('filters with every comparison operator on indexed and plain fields', async () => {
    await seedPeople()
    const _ = db.command
    const ids = async (where: Where) => (await db.collection('people').where(where).orderBy('age', 'asc').limit(100).get()).data.map((doc) => doc._id)
    expect(await ids({ groupId: 'g1', age: _.gt(40) })).toEqual(['p5', 'p6'])
    expect(await ids({ groupId: _.neq('g1'), age: _.lte(60) })).toEqual(['p7', 'p8'])
    expect(await ids({ groupId: _.in(['g2']), age: _.gte(75) })).toEqual(['p11', 'p12'])
    expect(await ids({ age: _.lt(30) })).toEqual(['p1'])
    expect(await ids({ _id: _.nin(['p1', 'p2']), groupId: 'g1', age: _.lt(45) })).toEqual(['p3', 'p4'])
    expect(await ids({ 'address.road': '东街', groupId: 'g1' })).toEqual(['p3', 'p6'])
    // Nested plain objects match field by field, as in CloudBase.
    expect(await ids({ address: { road: '东街' }, groupId: 'g2' })).toEqual(['p9', 'p12'])
    expect(await ids({ tags: '党员', groupId: 'g1' })).toEqual(['p2', 'p4', 'p6'])
    expect(await ids({ nickname: _.exists(false), age: _.lt(35) })).toEqual(['p1', 'p2'])
    expect(await ids(_.or([{ age: _.lt(30) }, { age: _.gt(75) }]))).toEqual(['p1', 'p12'])
    expect(await ids({ age: _.gt(30).and(_.lt(45)) })).toEqual(['p3', 'p4'])
    expect(await ids(_.and([{ groupId: 'g2' }, { age: _.or(_.lt(60), _.gt(80)) }]))).toEqual(['p7'])
  })

  it('orders, skips, limits and counts', async () => {
    await seedPeople()
    const page = await db.collection('people').where({ groupId: 'g2' }).orderBy('age', 'desc').skip(1).limit(2).get()
    expect(page.data.map((doc) => doc._id)).toEqual(['p11', 'p10'])
    expect((await db.collection('people').where({ groupId: 'g2' }).count()).total).toBe(6)
    expect((await db.collection('people').count()).total).toBe(12)
  })

  it('refuses a limit above CloudBase’s 1,000', () => {
    expect(() => db.collection('people').limit(1001)).toThrow(/1000/)
  })

  it('returns at most 100 documents when no limit is given', async () => {
    const store = db as EmbeddedStore
    if (!(store instanceof EmbeddedStore)) return
    store.bulkInsert(
      'meta',
      Array.from({ length: 150 }, (_, index) => ({ n: index, contractTest: true })),
    )
    expect((await db.collection('meta').get()).data).toHaveLength(100)
  })

  it('applies update operators: set, inc, push, pull, remove and nested merge', async () => {
    await seedPeople()
    const _ = db.command
    await db
      .collection('people')
      .doc('p2')
      .update({
        age: _.inc(1),
        tags: _.push(['组长']),
        nickname: '老张',
        address: { no: 99 },
        contractTest: true,
      })
    let doc = (await db.collection('people').doc('p2').get()).data!
    expect(doc).toMatchObject({ age: 31, tags: ['党员', '组长'], nickname: '老张', address: { road: '西街', no: 99 } })
    await db
      .collection('people')
      .doc('p2')
      .update({ tags: _.pull('党员'), nickname: _.remove(), address: _.set({ road: '南街' }) })
    doc = (await db.collection('people').doc('p2').get()).data!
    expect(doc.tags).toEqual(['组长'])
    expect(doc).not.toHaveProperty('nickname')
    expect(doc.address).toEqual({ road: '南街' })
  })

  it('updates and removes many documents by condition', async () => {
    await seedPeople()
    const { updated } = await db.collection('people').where({ groupId: 'g1' }).update({ moved: true })
    expect(updated).toBe(6)
    expect((await db.collection('people').where({ moved: true }).count()).total).toBe(6)
    const { deleted } = await db.collection('people').where({ groupId: 'g2' }).remove()
    expect(deleted).toBe(6)
    expect((await db.collection('people').count()).total).toBe(6)
  })

  it('fails to update a document that does not exist', async () => {
    await expect(db.collection('meta').doc('missing').update({ a: 1 })).rejects.toThrow()
  })

  it('commits a transaction as a whole', async () => {
    await seedPeople()
    await db.runTransaction(async (tx) => {
      const person = (await tx.collection('people').doc('p1').get()).data!
      await tx
        .collection('people')
        .doc('p1')
        .update({ age: (person.age as number) + 1 })
      await tx.collection('meta').add({ _id: 'log1', note: 'moved', contractTest: true })
    })
    expect((await db.collection('people').doc('p1').get()).data!.age).toBe(26)
    expect((await db.collection('meta').doc('log1').get()).data).toMatchObject({ note: 'moved' })
  })

  it('rolls a failed transaction back entirely', async () => {
    await seedPeople()
    await expect(
      db.runTransaction(async (tx) => {
        await tx.collection('people').doc('p1').update({ age: 1 })
        await tx.collection('meta').add({ _id: 'log2', contractTest: true })
        throw new Error('boom')
      }),
    ).rejects.toThrow('boom')
    expect((await db.collection('people').doc('p1').get()).data!.age).toBe(25)
    expect((await db.collection('meta').doc('log2').get()).data).toBeNull()
  })

  it('lets a transaction callback run again without doubling its writes', async () => {
    if (!(db instanceof EmbeddedStore)) return
    const rehearsing = new EmbeddedStore({ file: ':memory:', rehearseTransactions: true })
    let runs = 0
    await rehearsing.runTransaction(async (tx) => {
      runs += 1
      await tx.collection('meta').add({ _id: 'once', n: 1 })
    })
    expect(runs).toBe(2)
    expect((await rehearsing.collection('meta').count()).total).toBe(1)
    rehearsing.close()
  })

  it('keeps concurrent increments inside transactions exact', async () => {
    await db.collection('meta').add({ _id: 'counter', n: 0, contractTest: true })
    await Promise.all(
      Array.from({ length: 20 }, () =>
        db.runTransaction(async (tx) => {
          const current = (await tx.collection('meta').doc('counter').get()).data!
          await new Promise((resolve) => setTimeout(resolve, 1))
          await tx
            .collection('meta')
            .doc('counter')
            .update({ n: (current.n as number) + 1 })
        }),
      ),
    )
    expect((await db.collection('meta').doc('counter').get()).data!.n).toBe(20)
  })

  describe('cursor paging', () => {
    type Value = number | string
    interface Row extends StoredDoc {
      v: Value
    }
    // Many ties on purpose: only the _id tie-breaker keeps the order total.
    const kinds = [
      { kind: 'number', values: [0, 1, 2, 3] as Value[], low: -1 as Value, high: 99 as Value },
      { kind: 'string', values: ['k1', 'k2', 'k3'] as Value[], low: 'a' as Value, high: 'z' as Value },
    ]
    const cases = (['asc', 'desc'] as const).flatMap((direction) => kinds.map((kind) => ({ direction, ...kind })))
    let runs = 0
    const pad = (n: number) => String(n).padStart(2, '0')

    async function seedList(list: string, count: number, values: Value[]) {
      for (let index = 0; index < count; index += 1) {
        await db.collection('meta').add({ _id: `${list}-c${pad(index)}`, v: values[index % values.length], list, contractTest: true })
      }
    }

    it.each(cases)('pages $direction by a $kind field with ties: no gaps, no repeats while rows arrive', async ({ direction, values, low, high }) => {
      const list = `cursor-${direction}-${typeof low}-${Date.now()}-${(runs += 1)}`
      await seedList(list, 30, values)
      const sign = direction === 'asc' ? 1 : -1
      const compare = (a: Row, b: Row) => {
        const byValue = a.v === b.v ? 0 : a.v < b.v ? -1 : 1
        return sign * (byValue || (a._id < b._id ? -1 : a._id > b._id ? 1 : 0))
      }
      const [first, last] = direction === 'asc' ? [low, high] : [high, low]
      const seen: Row[] = []
      const before: string[] = []
      const after: string[] = []
      let cursor: string | null = null
      let added = 0
      for (let pages = 0; pages < 40; pages += 1) {
        const page: { items: Row[]; nextCursor: string | null } = await pageByCursor<Row>(
          db,
          'meta',
          { list },
          { orderBy: 'v', direction, limit: 7, cursor, listKey: `test:${list}` },
        )
        seen.push(...page.items)
        cursor = page.nextCursor
        if (!cursor) break
        // Rows arrive between pages: tied with the last row on either side of its _id, and at either end.
        const position = page.items[page.items.length - 1]
        added += 1
        const tiedFirst = direction === 'asc' ? `${list}-b${pad(added)}` : `${list}-d${pad(added)}`
        const tiedLast = direction === 'asc' ? `${list}-d${pad(added)}` : `${list}-b${pad(99 - added)}`
        const arrivals: Row[] = [
          { _id: tiedFirst, v: position.v },
          { _id: tiedLast, v: position.v },
          { _id: `${list}-e${pad(added)}`, v: first },
          { _id: `${list}-f${pad(added)}`, v: last },
        ]
        for (const row of arrivals) {
          await db.collection('meta').add({ ...row, list, contractTest: true })
          ;(compare(row, position) < 0 ? before : after).push(row._id)
        }
      }
      expect(cursor).toBeNull()
      expect(before.length).toBeGreaterThan(0)
      expect(after.length).toBeGreaterThan(0)
      const ids = seen.map((row) => row._id)
      expect(new Set(ids).size).toBe(ids.length)
      for (let index = 0; index < 30; index += 1) expect(ids).toContain(`${list}-c${pad(index)}`)
      for (const id of after) expect(ids).toContain(id)
      for (const id of before) expect(ids).not.toContain(id)
      expect([...seen].sort(compare).map((row) => row._id)).toEqual(ids)
    })

    it('ends with a null cursor when the last page is exactly full', async () => {
      const list = `cursor-exact-${Date.now()}`
      await seedList(list, 14, [1, 2])
      const options = { orderBy: 'v', direction: 'asc' as const, limit: 7, listKey: `test:${list}` }
      const first = await pageByCursor(db, 'meta', { list }, options)
      expect(first.items).toHaveLength(7)
      const second = await pageByCursor(db, 'meta', { list }, { ...options, cursor: first.nextCursor })
      expect(second.items).toHaveLength(7)
      expect(second.nextCursor).toBeNull()
    })

    it('refuses a forged or a foreign cursor', async () => {
      const list = `cursor-guard-${Date.now()}`
      await seedList(list, 5, ['k1'])
      const options = { orderBy: 'v', direction: 'asc' as const, limit: 2, listKey: 'inbox:p1' }
      const { nextCursor } = await pageByCursor(db, 'meta', { list }, options)
      expect(nextCursor).toEqual(expect.any(String))
      const [value, id, hash] = JSON.parse(Buffer.from(nextCursor!, 'base64url').toString('utf8'))
      expect([value, id]).toEqual(['k1', `${list}-c01`])
      const encode = (body: unknown) => Buffer.from(typeof body === 'string' ? body : JSON.stringify(body)).toString('base64url')
      const reject = async (cursor: string, listKey: string, reason: 'forged' | 'foreign') => {
        const attempt = pageByCursor(db, 'meta', { list }, { ...options, listKey, cursor })
        await expect(attempt).rejects.toBeInstanceOf(CursorError)
        await expect(attempt).rejects.toMatchObject({ reason })
      }
      await reject(nextCursor!, 'inbox:p2', 'foreign')
      await pageByCursor(db, 'meta', { list }, { ...options, cursor: nextCursor }) // the same cursor is fine on its own list
      await expect(pageByCursor(db, 'meta', { list }, { ...options, direction: 'desc', cursor: nextCursor })).rejects.toMatchObject({ reason: 'foreign' })
      await reject('not a cursor!', 'inbox:p1', 'forged')
      await reject(encode('{"v":'), 'inbox:p1', 'forged')
      await reject(encode({ value, id, hash }), 'inbox:p1', 'forged')
      await reject(encode([{ $gt: '' }, id, hash]), 'inbox:p1', 'forged')
      await reject(encode([value, 42, hash]), 'inbox:p1', 'forged')
      await reject(encode([value, id]), 'inbox:p1', 'forged')
      await reject(encode([value, id, 'AAAAAAAAAA']), 'inbox:p1', 'foreign')
    })

    it('refuses to page by a field some document lacks', async () => {
      const list = `cursor-null-${Date.now()}`
      await db.collection('meta').add({ _id: `${list}-1`, list, contractTest: true })
      await expect(pageByCursor(db, 'meta', { list }, { orderBy: 'v', direction: 'asc', limit: 5, listKey: 'x' })).rejects.toThrow(/string or number/)
    })
  })
})
