/** `npm start`: open (and on first run seed) the embedded store, then serve everything on one port. */
import { jsonLogger } from '../cloudfunctions/shared/runtime/logger'
import { hostConfig } from './config'
import { localFileStorage } from './local-storage'
import { openStore } from './open-store'
import { buildHost } from './host'
import { seedDemoTown } from './seed/demo-town'

async function main() {
  const config = hostConfig()
  const log = jsonLogger({ service: 'cunzu-host' })
  const store = await openStore(config.storeFile)
  if (config.demo && (await seedDemoTown(store, { storage: localFileStorage(config.dataDir) }))) log.info('seeded_demo_town', { dataDir: config.dataDir })
  const app = await buildHost({ store, dataDir: config.dataDir, demo: config.demo, staticDir: config.staticDir, log, jobs: config.jobs })
  await app.listen({ port: config.port, host: config.host })
  log.info('listening', { url: `http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${config.port}`, demo: config.demo })
  const stop = async () => {
    await app.close()
    store.close()
    process.exit(0)
  }
  process.on('SIGINT', stop)
  process.on('SIGTERM', stop)
}

main().catch((error) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`)
  process.exit(1)
})
