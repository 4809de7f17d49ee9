import type { Where } from '../db/commands'
import type { Database, StoredDoc } from '../db/port'

/** Every matching document, a CloudBase page (1,000) at a time: villages can exceed one page of people. */
export async function readAll<T extends StoredDoc>(db: Database, collection: string, where: Where): Promise<T[]> {
  const all: T[] = []
  for (let skip = 0; ; skip += 1000) {
    const { data } = await db.collection<T>(collection).where(where).orderBy('_id', 'asc').skip(skip).limit(1000).get()
    all.push(...data)
    if (data.length < 1000) return all
  }
}
