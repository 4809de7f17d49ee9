/**
 * `npm run seed` seeds the demo town into DATA_DIR (default .data) if it is not there yet.
 * `npm run seed -- --scale county` builds the county-scale data set in its own folder
 * (default .data/county; `--dir` overrides), replacing any earlier one.
 */
import { rmSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { hostConfig } from '../config'
import { localFileStorage } from '../local-storage'
import { openStore } from '../open-store'
import { seedCounty } from '../seed/county'
import { seedDemoTown } from '../seed/demo-town'
import { readArgs } from './args'

export const COUNTY_DIR = resolve('.data', 'county')

async function main() {
  const args = readArgs()
  if (args.get('scale') === 'county') {
    const dir = resolve(String(args.get('dir') ?? COUNTY_DIR))
    rmSync(dir, { recursive: true, force: true })
    const started = Date.now()
    const store = await openStore(join(dir, 'store.sqlite'))
    const summary = await seedCounty(store, (done) => {
      if (done % 23 === 0) process.stdout.write(`  ${done} villages…\n`)
    })
    store.close()
    console.log(`County data set in ${dir}: ${JSON.stringify(summary)} in ${((Date.now() - started) / 1000).toFixed(1)} s`)
    console.log(`Serve it with: DATA_DIR=${dir} npm start`)
    return
  }
  const config = hostConfig()
  const store = await openStore(config.storeFile)
  const wrote = await seedDemoTown(store, { storage: localFileStorage(config.dataDir) })
  store.close()
  console.log(wrote ? `Seeded the demo town into ${config.dataDir}` : `The demo town is already in ${config.dataDir}`)
}

main().catch((error) => {
  console.error(error)
  process.exit(1)
})
