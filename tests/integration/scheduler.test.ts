/** The local host runs jobs on their schedule (here a test schedule of every second), with no route called. */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { silentLogger } from '../../cloudfunctions/shared/runtime/logger'
import { buildHost } from '../../server/host'
import { openStore } from '../../server/open-store'
import { seedDemoTown } from '../../server/seed/demo-town'

it('runs identity/expireInvitations on a short schedule', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'cunzu-scheduler-'))
  const store = await openStore(join(dataDir, 'store.sqlite'))
  await seedDemoTown(store)
  // The codes were issued a week and a day "ago": real time, since the scheduler's clock is the host's.
  await store
    .collection('invitations')
    .where({ status: 'open' })
    .update({ expiresAt: new Date(Date.now() - 60_000).toISOString() })
  const app = await buildHost({
    store,
    dataDir,
    demo: true,
    log: silentLogger,
    jobs: true,
    jobSchedules: { 'identity/expireInvitations': '* * * * * * *', 'inbox/deliver': '0 0 0 1 1 * 2199', 'files/expireUploads': '0 0 0 1 1 * 2199' },
  })
  try {
    const open = async () => (await store.collection('invitations').where({ status: 'open' }).count()).total
    expect(await open()).toBeGreaterThan(0)
    const deadline = Date.now() + 5000
    while ((await open()) > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100))
    expect(await open()).toBe(0)
  } finally {
    await app.close()
    store.close()
    rmSync(dataDir, { recursive: true, force: true })
  }
})
