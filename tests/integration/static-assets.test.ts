/** Weak networks: the h5 build is served compressed, hashed files cached for a year, index.html always re-asked. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { FastifyInstance } from 'fastify'
import { silentLogger } from '../../cloudfunctions/shared/runtime/logger'
import type { EmbeddedStore } from '../../server/embedded-store/embedded-store'
import { buildHost } from '../../server/host'
import { openStore } from '../../server/open-store'

let dataDir: string
let store: EmbeddedStore
let app: FastifyInstance

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'cunzu-static-'))
  const staticDir = join(dataDir, 'dist-h5')
  mkdirSync(join(staticDir, 'js'), { recursive: true })
  writeFileSync(join(staticDir, 'index.html'), `<!doctype html><title>村组通</title>${'<!-- padding -->'.repeat(100)}`)
  writeFileSync(join(staticDir, 'js', 'app.1a2b3c4d.js'), `console.log(${JSON.stringify('村组通'.repeat(2000))})`)
  store = await openStore(join(dataDir, 'store.sqlite'))
  app = await buildHost({ store, dataDir, demo: false, staticDir, log: silentLogger, jobs: false })
})
afterAll(async () => {
  await app.close()
  store.close()
  rmSync(dataDir, { recursive: true, force: true })
})

it('compresses a hashed build file and lets the browser keep it for a year', async () => {
  const response = await app.inject({ method: 'GET', url: '/js/app.1a2b3c4d.js', headers: { 'accept-encoding': 'gzip' } })
  expect(response.statusCode).toBe(200)
  expect(response.headers['content-encoding']).toBe('gzip')
  expect(response.headers['cache-control']).toBe('public, max-age=31536000, immutable')
  expect(response.rawPayload.length).toBeLessThan(2000)
})

it('asks for index.html every time, on its own path and on a client-side route', async () => {
  for (const url of ['/index.html', '/pages/home/index']) {
    const response = await app.inject({ method: 'GET', url })
    expect(response.statusCode).toBe(200)
    expect(response.headers['cache-control']).toBe('no-cache')
  }
})

it('still answers an unknown /api path with the JSON 404', async () => {
  const response = await app.inject({ method: 'GET', url: '/api/nothing', headers: { 'accept-encoding': 'gzip' } })
  expect(response.statusCode).toBe(404)
})
