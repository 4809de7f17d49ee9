/**
 * Keyset ("cursor") paging over the database port, never by skip: CloudBase bills every document a
 * skip passes, and a skip shifts when rows arrive between two pages (rows repeat or go missing).
 * A page is "the next `limit` rows after (order value, _id) of the last row shown", so it is built
 * only from the port's own query API (where with and/or/gt/lt/eq, orderBy, limit) and behaves the
 * same on the embedded store and on CloudBase.
 */
import { createHash } from 'node:crypto'
import type { Where, WhereObject } from './commands'
import { getPath, isPlainObject } from './documents'
import { MAX_QUERY_LIMIT, type Database, type StoredDoc } from './port'

export type OrderValue = string | number

export interface CursorPageOptions {
  /** The field the list is ordered by; `_id` breaks ties. Must hold a string or number in every doc paged. */
  orderBy: string
  direction: 'asc' | 'desc'
  /** Rows per page; one more is fetched to learn whether a next page exists. */
  limit: number
  /** The `nextCursor` of the previous page; absent or null for the first page. */
  cursor?: string | null
  /** Names the list, e.g. `roster:<groupId>`, so a cursor cannot be replayed on another list. */
  listKey: string
}

export interface CursorPage<T> {
  items: T[]
  nextCursor: string | null
}

/** The cursor was not made by this list: mangled, hand-written, or taken from another list. */
export class CursorError extends Error {
  constructor(
    readonly reason: 'forged' | 'foreign',
    message: string,
  ) {
    super(message)
    this.name = 'CursorError'
  }
}

// One row more than a page is fetched, so the largest page is one below CloudBase's query limit.
export const MAX_CURSOR_PAGE = MAX_QUERY_LIMIT - 1

/**
 * The hash ties a cursor to its list and ordering. It is not a signature: a caller who forges a
 * matching cursor only moves their own position in a list they are already allowed to read.
 */
function listHash(listKey: string, orderBy: string, direction: 'asc' | 'desc'): string {
  return createHash('sha256').update(`${listKey}\u0000${orderBy}\u0000${direction}`).digest('base64url').slice(0, 10)
}

function isOrderValue(value: unknown): value is OrderValue {
  return typeof value === 'string' || (typeof value === 'number' && Number.isFinite(value))
}

// The contract caps a cursor at 512 characters (cursorInputShape): page only by short fields.
function encodeCursor(value: OrderValue, id: string, hash: string): string {
  return Buffer.from(JSON.stringify([value, id, hash]), 'utf8').toString('base64url')
}

function decodeCursor(cursor: string, expectedHash: string): { value: OrderValue; id: string } {
  // Node's decoder skips characters outside the alphabet; a strict check keeps "almost" cursors out.
  if (!/^[A-Za-z0-9_-]+$/.test(cursor)) throw new CursorError('forged', 'cursor is not base64url')
  let decoded: unknown
  try {
    decoded = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'))
  } catch {
    throw new CursorError('forged', 'cursor does not decode')
  }
  if (!Array.isArray(decoded) || decoded.length !== 3) throw new CursorError('forged', 'cursor has the wrong shape')
  const [value, id, hash] = decoded as unknown[]
  if (!isOrderValue(value) || typeof id !== 'string' || id.length === 0 || typeof hash !== 'string') {
    throw new CursorError('forged', 'cursor holds the wrong types')
  }
  if (hash !== expectedHash) throw new CursorError('foreign', 'cursor belongs to another list')
  return { value, id }
}

/**
 * The cursor of one list and ordering, for lists merged from several collections (an inbox of
 * personal entries and broadcasts) that page by one position across all of them.
 */
export function cursorCodec(listKey: string, orderBy: string, direction: 'asc' | 'desc') {
  const hash = listHash(listKey, orderBy, direction)
  return {
    encode: (value: OrderValue, id: string) => encodeCursor(value, id, hash),
    decode: (cursor: string) => decodeCursor(cursor, hash),
  }
}

/** Rows strictly after (value, id) in the list's order. */
export function afterPosition(db: Database, orderBy: string, direction: 'asc' | 'desc', value: OrderValue, id: string): Where {
  const _ = db.command
  const beyond = direction === 'asc' ? _.gt : _.lt
  if (orderBy === '_id') return { _id: beyond(id) }
  return _.or([{ [orderBy]: beyond(value) }, { [orderBy]: _.eq(value), _id: beyond(id) }])
}

/** Both conditions; an empty where-object adds nothing (and CloudBase need not see it). */
export function whereBoth(db: Database, where: Where, extra: Where): Where {
  if (isPlainObject(where) && Object.keys(where).length === 0) return extra
  return db.command.and([where as WhereObject, extra as WhereObject])
}

export async function pageByCursor<T extends StoredDoc>(db: Database, collection: string, where: Where, options: CursorPageOptions): Promise<CursorPage<T>> {
  const { orderBy, direction, limit, listKey } = options
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_CURSOR_PAGE) throw new RangeError(`limit must be 1..${MAX_CURSOR_PAGE}`)
  const hash = listHash(listKey, orderBy, direction)
  const position = options.cursor ? decodeCursor(options.cursor, hash) : null
  const condition = position ? whereBoth(db, where, afterPosition(db, orderBy, direction, position.value, position.id)) : where
  let query = db.collection<T>(collection).where(condition).orderBy(orderBy, direction)
  if (orderBy !== '_id') query = query.orderBy('_id', direction)
  const { data } = await query.limit(limit + 1).get()
  const items = data.slice(0, limit)
  for (const doc of items) {
    // A null or missing value sorts before every other and cannot be stepped past with gt/lt.
    if (!isOrderValue(getPath(doc, orderBy))) throw new Error(`${collection}/${doc._id}: ${orderBy} must be a string or number to page by it`)
  }
  const last = items[items.length - 1]
  const nextCursor = data.length > limit && last ? encodeCursor(getPath(last, orderBy) as OrderValue, last._id, hash) : null
  return { items, nextCursor }
}
