/**
 * The local host's stand-in for CloudBase timer triggers: every second (real time) it runs each job
 * whose cron matches. A job still running when its next time comes is not started twice.
 */
import type { FunctionSpec } from '../../cloudfunctions/manifest'
import type { Logger } from '../../cloudfunctions/shared/runtime/logger'
import { cronMatches, parseCron, type CronSchedule } from './cron'

export interface ScheduledJob {
  fn: string
  job: string
  cron: string
}

export function scheduledJobs(manifest: Record<string, FunctionSpec>, overrides: Record<string, string> = {}): ScheduledJob[] {
  return Object.entries(manifest).flatMap(([fn, spec]) => Object.entries(spec.jobs).map(([job, { cron }]) => ({ fn, job, cron: overrides[`${fn}/${job}`] ?? cron })))
}

export function startScheduler(jobs: ScheduledJob[], run: (fn: string, job: string) => Promise<unknown>, log: Logger, realNow: () => Date = () => new Date()): () => void {
  const schedules: Array<ScheduledJob & { schedule: CronSchedule }> = jobs.map((job) => ({ ...job, schedule: parseCron(job.cron) }))
  const running = new Set<string>()
  let lastSecond = Math.floor(realNow().getTime() / 1000)
  const tick = () => {
    const second = Math.floor(realNow().getTime() / 1000)
    // Catch up seconds a busy event loop skipped, so a job due in them still runs once.
    for (let s = lastSecond + 1; s <= second; s += 1) {
      for (const job of schedules) {
        const name = `${job.fn}/${job.job}`
        if (running.has(name) || !cronMatches(job.schedule, new Date(s * 1000))) continue
        running.add(name)
        run(job.fn, job.job)
          .catch((error) => log.error('job_failed', { job: name, error: error instanceof Error ? error.stack : String(error) }))
          .finally(() => running.delete(name))
      }
    }
    lastSecond = second
  }
  const timer = setInterval(tick, 250)
  timer.unref()
  return () => clearInterval(timer)
}
