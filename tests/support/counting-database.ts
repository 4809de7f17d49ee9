/**
 * The real store behind a thin Database that writes down every read it passes on (collection
 * names, in order), to show how many reads a call costs. Every call still goes to the store.
 */
import type { CollectionRef, Database, DocRef, Query, StoredDoc, Transaction } from '../../cloudfunctions/shared/db/port'

export interface CountingDatabase extends Database {
  /** One entry per read: the collection name, `tx:` in front for reads inside a transaction. */
  readonly reads: string[]
  /** How many reads of one collection, inside transactions or not. */
  readsOf(collection: string): number
}

export function countingReads(db: Database): CountingDatabase {
  const reads: string[] = []
  const query = <T extends StoredDoc>(name: string, inner: Query<T>): Query<T> => ({
    where: (condition) => query(name, inner.where(condition)),
    orderBy: (field, direction) => query(name, inner.orderBy(field, direction)),
    skip: (count) => query(name, inner.skip(count)),
    limit: (count) => query(name, inner.limit(count)),
    get: () => (reads.push(name), inner.get()),
    count: () => (reads.push(name), inner.count()),
    update: (patch) => inner.update(patch),
    remove: () => inner.remove(),
  })
  const doc = <T extends StoredDoc>(name: string, inner: DocRef<T>): DocRef<T> => ({
    get: () => (reads.push(name), inner.get()),
    set: (value) => inner.set(value),
    update: (patch) => inner.update(patch),
    remove: () => inner.remove(),
  })
  return {
    reads,
    readsOf: (collection) => reads.filter((entry) => entry === collection || entry === `tx:${collection}`).length,
    command: db.command,
    collection<T extends StoredDoc = StoredDoc>(name: string): CollectionRef<T> {
      const inner = db.collection<T>(name)
      return { ...query(name, inner), doc: (id) => doc(name, inner.doc(id)), add: (value) => inner.add(value) }
    },
    runTransaction: (callback) =>
      db.runTransaction((tx) => {
        const counted: Transaction = {
          collection<T extends StoredDoc = StoredDoc>(name: string) {
            const inner = tx.collection<T>(name)
            return { doc: (id: string) => doc(`tx:${name}`, inner.doc(id) as DocRef<T>), add: (value) => inner.add(value) }
          },
        }
        return callback(counted)
      }),
  }
}
