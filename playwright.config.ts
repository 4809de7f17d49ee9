import os from 'node:os'
import path from 'node:path'
import { defineConfig } from '@playwright/test'

/**
 * Browser journeys against the h5 build served by the local host (`npm start`).
 * Chromium is the system one (/usr/bin/chromium, or CHROMIUM_PATH): never `npx playwright install`,
 * which downloads a browser and fails on this network. `npm run test:e2e` checks it is there first.
 */
// E2E_PORT lets two runs (say, CI on a clone and a developer) share a machine.
const PORT = Number(process.env.E2E_PORT ?? 8090)
const baseURL = `http://127.0.0.1:${PORT}`
// A fresh store per run: the command below deletes it before the host starts and seeds it anew.
const dataDir = path.join(os.tmpdir(), `cunzu-e2e-data-${PORT}`)

export default defineConfig({
  testDir: 'tests/e2e',
  outputDir: 'test-results',
  // One worker: the journeys share one host and one data directory.
  workers: 1,
  fullyParallel: false,
  forbidOnly: !!process.env.CI,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [['list']],
  use: {
    baseURL,
    browserName: 'chromium',
    viewport: { width: 375, height: 812 },
    locale: 'zh-CN',
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    },
  },
  projects: [{ name: 'h5-chromium' }],
  webServer: {
    command: `node -e "require('fs').rmSync(process.env.DATA_DIR,{recursive:true,force:true})" && npm start`,
    env: { PORT: String(PORT), DATA_DIR: dataDir, JOBS: '0' },
    url: `${baseURL}/healthz`,
    timeout: 180_000,
    reuseExistingServer: !process.env.CI,
    stdout: 'ignore',
    stderr: 'pipe',
  },
})
