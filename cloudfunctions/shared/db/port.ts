/**
 * The database port: the subset of CloudBase's document database API that the functions use.
 * Two adapters implement it: `cloudbase.ts` (the real cloud) and the embedded SQLite store used by
 * the local host and the tests. Limits are CloudBase's own, enforced by both, so code that works
 * locally works in the cloud:
 * - a query returns at most 1,000 documents (default 100);
 * - a transaction holds only single-document operations (doc get/set/update/remove) and add;
 *   its callback may run again when the cloud reports a conflict, so it must not have side effects.
 * One deliberate difference from the raw SDK: `doc(id).get()` resolves `{ data: doc | null }`
 * rather than a one-element array.
 */
import type { Command, UpdateObject, Where } from './commands'

export const MAX_QUERY_LIMIT = 1000
export const DEFAULT_QUERY_LIMIT = 100

export interface StoredDoc {
  _id: string
  [field: string]: unknown
}

export type NewDoc = Record<string, unknown> & { _id?: string }

export interface Query<T extends StoredDoc = StoredDoc> {
  where(condition: Where): Query<T>
  orderBy(field: string, direction: 'asc' | 'desc'): Query<T>
  skip(count: number): Query<T>
  limit(count: number): Query<T>
  get(): Promise<{ data: T[] }>
  count(): Promise<{ total: number }>
  /** Updates every matching document; resolves how many changed. */
  update(patch: UpdateObject): Promise<{ updated: number }>
  remove(): Promise<{ deleted: number }>
}

export interface DocRef<T extends StoredDoc = StoredDoc> {
  get(): Promise<{ data: T | null }>
  /** Replaces the whole document (creating it if absent). */
  set(doc: NewDoc): Promise<void>
  /** Changes fields; fails with NOT_FOUND if the document does not exist. */
  update(patch: UpdateObject): Promise<void>
  remove(): Promise<void>
}

export interface CollectionRef<T extends StoredDoc = StoredDoc> extends Query<T> {
  doc(id: string): DocRef<T>
  add(doc: NewDoc): Promise<{ id: string }>
}

export interface TransactionDocRef<T extends StoredDoc = StoredDoc> {
  get(): Promise<{ data: T | null }>
  set(doc: NewDoc): Promise<void>
  update(patch: UpdateObject): Promise<void>
  remove(): Promise<void>
}

export interface Transaction {
  collection<T extends StoredDoc = StoredDoc>(
    name: string,
  ): {
    doc(id: string): TransactionDocRef<T>
    add(doc: NewDoc): Promise<{ id: string }>
  }
}

export interface Database {
  readonly command: Command
  collection<T extends StoredDoc = StoredDoc>(name: string): CollectionRef<T>
  /** Runs the callback atomically; it may run more than once, so keep it free of side effects. */
  runTransaction<R>(callback: (tx: Transaction) => Promise<R>): Promise<R>
}

export class DatabaseError extends Error {
  constructor(
    readonly reason: 'NOT_FOUND' | 'LIMIT_EXCEEDED' | 'UNSUPPORTED' | 'CONFLICT',
    message: string,
  ) {
    super(message)
    this.name = 'DatabaseError'
  }
}
