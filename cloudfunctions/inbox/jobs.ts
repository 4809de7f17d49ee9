/** inbox's scheduled job: pending notices go out to WeChat as subscription messages. */
import dayjs from 'dayjs'
import type { BindingRecord } from '../shared/records/records'
import type { InboxRecord } from '../shared/inbox/records'
import { NOT_SUBSCRIBED } from '../shared/inbox/sender'
import { VILLAGE_TIME_ZONE } from '../shared/domain/clock'
import { readWhereIn } from '../shared/records/read-all'
import { JOB_BATCH, type JobRun } from '../shared/runtime/jobs'

/** A failing send is tried this many times in all, then left as failed. */
export const MAX_ATTEMPTS = 3

/** WeChat template fields: thing ≤ 20 characters, time as 'YYYY-MM-DD HH:mm'. */
function clip(text: string, max = 20): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`
}

export const deliver: JobRun = async ({ db, now, messages, templateIdFor }) => {
  const at = now()
  const { data: pending } = await db
    .collection<InboxRecord>('inbox')
    .where({ deliveryState: 'pending' })
    .orderBy('createdAt', 'asc')
    .limit(JOB_BATCH + 1)
    .get()
  const batch = pending.slice(0, JOB_BATCH)
  if (batch.length === 0) return { processed: 0, changed: 0, more: false }
  const bindings = await readWhereIn<BindingRecord>(
    db,
    'bindings',
    'personId',
    batch.map((entry) => entry.personId),
  )
  const openIdOf = new Map(bindings.map((binding) => [binding.personId, binding._id]))
  let changed = 0
  for (const entry of batch) {
    const openId = openIdOf.get(entry.personId)
    const templateId = templateIdFor(entry.kind)
    let update: Partial<InboxRecord>
    if (!openId || !templateId) {
      // Not on WeChat yet, or no template for this kind: the inbox entry is the whole notice.
      update = { deliveryState: 'skipped', lastError: openId ? 'no_template' : 'no_binding' }
    } else {
      const outcome = await messages.send(
        {
          touser: openId,
          templateId,
          page: entry.page,
          data: {
            thing1: { value: clip(entry.title) },
            thing2: { value: clip(entry.body) },
            time3: { value: dayjs(entry.createdAt).tz(VILLAGE_TIME_ZONE).format('YYYY-MM-DD HH:mm') },
          },
        },
        { inboxId: entry._id, personId: entry.personId, at },
      )
      const attempts = entry.attempts + 1
      if (outcome.ok) update = { deliveryState: 'sent', attempts, lastError: null }
      else if (outcome.errCode === NOT_SUBSCRIBED) update = { deliveryState: 'not_subscribed', attempts, lastError: `${outcome.errCode}` }
      else update = { deliveryState: attempts >= MAX_ATTEMPTS ? 'failed' : 'pending', attempts, lastError: `${outcome.errCode} ${outcome.errMsg}`.slice(0, 200) }
    }
    await db.collection('inbox').doc(entry._id).update(update)
    changed += 1
  }
  return { processed: batch.length, changed, more: pending.length > JOB_BATCH }
}

export const inboxJobs = { deliver }
