/** `npm run reset`: wipes the local store (keeping the token secret and the county set) and reseeds the demo town. */
import { rmSync } from 'node:fs'
import { hostConfig } from '../config'
import { localFileStorage } from '../local-storage'
import { openStore } from '../open-store'
import { seedDemoTown } from '../seed/demo-town'

async function main() {
  const config = hostConfig()
  for (const suffix of ['', '-wal', '-shm']) rmSync(`${config.storeFile}${suffix}`, { force: true })
  rmSync(`${config.dataDir}/files`, { recursive: true, force: true })
  const store = await openStore(config.storeFile)
  await seedDemoTown(store, { storage: localFileStorage(config.dataDir) })
  store.close()
  console.log(`Reset ${config.dataDir} and seeded the demo town`)
}

main().catch((error) => {
  console.error(error)
  process.exit(1)
})
