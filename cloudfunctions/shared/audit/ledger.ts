/** The village ledger (变更台账): a view over the audit trail, newest first, without confidential subjects. */
import type { Database } from '../db/port'
import { cursorPage } from '../runtime/paging'
import { actorName, type AuditRecord } from './audit'

export async function villageLedger(db: Database, villageId: string, cursor: string | undefined, limit: number) {
  const page = await cursorPage<AuditRecord>(db, 'audit', { villageId, confidential: false }, { orderBy: 'at', direction: 'desc', listKey: `ledger:${villageId}`, cursor, limit })
  return {
    items: page.items.map((entry) => ({
      id: entry._id,
      at: entry.at,
      byName: actorName(entry.actor),
      kind: entry.action,
      summary: entry.summary,
      before: entry.before,
      after: entry.after,
      note: entry.note,
    })),
    nextCursor: page.nextCursor,
  }
}
