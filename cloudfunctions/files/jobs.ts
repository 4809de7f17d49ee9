/** Scheduled work of the `files` function (wired as `files/expireUploads`). */
import { FILES, UPLOAD_QUOTAS, type FileRecord } from '../shared/files'
import { JOB_BATCH, type JobContext, type JobResult } from '../shared/runtime/jobs'

/**
 * Removes uploads nobody attached within their lifetime (7 days), bytes first, then the record:
 * a run that fails in between leaves the record, so the next run finds the file again.
 * Expiry only moves one way (attaching sets expiresAt to null and refuses expired files), so no
 * action can attach a file this job is removing.
 */
export async function expireUploads(context: JobContext): Promise<JobResult> {
  const { db, storage, log } = context
  const at = context.now().toISOString()
  const { data: expired } = await db
    .collection<FileRecord>(FILES)
    .where({ expiresAt: db.command.lt(at), attachedTo: null })
    .orderBy('expiresAt', 'asc')
    .limit(JOB_BATCH + 1)
    .get()
  const batch = expired.slice(0, JOB_BATCH)
  let changed = 0
  for (const file of batch) {
    try {
      await storage.remove(file._id)
    } catch (error) {
      log.error('expire_upload_failed', { job: context.actor.job, error: error instanceof Error ? error.message : String(error) })
      continue
    }
    await db.collection(FILES).doc(file._id).remove()
    changed += 1
  }
  // Past days' upload counters are spent: dropped here so they do not pile up, one per person per day.
  const { data: spent } = await db
    .collection(UPLOAD_QUOTAS)
    .where({ expiresAt: db.command.lt(at) })
    .limit(JOB_BATCH + 1)
    .get()
  for (const counter of spent.slice(0, JOB_BATCH)) await db.collection(UPLOAD_QUOTAS).doc(counter._id).remove()
  return { processed: batch.length, changed, more: expired.length > JOB_BATCH || spent.length > JOB_BATCH }
}

export const filesJobs = { expireUploads }
