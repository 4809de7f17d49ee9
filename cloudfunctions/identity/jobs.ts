/** identity's scheduled jobs. */
import { audit } from '../shared/audit/audit'
import { readWhereIn } from '../shared/records/read-all'
import type { InvitationRecord, PersonRecord } from '../shared/records/records'
import { JOB_BATCH, type JobRun } from '../shared/runtime/jobs'

/**
 * An unused code past its date is marked expired, so lists of open codes stay honest and a code
 * can be reissued. One audit entry per invitation, by the system, in the same transaction.
 */
export const expireInvitations: JobRun = async ({ db, now, actor }) => {
  const at = now()
  const { data: stale } = await db
    .collection<InvitationRecord>('invitations')
    .where({ status: 'open', expiresAt: db.command.lt(at.toISOString()) })
    .orderBy('expiresAt', 'asc')
    .limit(JOB_BATCH + 1)
    .get()
  const batch = stale.slice(0, JOB_BATCH)
  if (batch.length === 0) return { processed: 0, changed: 0, more: false }
  const people = new Map(
    (
      await readWhereIn<PersonRecord>(
        db,
        'people',
        '_id',
        batch.map((invitation) => invitation.personId),
      )
    ).map((person) => [person._id, person]),
  )
  const changed = await db.runTransaction(async (tx) => {
    let count = 0
    for (const invitation of batch) {
      // Re-read inside the transaction: a villager may have used the code a moment ago.
      const { data: fresh } = await tx.collection<InvitationRecord>('invitations').doc(invitation._id).get()
      if (fresh?.status !== 'open') continue
      await tx.collection('invitations').doc(invitation._id).update({ status: 'expired' })
      const person = people.get(invitation.personId)
      await audit(tx, actor, {
        at,
        scope: { townId: person?.townId ?? null, villageId: person?.villageId ?? null, groupId: person?.groupId ?? null },
        subject: { kind: 'person', id: invitation.personId },
        action: 'identity/expireInvitations',
        summary: `${person?.name ?? '一位村民'}的邀请码过期未用，已作废`,
        before: { status: 'open', expiresAt: invitation.expiresAt },
        after: { status: 'expired' },
      })
      count += 1
    }
    return count
  })
  return { processed: batch.length, changed, more: stale.length > JOB_BATCH }
}

export const identityJobs = { expireInvitations }
