/**
 * inbox's scheduled job: pending notices go out to WeChat as subscription messages. Notices to
 * named people first, then broadcasts, member by member, resuming where the last run stopped; at
 * most JOB_BATCH people are looked at in one run.
 */
import dayjs from 'dayjs'
import type { BindingRecord, PersonRecord } from '../shared/records/records'
import type { BroadcastRecord, InboxRecord, NoticeContent } from '../shared/inbox/records'
import { clip } from '../shared/inbox/notify'
import { NOT_SUBSCRIBED, type SendOutcome, type SubscriptionMessage } from '../shared/inbox/sender'
import { VILLAGE_TIME_ZONE } from '../shared/domain/clock'
import { readWhereIn } from '../shared/records/read-all'
import { JOB_BATCH, type JobContext, type JobResult, type JobRun } from '../shared/runtime/jobs'

/** A failing send is tried this many times in all, then left as failed. */
export const MAX_ATTEMPTS = 3

/** WeChat template fields: thing ≤ 20 characters, time as 'YYYY-MM-DD HH:mm'. */
const THING_MAX = 20

function messageOf(notice: NoticeContent & { createdAt: string }, touser: string, templateId: string): SubscriptionMessage {
  return {
    touser,
    templateId,
    page: notice.page,
    data: {
      thing1: { value: clip(notice.title, THING_MAX) },
      thing2: { value: clip(notice.body, THING_MAX) },
      time3: { value: dayjs(notice.createdAt).tz(VILLAGE_TIME_ZONE).format('YYYY-MM-DD HH:mm') },
    },
  }
}

async function openIdsOf(context: JobContext, personIds: string[]): Promise<Map<string, string>> {
  const bindings = await readWhereIn<BindingRecord>(context.db, 'bindings', 'personId', personIds)
  return new Map(bindings.map((binding) => [binding.personId, binding._id]))
}

async function deliverToPeople(context: JobContext, budget: number): Promise<JobResult> {
  const { db, now, messages, templateIdFor } = context
  const at = now()
  const { data: pending } = await db
    .collection<InboxRecord>('inbox')
    .where({ deliveryState: 'pending' })
    .orderBy('createdAt', 'asc')
    .limit(budget + 1)
    .get()
  const batch = pending.slice(0, budget)
  if (batch.length === 0) return { processed: 0, changed: 0, more: false }
  const openIdOf = await openIdsOf(
    context,
    batch.map((entry) => entry.personId),
  )
  for (const entry of batch) {
    const openId = openIdOf.get(entry.personId)
    const templateId = templateIdFor(entry.kind)
    let update: Partial<InboxRecord>
    if (!openId || !templateId) {
      // Not on WeChat yet, or no template for this kind: the inbox entry is the whole notice.
      update = { deliveryState: 'skipped', lastError: openId ? 'no_template' : 'no_binding' }
    } else {
      const outcome = await messages.send(messageOf(entry, openId, templateId), { inboxId: entry._id, personId: entry.personId, at })
      const attempts = entry.attempts + 1
      if (outcome.ok) update = { deliveryState: 'sent', attempts, lastError: null }
      else if (outcome.errCode === NOT_SUBSCRIBED) update = { deliveryState: 'not_subscribed', attempts, lastError: `${outcome.errCode}` }
      else update = { deliveryState: attempts >= MAX_ATTEMPTS ? 'failed' : 'pending', attempts, lastError: `${outcome.errCode} ${outcome.errMsg}`.slice(0, 200) }
    }
    await db.collection('inbox').doc(entry._id).update(update)
  }
  return { processed: batch.length, changed: batch.length, more: pending.length > budget }
}

/** Counts of one broadcast's sends, by outcome (a member's failed send is not retried: the inbox has it). */
function tallyOf(outcomes: SendOutcome[]) {
  return {
    sent: outcomes.filter((outcome) => outcome.ok).length,
    notSubscribed: outcomes.filter((outcome) => !outcome.ok && outcome.errCode === NOT_SUBSCRIBED).length,
    failed: outcomes.filter((outcome) => !outcome.ok && outcome.errCode !== NOT_SUBSCRIBED).length,
  }
}

export async function deliverBroadcasts(context: JobContext, budget: number): Promise<JobResult> {
  const { db, now, messages, templateIdFor } = context
  const _ = db.command
  const result: JobResult = { processed: 0, changed: 0, more: false }
  const { data: pending } = await db.collection<BroadcastRecord>('broadcasts').where({ deliveryState: 'pending' }).orderBy('createdAt', 'asc').limit(20).get()
  for (const broadcast of pending) {
    const room = budget - result.processed
    if (room <= 0) return { ...result, more: true }
    const templateId = templateIdFor(broadcast.kind)
    if (!templateId) {
      await db.collection('broadcasts').doc(broadcast._id).update({ deliveryState: 'skipped' })
      result.changed += 1
      continue
    }
    const scope = broadcast.scopeLevel === 'group' ? { groupId: broadcast.scopeId } : { villageId: broadcast.scopeId }
    const after = broadcast.deliveredUpTo ? _.and([scope, { _id: _.gt(broadcast.deliveredUpTo) }]) : scope
    const { data: members } = await db
      .collection<PersonRecord>('people')
      .where(after)
      .orderBy('_id', 'asc')
      .limit(room + 1)
      .get()
    const batch = members.slice(0, room)
    const openIdOf = await openIdsOf(
      context,
      batch.map((person) => person._id),
    )
    const outcomes: SendOutcome[] = []
    for (const person of batch) {
      const openId = openIdOf.get(person._id)
      if (openId) outcomes.push(await messages.send(messageOf(broadcast, openId, templateId), { inboxId: broadcast._id, personId: person._id, at: now() }))
    }
    const tally = tallyOf(outcomes)
    const done = members.length <= room
    await db
      .collection('broadcasts')
      .doc(broadcast._id)
      .update({
        deliveryState: done ? 'sent' : 'pending',
        deliveredUpTo: batch.length ? batch[batch.length - 1]._id : (broadcast.deliveredUpTo ?? null),
        delivery: { sent: _.inc(tally.sent), notSubscribed: _.inc(tally.notSubscribed), failed: _.inc(tally.failed) },
      })
    result.processed += batch.length
    result.changed += 1
    if (!done) return { ...result, more: true }
  }
  return { ...result, more: result.more || pending.length === 20 }
}

export const deliver: JobRun = async (context) => {
  const personal = await deliverToPeople(context, JOB_BATCH)
  const broadcasts = await deliverBroadcasts(context, JOB_BATCH - personal.processed)
  return {
    processed: personal.processed + broadcasts.processed,
    changed: personal.changed + broadcasts.changed,
    more: personal.more || broadcasts.more,
  }
}

export const inboxJobs = { deliver }
