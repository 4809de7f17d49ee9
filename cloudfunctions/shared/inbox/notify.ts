/**
 * Notices, written in the same transaction as the change they tell of: an aborted change leaves
 * none. Named people (at most 50) get an entry each; a whole group or village gets one broadcast
 * that each member's inbox merges in, so a village of 2,000 costs one write, not 2,000.
 */
import type { Transaction } from '../db/port'
import type { BroadcastRecord, InboxRecord, NoticeContent } from './records'

export const MAX_NAMED_RECIPIENTS = 50

export type Recipients = { people: readonly string[] } | { group: string } | { village: string }

const TITLE_MAX = 40
const BODY_MAX = 500

/** At most `max` characters, an ellipsis marking the cut (inbox titles, WeChat template fields). */
export function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`
}

export async function notify(tx: Transaction, recipients: Recipients, notice: NoticeContent, at: Date): Promise<void> {
  const content = { kind: notice.kind, title: clip(notice.title, TITLE_MAX), body: clip(notice.body, BODY_MAX), page: notice.page }
  const createdAt = at.toISOString()
  if ('people' in recipients) {
    const people = [...new Set(recipients.people)]
    // A longer list is a design error (use a broadcast), not something to truncate quietly.
    if (people.length > MAX_NAMED_RECIPIENTS) throw new Error(`notify: ${people.length} named recipients; at most ${MAX_NAMED_RECIPIENTS}, else broadcast to a scope`)
    for (const personId of people) {
      const entry: Omit<InboxRecord, '_id'> = { ...content, personId, createdAt, readAt: null, deliveryState: 'pending', attempts: 0, lastError: null }
      await tx.collection('inbox').add(entry)
    }
    return
  }
  const [scopeLevel, scopeId] = 'group' in recipients ? (['group', recipients.group] as const) : (['village', recipients.village] as const)
  const broadcast: Omit<BroadcastRecord, '_id'> = {
    ...content,
    scopeLevel,
    scopeId,
    createdAt,
    deliveryState: 'pending',
    deliveredUpTo: null,
    delivery: { sent: 0, notSubscribed: 0, failed: 0 },
  }
  await tx.collection('broadcasts').add(broadcast)
}
