/** Who may act on a village: office holders whose grant covers it (city grants cover all). */
import type { OfficeRole } from '../../../types/identity'
import type { Database } from '../db/port'
import { notFound } from '../runtime/app-error'
import { hasGrantOver, type Caller } from '../runtime/caller'
import type { SignedInContext } from '../runtime/define-function'
import type { VillageRecord } from './records'

export const VILLAGE_MANAGERS: readonly OfficeRole[] = ['village_secretary', 'village_staff', 'admin']
export const VILLAGE_READERS: readonly OfficeRole[] = [...VILLAGE_MANAGERS, 'town_officer', 'city_officer']

export async function requireVillage(db: Database, villageId: string): Promise<VillageRecord> {
  const { data } = await db.collection<VillageRecord>('villages').doc(villageId).get()
  if (!data) throw notFound('这个村')
  return data
}

/**
 * An `allow` for actions on one village. An unknown village is let through so that `run` answers
 * NOT_FOUND with its own words; nothing about other villages is revealed either way.
 */
export function allowOnVillage<I>(roles: readonly OfficeRole[], villageIdOf: (input: I, context: SignedInContext) => Promise<string | null> | string | null) {
  return async (caller: Caller, input: I, context: SignedInContext): Promise<boolean> => {
    const villageId = await villageIdOf(input, context)
    if (!villageId) return true
    const { data: village } = await context.db.collection<VillageRecord>('villages').doc(villageId).get()
    if (!village) return true
    return hasGrantOver(caller, roles, { townId: village.townId, villageId: village._id })
  }
}
