/**
 * Scheduled jobs: work a function does on a timer, as the system, never for a client. In the cloud
 * each job becomes a timer trigger of its function (see ../../manifest.ts); the local host runs
 * them on their schedule (unless JOBS=0) and in demo mode on `POST /api/dev/jobs/<fn>/<job>`.
 * A job is idempotent (a rerun with nothing new to do changes nothing) and bounded (at most
 * JOB_BATCH items a run; `more` says whether it stopped early).
 */
import type { Database, StoredDoc } from '../db/port'
import type { MessageSender } from '../inbox/sender'
import type { FileStorage } from '../storage/port'
import type { Logger } from './logger'

export const JOB_BATCH = 500

/**
 * The documents whose `nextCheckAt` has come, earliest first: one batch and whether more wait.
 * Bounded below as well: most documents have no next check (closed), and an upper bound alone
 * looks unselective to a query planner (SQLite scanned all 450,000 county requests), which then
 * skips the index.
 */
export async function dueBatch<T extends StoredDoc>(db: Database, collection: string, at: Date): Promise<{ batch: T[]; more: boolean }> {
  const _ = db.command
  const { data } = await db
    .collection<T>(collection)
    .where(_.and([{ nextCheckAt: _.gt('') }, { nextCheckAt: _.lte(at.toISOString()) }]))
    .orderBy('nextCheckAt', 'asc')
    .limit(JOB_BATCH + 1)
    .get()
  return { batch: data.slice(0, JOB_BATCH), more: data.length > JOB_BATCH }
}

export interface JobContext {
  db: Database
  storage: FileStorage
  log: Logger
  /** The injected clock (the demo clock locally), never Date.now(). */
  now(): Date
  /** The system actor the job acts as, e.g. `{kind: 'system', job: 'identity/expireInvitations'}`. */
  actor: SystemActor
  /** Subscription messages to WeChat (a recorder on the local host). */
  messages: MessageSender
  /** Subscription-message template ids per notice kind (WX_TEMPLATE_<KIND>). */
  templateIdFor(kind: string): string | null
}

export interface SystemActor {
  kind: 'system'
  /** `<function>/<job>` */
  job: string
}

export interface JobResult {
  /** Items looked at. */
  processed: number
  /** Items changed (0 on a rerun with nothing to do). */
  changed: number
  /** True when the batch limit stopped the run before everything was done. */
  more: boolean
}

export type JobRun = (context: JobContext) => Promise<JobResult>
