/**
 * Every collection and its indexes (only those some query narrows by: each costs every write), declared once and applied to both stores (the embedded store
 * creates them on start; `npm run cloud:indexes` prints them for CloudBase). Indexed fields must hold
 * scalars: the embedded store narrows by them before the exact match.
 * Each document carries `_v`, the schema version it was written with; a migration lifts older ones.
 */
export interface CollectionSpec {
  indexes: string[][]
  /** Current schema version of documents in this collection. */
  version: number
  /** migrations[n] turns a version-n document into version n+1. */
  migrations?: Record<number, (doc: Record<string, unknown>) => Record<string, unknown>>
}

export const COLLECTIONS = {
  towns: { indexes: [], version: 1 },
  villages: { indexes: [['townId']], version: 1 },
  groups: { indexes: [['villageId']], version: 1 },
  households: { indexes: [['villageId']], version: 1 },
  people: { indexes: [['groupId'], ['villageId']], version: 1 },
  grants: { indexes: [['personId']], version: 1 },
  /** _id is the WeChat OPENID; one binding per person. */
  bindings: { indexes: [['personId']], version: 1 },
  invitations: { indexes: [['code']], version: 1 },
  partyGroups: { indexes: [['villageId']], version: 1 },
  servicePoints: { indexes: [['partyGroupId'], ['villageId']], version: 1 },
  councils: { indexes: [['groupId'], ['villageId']], version: 1 },
  /** The village secretary's changes to the computed Party groups, re-applied on every recompute. */
  partyGroupOverrides: { indexes: [['villageId']], version: 1 },
  /** Before/after of every roster change, for the ledger (台账). */
  changeLog: { indexes: [['villageId']], version: 1 },
  /**
   * _id is the storage file ID. Who uploaded it, what for, and what it belongs to once an action
   * attaches it; the expiry job finds unattached uploads by expiresAt (null once attached).
   */
  files: { indexes: [['expiresAt']], version: 1 },
  meta: { indexes: [], version: 1 },
} as const satisfies Record<string, CollectionSpec>

export type CollectionName = keyof typeof COLLECTIONS

export const SCHEMA_VERSION_FIELD = '_v'

export function collectionSpec(name: string): CollectionSpec {
  const spec = (COLLECTIONS as Record<string, CollectionSpec>)[name]
  if (!spec) throw new Error(`Unknown collection "${name}": declare it in collections.ts`)
  return spec
}
