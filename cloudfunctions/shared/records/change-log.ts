import type { Transaction } from '../db/port'
import type { Caller } from '../runtime/caller'

export interface Change {
  villageId: string
  kind: string
  summary: string
  before: unknown
  after: unknown
}

/** Every roster change leaves its before and after in the ledger, in the same transaction. */
export async function logChange(tx: Transaction, caller: Caller, at: Date, change: Change): Promise<void> {
  await tx.collection('changeLog').add({ ...change, at: at.toISOString(), by: caller.personId, byName: caller.name })
}
