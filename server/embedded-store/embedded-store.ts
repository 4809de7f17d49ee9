/**
 * The embedded document store: CloudBase's document model on one SQLite file (better-sqlite3, WAL).
 * One table per collection holds JSON bodies; declared indexes become expression indexes; mingo
 * decides the exact match so operators behave as CloudBase's do. Every operation runs under one
 * mutex, so a transaction's awaits never interleave with another request's writes.
 * `metered` counts the documents a piece of work reads and writes the way CloudBase bills them, so
 * a call's cloud cost is visible (and testable) locally.
 */
import { AsyncLocalStorage } from 'node:async_hooks'
import { createHash, randomBytes } from 'node:crypto'
import { mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import BetterSqlite3 from 'better-sqlite3'
import { Query as MingoQuery } from 'mingo'
import { command, LogicCommand, QueryCommand, type UpdateObject, type Where } from '../../cloudfunctions/shared/db/commands'
import { COLLECTIONS, collectionSpec, SCHEMA_VERSION_FIELD } from '../../cloudfunctions/shared/db/collections'
import { applyUpdate, getPath, isPlainObject, toMongoCriteria } from '../../cloudfunctions/shared/db/documents'
import {
  DatabaseError,
  DEFAULT_QUERY_LIMIT,
  MAX_QUERY_LIMIT,
  type CollectionRef,
  type Database,
  type DocRef,
  type NewDoc,
  type Query,
  type StoredDoc,
  type Transaction,
} from '../../cloudfunctions/shared/db/port'
import { Mutex } from './mutex'
import { jsonPathExpression, narrowingFor } from './sql-narrowing'

interface QueryState {
  where?: Where
  orders: Array<{ field: string; direction: 'asc' | 'desc' }>
  skip: number
  limit?: number
}

export interface EmbeddedStoreOptions {
  /** ':memory:' for a throw-away store. */
  file: string
  /**
   * Runs every transaction callback twice, rolling the first run back, as CloudBase may when it
   * reports a conflict: tests turn it on so a callback with side effects shows up here, not in the cloud.
   */
  rehearseTransactions?: boolean
}

/** Documents read and written inside one `metered` section (one request, on the host). */
export interface Metering {
  reads: number
  writes: number
  /** The same counts per collection, to see which reads a call repeats. */
  byCollection: Record<string, { reads: number; writes: number }>
}

function newId(): string {
  return randomBytes(16).toString('hex')
}

function compareValues(a: unknown, b: unknown): number {
  if (a === b) return 0
  if (a === undefined || a === null) return -1
  if (b === undefined || b === null) return 1
  if (typeof a === 'number' && typeof b === 'number') return a - b
  return String(a) < String(b) ? -1 : String(a) > String(b) ? 1 : 0
}

/** How `command.pull` decides which array elements to remove. */
function mingoMatches(criteria: unknown, value: unknown): boolean {
  if (criteria instanceof QueryCommand || criteria instanceof LogicCommand) {
    return new MingoQuery(toMongoCriteria({ v: criteria })).test({ v: value })
  }
  if (isPlainObject(criteria)) return isPlainObject(value) && new MingoQuery(toMongoCriteria(criteria as Where)).test(value)
  return JSON.stringify(criteria) === JSON.stringify(value)
}

export class EmbeddedStore implements Database {
  readonly command = command
  private readonly sqlite: BetterSqlite3.Database
  private readonly mutex = new Mutex()
  private readonly insideTransaction = new AsyncLocalStorage<true>()
  private readonly meter = new AsyncLocalStorage<Metering>()
  private readonly statements = new Map<string, BetterSqlite3.Statement>()
  private readonly indexedFields = new Map<string, Set<string>>()

  private readonly rehearseTransactions: boolean

  constructor(options: EmbeddedStoreOptions) {
    this.rehearseTransactions = options.rehearseTransactions ?? false
    if (options.file !== ':memory:') mkdirSync(dirname(options.file), { recursive: true })
    this.sqlite = new BetterSqlite3(options.file)
    this.sqlite.pragma('journal_mode = WAL')
    // NORMAL in WAL mode loses nothing a crashed process acknowledged; only power loss could.
    this.sqlite.pragma('synchronous = NORMAL')
    this.sqlite.pragma('busy_timeout = 5000')
    // A county is ~250 MB: a 64 MB page cache and memory-mapped reads keep index pages hot.
    this.sqlite.pragma('cache_size = -65536')
    this.sqlite.pragma('mmap_size = 268435456')
    // Checkpoint the WAL every ~40 MB rather than every 4 MB: bulk rewrites stall less often.
    this.sqlite.pragma('wal_autocheckpoint = 10000')
    // A secret ballot's counters are rewritten with every vote: freed pages are zeroed so an old
    // copy of the counts cannot be read back next to the order the slots were updated in.
    this.sqlite.pragma('secure_delete = ON')
    for (const name of Object.keys(COLLECTIONS)) this.ensureCollection(name)
    this.optimize()
  }

  close(): void {
    this.optimize()
    this.sqlite.close()
  }

  /**
   * Keeps the query planner's statistics (sqlite_stat1) current, as SQLite advises on opening and
   * closing: without them it cannot tell a selective index from a poor one when a query narrows by
   * two (e.g. 80,000 matters by `bodyId` and by `state`, where `state` matches most of them), and
   * may pick the poor one. Analyses only tables never analysed or much grown since; quick otherwise.
   */
  private optimize(): void {
    this.sqlite.pragma('optimize = 0x10002')
  }

  collection<T extends StoredDoc = StoredDoc>(name: string): CollectionRef<T> {
    this.ensureCollection(name)
    return new EmbeddedCollection<T>(this, name, { orders: [], skip: 0 })
  }

  async runTransaction<R>(callback: (tx: Transaction) => Promise<R>): Promise<R> {
    this.refuseInsideTransaction()
    return this.mutex.run(() =>
      this.insideTransaction.run(true, async () => {
        if (this.rehearseTransactions) {
          this.sqlite.exec('BEGIN IMMEDIATE')
          try {
            // Unmetered: the rehearsal is this store's test device, not work CloudBase would bill.
            await this.meter.exit(() => callback(this.transactionHandle()))
          } finally {
            this.sqlite.exec('ROLLBACK')
          }
        }
        this.sqlite.exec('BEGIN IMMEDIATE')
        try {
          const result = await callback(this.transactionHandle())
          this.sqlite.exec('COMMIT')
          return result
        } catch (error) {
          this.sqlite.exec('ROLLBACK')
          throw error
        }
      }),
    )
  }

  /**
   * Fast path for seeding large data sets: every document of every collection given is written in
   * one SQLite transaction (all or nothing), with no per-document promise.
   */
  bulkInsert(name: string, docs: NewDoc[]): void {
    this.bulkWrite({ [name]: docs })
  }

  bulkWrite(collections: Record<string, NewDoc[]>): void {
    this.refuseInsideTransaction()
    this.sqlite.transaction(() => {
      for (const [name, docs] of Object.entries(collections)) {
        this.ensureCollection(name)
        const version = collectionSpec(name).version
        const insert = this.statement(`INSERT INTO ${this.table(name)} (id, body) VALUES (?, ?)`)
        for (const doc of docs) {
          const id = doc._id ?? newId()
          insert.run(id, JSON.stringify({ ...doc, _id: id, [SCHEMA_VERSION_FIELD]: doc[SCHEMA_VERSION_FIELD] ?? version }))
        }
      }
    })()
  }

  /**
   * Runs the work and counts, across all its awaits, the documents it read and wrote as CloudBase
   * bills them: each document a query returns, 1 per doc get (found or not) and per count; each
   * document added, set, updated or removed (1 per single-document write, found or not), in or out
   * of transactions. Concurrent sections each keep their own count. Bulk seeding is not counted.
   */
  async metered<R>(fn: () => Promise<R>): Promise<{ result: R } & Metering> {
    const tally: Metering = { reads: 0, writes: 0, byCollection: {} }
    const result = await this.meter.run(tally, fn)
    return { result, ...tally }
  }

  /** Adds to the count of the metered section the caller is in (none: nothing to count). */
  tally(kind: 'reads' | 'writes', documents: number, collection: string): void {
    const tally = this.meter.getStore()
    if (!tally) return
    tally[kind] += documents
    const counts = (tally.byCollection[collection] ??= { reads: 0, writes: 0 })
    counts[kind] += documents
  }

  /** A digest of every document in every collection: tests use it to prove that nothing was written. */
  checksum(): string {
    const hash = createHash('sha256')
    const tables = this.sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 'c\\_%' ESCAPE '\\' ORDER BY name").all() as Array<{ name: string }>
    for (const { name } of tables) {
      hash.update(name)
      for (const row of this.sqlite.prepare(`SELECT id, body FROM "${name}" ORDER BY id`).iterate() as Iterable<{ id: string; body: string }>) {
        hash.update(row.id).update(row.body)
      }
    }
    return hash.digest('hex')
  }

  /** SQLite's own check that the file is sound. */
  integrityCheck(): string {
    return this.sqlite.pragma('integrity_check', { simple: true }) as string
  }

  // ---- internals used by the collection and transaction handles ----

  run<T>(section: () => T): Promise<T> {
    this.refuseInsideTransaction()
    return this.mutex.run(section)
  }

  private refuseInsideTransaction() {
    if (this.insideTransaction.getStore()) {
      throw new DatabaseError('UNSUPPORTED', 'Inside a transaction use the transaction handle, not the database')
    }
  }

  private table(name: string): string {
    return `"c_${name}"`
  }

  private ensureCollection(name: string) {
    if (this.indexedFields.has(name)) return
    if (!/^[A-Za-z][A-Za-z0-9_]*$/.test(name)) throw new Error(`Bad collection name ${name}`)
    const spec = collectionSpec(name)
    this.sqlite.exec(`CREATE TABLE IF NOT EXISTS ${this.table(name)} (id TEXT PRIMARY KEY, body TEXT NOT NULL)`)
    for (const fields of spec.indexes) {
      const indexName = `"i_${name}_${fields.join('_').replace(/\./g, '_')}"`
      const columns = fields.map(jsonPathExpression).join(', ')
      this.sqlite.exec(`CREATE INDEX IF NOT EXISTS ${indexName} ON ${this.table(name)} (${columns})`)
    }
    this.indexedFields.set(name, new Set(spec.indexes.flat()))
  }

  private statement(sql: string): BetterSqlite3.Statement {
    let statement = this.statements.get(sql)
    if (!statement) {
      statement = this.sqlite.prepare(sql)
      this.statements.set(sql, statement)
    }
    return statement
  }

  readDoc(name: string, id: string): StoredDoc | null {
    const row = this.statement(`SELECT body FROM ${this.table(name)} WHERE id = ?`).get(id) as { body: string } | undefined
    return row ? (JSON.parse(row.body) as StoredDoc) : null
  }

  writeDoc(name: string, doc: NewDoc & { _id: string }): void {
    const stamped = { ...doc, [SCHEMA_VERSION_FIELD]: doc[SCHEMA_VERSION_FIELD] ?? collectionSpec(name).version }
    this.statement(`INSERT OR REPLACE INTO ${this.table(name)} (id, body) VALUES (?, ?)`).run(doc._id, JSON.stringify(stamped))
  }

  insertDoc(name: string, doc: NewDoc): string {
    const id = doc._id ?? newId()
    if (this.readDoc(name, id)) throw new DatabaseError('CONFLICT', `Document ${id} already exists in ${name}`)
    this.writeDoc(name, { ...doc, _id: id })
    return id
  }

  updateDoc(name: string, id: string, patch: UpdateObject): void {
    const current = this.readDoc(name, id)
    if (!current) throw new DatabaseError('NOT_FOUND', `No document ${id} in ${name}`)
    this.writeDoc(name, applyUpdate(current, patch, mingoMatches))
  }

  deleteDoc(name: string, id: string): boolean {
    return this.statement(`DELETE FROM ${this.table(name)} WHERE id = ?`).run(id).changes > 0
  }

  /** Every document matching the where-condition, before ordering and paging. */
  private matching(name: string, where: Where | undefined): StoredDoc[] {
    const narrowing = narrowingFor(where, this.indexedFields.get(name)!)
    const sql = `SELECT body FROM ${this.table(name)}${narrowing ? ` WHERE ${narrowing.sql}` : ''}`
    const rows = this.statement(sql).all(...(narrowing?.params ?? [])) as Array<{ body: string }>
    const docs = rows.map((row) => JSON.parse(row.body) as StoredDoc)
    if (!where || narrowing?.exact) return docs
    const query = new MingoQuery(toMongoCriteria(where))
    return docs.filter((doc) => query.test(doc))
  }

  find(name: string, state: QueryState): StoredDoc[] {
    const limit = state.limit ?? DEFAULT_QUERY_LIMIT
    const indexed = state.orders.length > 0 ? this.findByIndexOrder(name, state, state.skip + limit) : null
    if (indexed) return indexed.slice(state.skip)
    const keyed = state.orders.length > 0 ? this.findByKeys(name, state, state.skip + limit) : null
    if (keyed) return keyed.slice(state.skip)
    const docs = this.matching(name, state.where)
    if (state.orders.length > 0) {
      docs.sort((a, b) => {
        for (const { field, direction } of state.orders) {
          const order = compareValues(getPath(a, field), getPath(b, field))
          if (order !== 0) return direction === 'asc' ? order : -order
        }
        return 0
      })
    }
    return docs.slice(state.skip, state.skip + limit)
  }

  /**
   * The declared index that hands back this query's rows already in order: equality on each of its
   * leading fields, its last field the (first) order, `_id` the only tie-break, in the same direction
   * (a chat's messages by `chatId, seq`). Null when none does.
   */
  private orderingIndex(name: string, state: QueryState): string[] | null {
    const [first, ...rest] = state.orders
    if (!first || first.field === '_id' || rest.some((order) => order.field !== '_id' || order.direction !== first.direction)) return null
    const equal = new Set<string>()
    const conjuncts = state.where instanceof LogicCommand ? (state.where.operator === 'and' ? state.where.operands : []) : state.where ? [state.where] : []
    for (const conjunct of conjuncts) {
      if (!isPlainObject(conjunct)) continue
      for (const [field, condition] of Object.entries(conjunct)) {
        const value = condition instanceof QueryCommand && condition.operator === 'eq' ? condition.value : condition
        if (typeof value === 'string' || typeof value === 'number') equal.add(field)
      }
    }
    return (
      collectionSpec(name).indexes.find((fields) => fields.length >= 2 && fields[fields.length - 1] === first.field && fields.slice(0, -1).every((field) => equal.has(field))) ??
      null
    )
  }

  /**
   * A page read in index order, stopping once full: SQLite walks the ordering index from the list's
   * head (or from the bound a cursor or `after` gives) and only the rows handed out are parsed, so a
   * page of a 50,000-message chat costs what a page of a small one does. Null (another path) when no
   * declared index orders the query, or when an order key on the page is not a string or number or
   * not all of one type (a field of an ordering index must hold one: SQLite orders numbers before text).
   */
  private findByIndexOrder(name: string, state: QueryState, wanted: number): StoredDoc[] | null {
    const fields = this.orderingIndex(name, state)
    if (!fields) return null
    const narrowing = narrowingFor(state.where, this.indexedFields.get(name)!)
    if (!narrowing) return null
    const [first, ...rest] = state.orders
    const direction = first.direction === 'asc' ? 'ASC' : 'DESC'
    const orderBy = `${jsonPathExpression(first.field)} ${direction}${rest.length ? `, id ${direction}` : ''}`
    const query = state.where && !narrowing.exact ? new MingoQuery(toMongoCriteria(state.where)) : null
    const sql = `SELECT body FROM ${this.table(name)} WHERE ${narrowing.sql} ORDER BY ${orderBy}${query ? '' : ' LIMIT ?'}`
    const statement = this.statement(sql)
    const rows = (query ? statement.iterate(...narrowing.params) : statement.all(...narrowing.params, wanted)) as Iterable<{ body: string }>
    const page: StoredDoc[] = []
    let keyType: string | null = null
    for (const row of rows) {
      const doc = JSON.parse(row.body) as StoredDoc
      if (query && !query.test(doc)) continue
      const type = typeof getPath(doc, first.field)
      // Leaving the loop (return or break) closes SQLite's iterator.
      if ((type !== 'string' && type !== 'number') || (keyType !== null && type !== keyType)) return null
      keyType = type
      page.push(doc)
      if (page.length >= wanted) break
    }
    return page
  }

  /**
   * An ordered page out of many matching rows without parsing them all (as an index covering the
   * order would spare CloudBase): SQLite hands back each narrowed row's order keys, they are sorted
   * here exactly as `find` sorts documents, and documents are read in that order until the page is
   * full. Null (read everything) when the page needs most of the rows anyway, or when a key is not
   * a string or a number (SQLite gives booleans as 0/1 and objects as text; null and missing keys
   * keep the order the full read gives them).
   */
  private findByKeys(name: string, state: QueryState, wanted: number): StoredDoc[] | null {
    if (!state.orders.every(({ field }) => /^[A-Za-z0-9_.]+$/.test(field))) return null
    const narrowing = narrowingFor(state.where, this.indexedFields.get(name)!)
    const columns = state.orders.map(({ field }, index) =>
      field === '_id' ? `id AS k${index}, 'text' AS t${index}` : `${jsonPathExpression(field)} AS k${index}, json_type(body, '$.${field}') AS t${index}`,
    )
    const sql = `SELECT id, ${columns.join(', ')} FROM ${this.table(name)}${narrowing ? ` WHERE ${narrowing.sql}` : ''}`
    const rows = this.statement(sql).all(...(narrowing?.params ?? [])) as Array<Record<string, unknown> & { id: string }>
    if (rows.length <= 2 * wanted) return null
    const keyTypes = new Set<unknown>(['text', 'integer', 'real'])
    if (!rows.every((row) => state.orders.every((_, index) => keyTypes.has(row[`t${index}`])))) return null
    const keyed = rows.map((row) => ({ id: row.id, keys: state.orders.map((_, index) => row[`k${index}`]) }))
    keyed.sort((a, b) => {
      for (const [index, { direction }] of state.orders.entries()) {
        const order = compareValues(a.keys[index], b.keys[index])
        if (order !== 0) return direction === 'asc' ? order : -order
      }
      return 0
    })
    const query = state.where && !narrowing?.exact ? new MingoQuery(toMongoCriteria(state.where)) : null
    const page: StoredDoc[] = []
    for (const { id } of keyed) {
      if (page.length >= wanted) break
      const doc = this.readDoc(name, id)
      if (doc && (!query || query.test(doc))) page.push(doc)
    }
    return page
  }

  countMatching(name: string, where: Where | undefined): number {
    if (!where) {
      return (this.statement(`SELECT count(*) AS n FROM ${this.table(name)}`).get() as { n: number }).n
    }
    return this.matching(name, where).length
  }

  updateMatching(name: string, where: Where | undefined, patch: UpdateObject): number {
    return this.sqlite.transaction(() => {
      const docs = this.matching(name, where)
      for (const doc of docs) this.writeDoc(name, applyUpdate(doc, patch, mingoMatches))
      return docs.length
    })()
  }

  removeMatching(name: string, where: Where | undefined): number {
    return this.sqlite.transaction(() => {
      const docs = this.matching(name, where)
      for (const doc of docs) this.deleteDoc(name, doc._id)
      return docs.length
    })()
  }

  private transactionHandle(): Transaction {
    // eslint-disable-next-line @typescript-eslint/no-this-alias
    const store = this
    return {
      collection<T extends StoredDoc = StoredDoc>(name: string) {
        store.ensureCollection(name)
        return {
          doc(id: string) {
            return {
              get: async () => {
                store.tally('reads', 1, name)
                return { data: store.readDoc(name, id) as T | null }
              },
              set: async (doc: NewDoc) => {
                store.writeDoc(name, { ...doc, _id: id })
                store.tally('writes', 1, name)
              },
              update: async (patch: UpdateObject) => {
                store.updateDoc(name, id, patch)
                store.tally('writes', 1, name)
              },
              remove: async () => {
                store.deleteDoc(name, id)
                store.tally('writes', 1, name)
              },
            }
          },
          add: async (doc: NewDoc) => {
            const id = store.insertDoc(name, doc)
            store.tally('writes', 1, name)
            return { id }
          },
        }
      },
    }
  }
}

class EmbeddedCollection<T extends StoredDoc> implements CollectionRef<T> {
  constructor(
    private readonly store: EmbeddedStore,
    private readonly name: string,
    private readonly state: QueryState,
  ) {}

  private with(change: Partial<QueryState>): EmbeddedCollection<T> {
    return new EmbeddedCollection<T>(this.store, this.name, { ...this.state, ...change })
  }

  where(condition: Where): Query<T> {
    return this.with({ where: condition })
  }

  orderBy(field: string, direction: 'asc' | 'desc'): Query<T> {
    return this.with({ orders: [...this.state.orders, { field, direction }] })
  }

  skip(count: number): Query<T> {
    if (!Number.isInteger(count) || count < 0) throw new DatabaseError('UNSUPPORTED', 'skip takes a whole number ≥ 0')
    return this.with({ skip: count })
  }

  limit(count: number): Query<T> {
    if (!Number.isInteger(count) || count < 1 || count > MAX_QUERY_LIMIT) {
      throw new DatabaseError('LIMIT_EXCEEDED', `limit must be 1..${MAX_QUERY_LIMIT}, as in CloudBase`)
    }
    return this.with({ limit: count })
  }

  // Each operation is tallied after it succeeds, in the caller's own async context.
  async get(): Promise<{ data: T[] }> {
    const data = await this.store.run(() => this.store.find(this.name, this.state) as T[])
    this.store.tally('reads', data.length, this.name)
    return { data }
  }

  async count(): Promise<{ total: number }> {
    const total = await this.store.run(() => this.store.countMatching(this.name, this.state.where))
    this.store.tally('reads', 1, this.name)
    return { total }
  }

  async update(patch: UpdateObject): Promise<{ updated: number }> {
    const updated = await this.store.run(() => this.store.updateMatching(this.name, this.state.where, patch))
    this.store.tally('writes', updated, this.name)
    return { updated }
  }

  async remove(): Promise<{ deleted: number }> {
    const deleted = await this.store.run(() => this.store.removeMatching(this.name, this.state.where))
    this.store.tally('writes', deleted, this.name)
    return { deleted }
  }

  doc(id: string): DocRef<T> {
    const { store, name } = this
    const write = async (work: () => void) => {
      await store.run(work)
      store.tally('writes', 1, name)
    }
    return {
      get: async () => {
        const data = await store.run(() => store.readDoc(name, id) as T | null)
        store.tally('reads', 1, name)
        return { data }
      },
      set: (doc: NewDoc) => write(() => store.writeDoc(name, { ...doc, _id: id })),
      update: (patch: UpdateObject) => write(() => store.updateDoc(name, id, patch)),
      remove: () =>
        write(() => {
          store.deleteDoc(name, id)
        }),
    }
  }

  async add(doc: NewDoc): Promise<{ id: string }> {
    const id = await this.store.run(() => this.store.insertDoc(this.name, doc))
    this.store.tally('writes', 1, this.name)
    return { id }
  }
}
