/** Appending to a matter's hash chain inside the transaction that makes the change it records. */
import { nextLink, type Link } from '../domain/councils/chain'
import type { Database, Transaction } from '../db/port'
import { readAll } from '../records/read-all'
import type { MatterLinkRecord } from './records'

export type Head = { hash: string; length: number }

export const linkIdOf = (matterId: string, seq: number) => `${matterId}|${String(seq).padStart(6, '0')}`

/** Stores each entry as the next link and returns the new head (to store on the matter in the same transaction). */
export async function appendLinks(tx: Transaction, matterId: string, head: Head, at: Date, entries: ReadonlyArray<{ type: string; payload: unknown }>): Promise<Head> {
  let current = head
  for (const entry of entries) {
    const link = nextLink(current, entry.type, at.toISOString(), entry.payload)
    await tx
      .collection('matterLinks')
      .doc(linkIdOf(matterId, link.seq))
      .set({ matterId, ...link })
    current = { hash: link.hash, length: link.seq + 1 }
  }
  return current
}

export async function storedLinks(db: Database, matterId: string): Promise<Link[]> {
  const links = await readAll<MatterLinkRecord>(db, 'matterLinks', { matterId })
  return links.map(({ seq, type, at, payload, prev, hash }) => ({ seq, type, at, payload, prev, hash }))
}
