/**
 * `npm run job -- <function> <job> [--at <ISO time>]`: runs one scheduled job by hand against the
 * local store (DATA_DIR), as the system, with "now" at the given time (default: real time).
 */
import { cloudJobs } from '../../cloudfunctions/registry'
import { jsonLogger } from '../../cloudfunctions/shared/runtime/logger'
import { findJob, runJob } from '../../cloudfunctions/shared/runtime/run-job'
import { hostConfig } from '../config'
import { localDelivery } from '../jobs/local-delivery'
import { localFileStorage } from '../local-storage'
import { openStore } from '../open-store'

async function main() {
  const [fn, job, ...rest] = process.argv.slice(2)
  const atIndex = rest.indexOf('--at')
  const at = atIndex >= 0 ? new Date(rest[atIndex + 1] ?? '') : new Date()
  const run = fn && job ? findJob(cloudJobs, fn, job) : null
  if (!run) {
    const known = Object.entries(cloudJobs).flatMap(([name, jobs]) => Object.keys(jobs).map((j) => `${name} ${j}`))
    throw new Error(`usage: npm run job -- <function> <job> [--at <ISO time>]\nknown jobs:\n  ${known.join('\n  ')}`)
  }
  if (Number.isNaN(at.getTime())) throw new Error('--at takes an ISO time, e.g. 2026-12-08T09:00:00+08:00')
  const config = hostConfig()
  const store = await openStore(config.storeFile)
  try {
    const report = await runJob(run, fn, job, {
      db: store,
      storage: localFileStorage(config.dataDir),
      log: jsonLogger({ service: 'cunzu-job' }),
      now: () => at,
      ...localDelivery(store),
    })
    console.log(JSON.stringify(report, null, 2))
  } finally {
    store.close()
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error)
  process.exit(1)
})
