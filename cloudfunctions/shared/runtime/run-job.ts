/**
 * The one way a job runs, wherever the timer is: CloudBase's timer trigger (cloud-main), the local
 * scheduler, the demo route and `npm run job`. The job acts as the system, with the injected clock.
 */
import { JOB_BATCH, type JobContext, type JobResult, type JobRun } from './jobs'

export interface JobReport extends JobResult {
  /** `<function>/<job>` */
  job: string
  /** When the run started, by the injected clock. */
  at: string
}

export type JobTable = Readonly<Record<string, Readonly<Record<string, JobRun>>>>

export function findJob(jobs: JobTable, fn: string, job: string): JobRun | null {
  const ofFunction = Object.hasOwn(jobs, fn) ? jobs[fn] : undefined
  return ofFunction && Object.hasOwn(ofFunction, job) ? ofFunction[job] : null
}

export async function runJob(run: JobRun, fn: string, job: string, context: Omit<JobContext, 'actor'>): Promise<JobReport> {
  const name = `${fn}/${job}`
  const at = context.now()
  const started = Date.now()
  const result = await run({ ...context, actor: { kind: 'system', job: name } })
  if (result.processed > JOB_BATCH) throw new Error(`${name} processed ${result.processed} items; a run takes at most ${JOB_BATCH}`)
  context.log.info('job_ran', { job: name, processed: result.processed, changed: result.changed, more: result.more, ms: Date.now() - started })
  return { job: name, at: at.toISOString(), ...result }
}

/**
 * What a cloud event asks for: a timer trigger names a job; anything else is a client's call.
 * A timer event carrying an OPENID came from a client pretending to be the timer: refused.
 */
export type EventKind = { kind: 'call' } | { kind: 'timer'; job: string } | { kind: 'forged_timer' }

export function classifyEvent(event: unknown, openId: string | null): EventKind {
  if (!event || typeof event !== 'object') return { kind: 'call' }
  const { Type, TriggerName } = event as { Type?: unknown; TriggerName?: unknown }
  const looksLikeTimer = (typeof Type === 'string' && Type.toLowerCase() === 'timer') || TriggerName !== undefined
  if (!looksLikeTimer) return { kind: 'call' }
  if (openId || typeof TriggerName !== 'string') return { kind: 'forged_timer' }
  return { kind: 'timer', job: TriggerName }
}
