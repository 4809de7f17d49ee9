/**
 * The places one call looks up, each read at most once: `allow` loads the village (group, person)
 * its rule needs and `run` starts from the same record instead of reading it again. Made fresh
 * for every call, so nothing outlives the request; anything `run` writes is read from the store.
 */
import type { Database, StoredDoc } from '../db/port'
import type { GrantRecord, GroupRecord, PersonRecord, TownRecord, VillageRecord } from './records'

export interface Places {
  village(id: string): Promise<VillageRecord | null>
  group(id: string): Promise<GroupRecord | null>
  person(id: string): Promise<PersonRecord | null>
  town(id: string): Promise<TownRecord | null>
  grant(id: string): Promise<GrantRecord | null>
}

export function placesOf(db: Database): Places {
  const memo = new Map<string, Promise<unknown>>()
  const once = <T extends StoredDoc>(collection: string, id: string): Promise<T | null> => {
    const key = `${collection}/${id}`
    if (!memo.has(key))
      memo.set(
        key,
        db
          .collection<T>(collection)
          .doc(id)
          .get()
          .then(({ data }) => data ?? null),
      )
    return memo.get(key) as Promise<T | null>
  }
  return {
    village: (id) => once<VillageRecord>('villages', id),
    group: (id) => once<GroupRecord>('groups', id),
    person: (id) => once<PersonRecord>('people', id),
    town: (id) => once<TownRecord>('towns', id),
    grant: (id) => once<GrantRecord>('grants', id),
  }
}
