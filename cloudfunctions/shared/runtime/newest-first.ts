/**
 * Paging newest first by (createdAt-like field, _id) with an opaque cursor that names its list, so
 * a cursor from another list (someone else's inbox, another village's ledger) is refused.
 */
import { createHash } from 'node:crypto'
import type { Where } from '../db/commands'
import type { Database } from '../db/port'
import { invalidInput } from './app-error'

export interface Position {
  at: string
  id: string
}

const keyOf = (listKey: string) => createHash('sha256').update(listKey).digest('base64url').slice(0, 8)
const CURSOR_MESSAGE = '翻页位置不对，请从头再看'

export function encodePosition(listKey: string, position: Position): string {
  return Buffer.from(JSON.stringify({ k: keyOf(listKey), t: position.at, i: position.id })).toString('base64url')
}

export function decodePosition(listKey: string, cursor: string): Position {
  let decoded: unknown = null
  try {
    decoded = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'))
  } catch {
    // falls through to the refusal below
  }
  const { k, t, i } = (decoded ?? {}) as { k?: unknown; t?: unknown; i?: unknown }
  if (k !== keyOf(listKey) || typeof t !== 'string' || typeof i !== 'string') throw invalidInput([{ path: 'data.cursor', message: CURSOR_MESSAGE }], CURSOR_MESSAGE)
  return { at: t, id: i }
}

/** The where-condition for rows strictly older than the position (ties broken by _id). */
export function olderThan(db: Database, field: string, position: Position | null, where: Record<string, unknown>): Where {
  if (!position) return where as Where
  const _ = db.command
  return _.and([where as never, _.or([{ [field]: _.lt(position.at) }, { [field]: position.at, _id: _.lt(position.id) }])])
}

export function newestFirst(field: string) {
  return (a: Record<string, unknown> & { _id: string }, b: Record<string, unknown> & { _id: string }) => {
    const [x, y] = [String(a[field]), String(b[field])]
    if (x !== y) return x < y ? 1 : -1
    return a._id < b._id ? 1 : a._id > b._id ? -1 : 0
  }
}

/** One collection, newest first: `limit` rows after the cursor and the cursor of the next page. */
export async function newestFirstPage<T extends Record<string, unknown> & { _id: string }>(
  db: Database,
  collection: string,
  where: Record<string, unknown>,
  options: { field: string; listKey: string; cursor?: string; limit: number },
): Promise<{ items: T[]; nextCursor: string | null }> {
  const position = options.cursor ? decodePosition(options.listKey, options.cursor) : null
  const { data } = await db
    .collection(collection)
    .where(olderThan(db, options.field, position, where))
    .orderBy(options.field, 'desc')
    .orderBy('_id', 'desc')
    .limit(options.limit + 1)
    .get()
  const items = data.slice(0, options.limit) as unknown as T[]
  const last = items[items.length - 1]
  return { items, nextCursor: data.length > options.limit && last ? encodePosition(options.listKey, { at: String(last[options.field]), id: last._id }) : null }
}
