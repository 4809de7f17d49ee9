// Run before `playwright test` (npm run test:e2e): the browser tests use the system Chromium,
// never a downloaded one (`npx playwright install` cannot reach its download host here).
import fs from 'node:fs'

const chromium = process.env.CHROMIUM_PATH || '/usr/bin/chromium'

try {
  fs.accessSync(chromium, fs.constants.X_OK)
  console.log(`chromium: ${chromium}`)
} catch {
  console.error(`Chromium was not found at ${chromium}.`)
  console.error('Install it with:')
  console.error('  sudo apt-get update && sudo apt-get install -y chromium')
  console.error('or point CHROMIUM_PATH at an existing Chromium/Chrome binary.')
  process.exit(1)
}
