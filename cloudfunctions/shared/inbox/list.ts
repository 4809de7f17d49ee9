/**
 * One person's inbox: their own entries and the broadcasts to their group and village, merged
 * newest first and paged by a cursor on (createdAt, _id) across both collections.
 */
import type { InboxEntry } from '../../../types/functions/inbox'
import type { Where, WhereObject } from '../db/commands'
import type { Database } from '../db/port'
import type { Caller } from '../runtime/caller'
import { afterPosition, cursorCodec, whereBoth, type OrderValue } from '../db/cursor'
import { asCallerError } from '../runtime/paging'
import type { BroadcastReadRecord, BroadcastRecord, InboxRecord } from './records'

const codecOf = (personId: string) => cursorCodec(`inbox:${personId}`, 'createdAt', 'desc')

const newestFirst = (a: { createdAt: string; _id: string }, b: { createdAt: string; _id: string }) =>
  a.createdAt !== b.createdAt ? (a.createdAt < b.createdAt ? 1 : -1) : a._id < b._id ? 1 : a._id > b._id ? -1 : 0

/** The group and village whose broadcasts reach this person. */
export function broadcastScopesOf(caller: Pick<Caller, 'groupId' | 'villageId'>): string[] {
  return [caller.groupId, caller.villageId].filter((id): id is string => Boolean(id))
}

export async function listInbox(db: Database, caller: Caller, cursor: string | undefined, limit: number) {
  const codec = codecOf(caller.personId)
  const position = cursor ? await asCallerError(() => codec.decode(cursor)) : null
  const olderThan = (where: WhereObject): Where => (position ? whereBoth(db, where, afterPosition(db, 'createdAt', 'desc', position.value as OrderValue, position.id)) : where)
  const scopes = broadcastScopesOf(caller)
  const [{ data: own }, { data: broadcasts }] = await Promise.all([
    db
      .collection<InboxRecord>('inbox')
      .where(olderThan({ personId: caller.personId }))
      .orderBy('createdAt', 'desc')
      .orderBy('_id', 'desc')
      .limit(limit + 1)
      .get(),
    scopes.length
      ? db
          .collection<BroadcastRecord>('broadcasts')
          .where(olderThan({ scopeId: db.command.in(scopes) }))
          .orderBy('createdAt', 'desc')
          .orderBy('_id', 'desc')
          .limit(limit + 1)
          .get()
      : Promise.resolve({ data: [] as BroadcastRecord[] }),
  ])
  const merged = [...own.map((entry) => ({ entry, broadcast: false })), ...broadcasts.map((entry) => ({ entry, broadcast: true }))].sort((a, b) => newestFirst(a.entry, b.entry))
  const page = merged.slice(0, limit)
  const shownBroadcasts = page.filter((item) => item.broadcast).map((item) => item.entry._id)
  const { data: reads } = shownBroadcasts.length
    ? await db
        .collection<BroadcastReadRecord>('broadcastReads')
        .where({ _id: db.command.in(shownBroadcasts.map((id) => `${id}:${caller.personId}`)) })
        .limit(shownBroadcasts.length)
        .get()
    : { data: [] as BroadcastReadRecord[] }
  const readAtOf = new Map(reads.map((read) => [read.broadcastId, read.readAt]))
  const items: InboxEntry[] = page.map(({ entry, broadcast }) => ({
    id: entry._id,
    kind: entry.kind,
    title: entry.title,
    body: entry.body,
    page: entry.page,
    createdAt: entry.createdAt,
    readAt: broadcast ? (readAtOf.get(entry._id) ?? null) : (entry as InboxRecord).readAt,
  }))
  const last = page[page.length - 1]?.entry
  return {
    items,
    nextCursor: merged.length > limit && last ? codec.encode(last.createdAt, last._id) : null,
    unread: await unreadCount(db, caller),
  }
}

/** Own unread entries plus broadcasts to the person's group and village not yet marked read. */
export async function unreadCount(db: Database, caller: Caller): Promise<number> {
  const scopes = broadcastScopesOf(caller)
  const [{ total: own }, { total: broadcasts }, { total: read }] = await Promise.all([
    db.collection('inbox').where({ personId: caller.personId, readAt: null }).count(),
    scopes.length
      ? db
          .collection('broadcasts')
          .where({ scopeId: db.command.in(scopes) })
          .count()
      : Promise.resolve({ total: 0 }),
    scopes.length
      ? db
          .collection('broadcastReads')
          .where({ personId: caller.personId, scopeId: db.command.in(scopes) })
          .count()
      : Promise.resolve({ total: 0 }),
  ])
  return own + Math.max(0, broadcasts - read)
}

/** Marks the caller's own entries and the broadcasts that reach them; any other id is ignored. */
export async function markRead(db: Database, caller: Caller, ids: readonly string[], at: Date): Promise<number> {
  const unique = [...new Set(ids)]
  const scopes = broadcastScopesOf(caller)
  const [{ data: own }, { data: broadcasts }] = await Promise.all([
    db
      .collection<InboxRecord>('inbox')
      .where({ _id: db.command.in(unique), personId: caller.personId })
      .limit(unique.length)
      .get(),
    scopes.length
      ? db
          .collection<BroadcastRecord>('broadcasts')
          .where({ _id: db.command.in(unique), scopeId: db.command.in(scopes) })
          .limit(unique.length)
          .get()
      : Promise.resolve({ data: [] as BroadcastRecord[] }),
  ])
  const readAt = at.toISOString()
  const unreadOwn = own.filter((entry) => entry.readAt === null)
  if (unreadOwn.length > 0 || broadcasts.length > 0) {
    await db.runTransaction(async (tx) => {
      for (const entry of unreadOwn) await tx.collection('inbox').doc(entry._id).update({ readAt })
      for (const broadcast of broadcasts) {
        const readId = `${broadcast._id}:${caller.personId}`
        const { data: already } = await tx.collection('broadcastReads').doc(readId).get()
        if (!already) await tx.collection('broadcastReads').doc(readId).set({ personId: caller.personId, broadcastId: broadcast._id, scopeId: broadcast.scopeId, readAt })
      }
    })
  }
  return unreadCount(db, caller)
}
