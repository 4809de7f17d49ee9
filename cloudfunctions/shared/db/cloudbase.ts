/**
 * The port over `@cloudbase/node-sdk`'s document database. It translates the neutral command
 * descriptions into real SDK commands and normalises result shapes. Only constructed in the cloud
 * (or by the contract test with credentials): with no credentials the SDK crashes Node on the
 * first call (see STACK-NOTES).
 */
import tcb from '@cloudbase/node-sdk'
import { command, LogicCommand, QueryCommand, UpdateCommand, type UpdateObject, type Where } from './commands'
import { collectionSpec, SCHEMA_VERSION_FIELD } from './collections'
import { isPlainObject } from './documents'
import { DatabaseError, MAX_QUERY_LIMIT, type CollectionRef, type Database, type DocRef, type NewDoc, type Query, type StoredDoc, type Transaction } from './port'

/* The SDK's own typings are loose and partly wrong; these are the calls this adapter makes. */
type SdkValue = unknown
interface SdkCommand {
  [operator: string]: (...args: SdkValue[]) => SdkValue
}
interface SdkQuery {
  where(condition: SdkValue): SdkQuery
  orderBy(field: string, direction: string): SdkQuery
  skip(count: number): SdkQuery
  limit(count: number): SdkQuery
  get(): Promise<{ data: StoredDoc[] }>
  count(): Promise<{ total: number }>
  update(patch: SdkValue): Promise<{ updated: number }>
  remove(): Promise<{ deleted: number }>
}
interface SdkDoc {
  get(): Promise<{ data: StoredDoc[] | StoredDoc | null }>
  set(doc: SdkValue): Promise<unknown>
  update(patch: SdkValue): Promise<{ updated?: number }>
  remove(): Promise<unknown>
}
interface SdkCollection extends SdkQuery {
  doc(id: string): SdkDoc
  add(doc: SdkValue): Promise<{ id?: string; _id?: string }>
}
interface SdkDb {
  command: SdkCommand
  collection(name: string): SdkCollection
  runTransaction<R>(callback: (transaction: { collection(name: string): SdkCollection }) => Promise<R>): Promise<R>
}

function translateCondition(_: SdkCommand, condition: unknown): SdkValue {
  if (condition instanceof QueryCommand) {
    const value = condition.value
    return _[condition.operator](value)
  }
  if (condition instanceof LogicCommand) {
    return _[condition.operator](condition.operands.map((operand) => translateCondition(_, operand)))
  }
  if (isPlainObject(condition)) {
    return Object.fromEntries(
      Object.entries(condition)
        .filter(([, value]) => value !== undefined)
        .map(([key, value]) => [key, translateCondition(_, value)]),
    )
  }
  return condition
}

function translateUpdate(_: SdkCommand, patch: Record<string, unknown>): SdkValue {
  return Object.fromEntries(
    Object.entries(patch)
      .filter(([, value]) => value !== undefined)
      .map(([key, value]) => {
        if (value instanceof UpdateCommand) {
          switch (value.operator) {
            case 'remove':
              return [key, _.remove()]
            case 'pull':
              return [key, _.pull(translateCondition(_, value.value))]
            default:
              return [key, _[value.operator](value.value)]
          }
        }
        return [key, isPlainObject(value) ? translateUpdate(_, value) : value]
      }),
  )
}

function stamped(name: string, doc: NewDoc): Record<string, unknown> {
  const { _id, ...body } = doc
  void _id
  return { ...body, [SCHEMA_VERSION_FIELD]: body[SCHEMA_VERSION_FIELD] ?? collectionSpec(name).version }
}

function singleDoc(data: StoredDoc[] | StoredDoc | null | undefined): StoredDoc | null {
  if (Array.isArray(data)) return data[0] ?? null
  return data ?? null
}

class CloudQuery<T extends StoredDoc> implements Query<T> {
  constructor(
    protected readonly sdk: SdkDb,
    protected readonly query: SdkQuery,
  ) {}
  where(condition: Where): Query<T> {
    return new CloudQuery(this.sdk, this.query.where(translateCondition(this.sdk.command, condition)))
  }
  orderBy(field: string, direction: 'asc' | 'desc'): Query<T> {
    return new CloudQuery(this.sdk, this.query.orderBy(field, direction))
  }
  skip(count: number): Query<T> {
    return new CloudQuery(this.sdk, this.query.skip(count))
  }
  limit(count: number): Query<T> {
    if (!Number.isInteger(count) || count < 1 || count > MAX_QUERY_LIMIT) {
      throw new DatabaseError('LIMIT_EXCEEDED', `limit must be 1..${MAX_QUERY_LIMIT}, as in CloudBase`)
    }
    return new CloudQuery(this.sdk, this.query.limit(count))
  }
  async get(): Promise<{ data: T[] }> {
    return { data: (await this.query.get()).data as T[] }
  }
  async count(): Promise<{ total: number }> {
    return { total: (await this.query.count()).total }
  }
  async update(patch: UpdateObject): Promise<{ updated: number }> {
    return { updated: (await this.query.update(translateUpdate(this.sdk.command, patch))).updated ?? 0 }
  }
  async remove(): Promise<{ deleted: number }> {
    return { deleted: (await this.query.remove()).deleted ?? 0 }
  }
}

class CloudCollection<T extends StoredDoc> extends CloudQuery<T> implements CollectionRef<T> {
  constructor(
    sdk: SdkDb,
    private readonly name: string,
  ) {
    super(sdk, sdk.collection(name))
  }
  doc(id: string): DocRef<T> {
    const ref = this.sdk.collection(this.name).doc(id)
    const _ = this.sdk.command
    const name = this.name
    return {
      get: async () => ({ data: singleDoc((await ref.get()).data) as T | null }),
      set: async (doc) => void (await ref.set(stamped(name, doc))),
      update: async (patch) => {
        const result = await ref.update(translateUpdate(_, patch))
        if (result.updated === 0) throw new DatabaseError('NOT_FOUND', `No document ${id} in ${name}`)
      },
      remove: async () => void (await ref.remove()),
    }
  }
  async add(doc: NewDoc): Promise<{ id: string }> {
    const body = doc._id ? { ...stamped(this.name, doc), _id: doc._id } : stamped(this.name, doc)
    const result = await this.sdk.collection(this.name).add(body)
    return { id: (result.id ?? result._id ?? doc._id) as string }
  }
}

export function cloudbaseDatabase(sdk: SdkDb): Database {
  return {
    command,
    collection: <T extends StoredDoc>(name: string) => new CloudCollection<T>(sdk, name),
    runTransaction: <R>(callback: (tx: Transaction) => Promise<R>) =>
      sdk.runTransaction((transaction) =>
        callback({
          collection<T extends StoredDoc = StoredDoc>(name: string) {
            const collection = transaction.collection(name)
            return {
              doc(id: string) {
                const ref = collection.doc(id)
                return {
                  get: async () => ({ data: singleDoc((await ref.get()).data) as T | null }),
                  set: async (doc: NewDoc) => void (await ref.set(stamped(name, doc))),
                  update: async (patch: UpdateObject) => void (await ref.update(translateUpdate(sdk.command, patch))),
                  remove: async () => void (await ref.remove()),
                }
              },
              add: async (doc: NewDoc) => {
                const result = await collection.add(doc._id ? { ...stamped(name, doc), _id: doc._id } : stamped(name, doc))
                return { id: (result.id ?? result._id ?? doc._id) as string }
              },
            }
          },
        }),
      ),
  }
}

export interface CloudBaseConnection {
  env: string | symbol
  secretId?: string
  secretKey?: string
}

export function connectCloudBase(connection: CloudBaseConnection): Database {
  const app = tcb.init(connection as Parameters<typeof tcb.init>[0])
  return cloudbaseDatabase(app.database() as unknown as SdkDb)
}
