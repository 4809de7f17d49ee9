import type { Where } from '../db/commands'
import { whereBoth } from '../db/cursor'
import { MAX_QUERY_LIMIT, type Database, type StoredDoc } from '../db/port'

/**
 * Every matching document, a CloudBase page (1,000) at a time, each batch keyed on the last `_id`
 * seen rather than skipped to: a skip is billed for every document it passes and shifts when
 * documents arrive meanwhile. Villages can exceed one page of people.
 */
export async function readAll<T extends StoredDoc>(db: Database, collection: string, where: Where): Promise<T[]> {
  const all: T[] = []
  let lastId: string | null = null
  for (;;) {
    const condition: Where = lastId === null ? where : whereBoth(db, where, { _id: db.command.gt(lastId) })
    const { data } = await db.collection<T>(collection).where(condition).orderBy('_id', 'asc').limit(MAX_QUERY_LIMIT).get()
    all.push(...data)
    if (data.length < MAX_QUERY_LIMIT) return all
    lastId = data[data.length - 1]._id
  }
}

/** Documents whose `field` is one of `values`, asked in `in`-lists of 100 values (short queries, cheap to narrow). */
export async function readWhereIn<T extends StoredDoc>(db: Database, collection: string, field: string, values: readonly string[]): Promise<T[]> {
  const wanted = [...new Set(values)]
  const found: T[] = []
  for (let start = 0; start < wanted.length; start += 100) {
    found.push(...(await readAll<T>(db, collection, { [field]: db.command.in(wanted.slice(start, start + 100)) })))
  }
  return found
}
