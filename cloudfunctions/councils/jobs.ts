/**
 * councils/closeAndRemind: close every matter whose closesAt has passed (exactly once: the state is
 * checked inside the closing transaction), and 24 hours before closing remind each slot holder who
 * has not voted (once per person per matter: the slot records it).
 */
import { ballotsOf, closeMatter, matterPage } from '../shared/councils/matter-steps'
import type { BallotRecord, MatterRecord } from '../shared/councils/records'
import { notify, MAX_NAMED_RECIPIENTS } from '../shared/inbox/notify'
import { JOB_BATCH, type JobContext, type JobRun } from '../shared/runtime/jobs'

export const REMIND_BEFORE_MS = 24 * 60 * 60 * 1000

async function closeDue({ db, now, actor }: JobContext, budget: number) {
  const at = now()
  const { data: due } = await db
    .collection<MatterRecord>('matters')
    .where({ state: 'voting', closesAt: db.command.lte(at.toISOString()) })
    .orderBy('closesAt', 'asc')
    .limit(budget + 1)
    .get()
  let changed = 0
  for (const matter of due.slice(0, budget)) {
    const ballots = await ballotsOf(db, matter._id)
    const closed = await db.runTransaction((tx) => closeMatter(tx, matter._id, ballots, actor, at, '到截止时间自动结束', 'councils/closeAndRemind'))
    if (closed) changed += 1
  }
  return { processed: Math.min(due.length, budget), changed, more: due.length > budget }
}

async function remindDue({ db, now }: JobContext, budget: number) {
  const at = now()
  const _ = db.command
  const { data: soon } = await db
    .collection<MatterRecord>('matters')
    .where({ state: 'voting', reminded: false, closesAt: _.and([_.gt(at.toISOString()), _.lte(new Date(at.getTime() + REMIND_BEFORE_MS).toISOString())]) })
    .orderBy('closesAt', 'asc')
    .limit(budget + 1)
    .get()
  let changed = 0
  for (const matter of soon.slice(0, budget)) {
    const { data: waiting } = await db.collection<BallotRecord>('ballots').where({ matterId: matter._id, voted: false, lost: null, reminded: false }).limit(1000).get()
    const people = waiting.filter((slot) => slot.personId)
    const reminded = await db.runTransaction(async (tx) => {
      const { data: current } = await tx.collection<MatterRecord>('matters').doc(matter._id).get()
      if (!current || current.reminded || current.state !== 'voting') return false
      for (let start = 0; start < people.length; start += MAX_NAMED_RECIPIENTS) {
        await notify(
          tx,
          { people: people.slice(start, start + MAX_NAMED_RECIPIENTS).map((slot) => slot.personId!) },
          { kind: 'council_reminder', title: `还没投票：${matter.title}`, body: '离表决截止不到 24 小时，请尽快投票', page: matterPage(matter._id) },
          at,
        )
      }
      for (const slot of waiting) await tx.collection('ballots').doc(slot._id).update({ reminded: true })
      await tx.collection('matters').doc(matter._id).update({ reminded: true })
      return true
    })
    if (reminded) changed += 1
  }
  return { processed: Math.min(soon.length, budget), changed, more: soon.length > budget }
}

export const closeAndRemind: JobRun = async (context) => {
  const closing = await closeDue(context, JOB_BATCH)
  const reminding = await remindDue(context, Math.max(0, JOB_BATCH - closing.processed))
  return { processed: closing.processed + reminding.processed, changed: closing.changed + reminding.changed, more: closing.more || reminding.more }
}

export const councilsJobs = { closeAndRemind }
