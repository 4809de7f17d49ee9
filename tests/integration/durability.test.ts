/**
 * The embedded store survives `kill -9` of the host during writes: every write the host
 * acknowledged is there after a restart, and SQLite finds the file sound. Also: a clean restart
 * keeps data and does not seed twice.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { EmbeddedStore } from '../../server/embedded-store/embedded-store'

const root = join(__dirname, '..', '..')
let dataDir: string

interface RunningHost {
  child: ChildProcess
  exited: Promise<unknown>
}

function startHost(port: number): Promise<RunningHost> {
  // One process (no tsx wrapper), so SIGKILL really kills the server mid-write.
  const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'server', 'main.ts')], {
    cwd: root,
    env: { ...process.env, DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1', DEMO: '1' },
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  const exited = new Promise((resolve) => child.once('exit', resolve))
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('host did not start')), 60_000)
    child.stdout!.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('"listening"')) {
        clearTimeout(timer)
        resolve({ child, exited })
      }
    })
    void exited.then((code) => reject(new Error(`host exited ${code}`)))
  })
}

async function post(port: number, path: string, body: unknown, token?: string) {
  const response = await fetch(`http://127.0.0.1:${port}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  })
  return { status: response.status, body: (await response.json()) as any }
}

beforeAll(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'cunzu-durable-'))
})
afterAll(() => rmSync(dataDir, { recursive: true, force: true }))

it('keeps every acknowledged write after kill -9 and opens cleanly', async () => {
  const port = 18000 + Math.floor(Math.random() * 1000)
  const host = await startHost(port)
  const token = (await post(port, '/api/dev/login', { personId: 'o-admin' })).body.data.token as string
  const acknowledged: string[] = []
  let killed = false
  // Many writers at once; the host is killed while they are still writing.
  const writers = Array.from({ length: 4 }, async () => {
    while (!killed) {
      try {
        const { status, body } = await post(port, '/api/fn/identity', { action: 'issueInvitation', data: { personId: 'v-hexing-g02-h001-p1' } }, token)
        if (status === 200) acknowledged.push(body.data.code)
      } catch {
        return // connection reset by the kill
      }
    }
  })
  await new Promise((resolve) => setTimeout(resolve, 1500))
  killed = true
  host.child.kill('SIGKILL')
  await Promise.all(writers)
  await host.exited
  expect(acknowledged.length).toBeGreaterThan(20)

  const store = new EmbeddedStore({ file: join(dataDir, 'store.sqlite') })
  try {
    expect(store.integrityCheck()).toBe('ok')
    const codes = new Set<string>()
    for (let skip = 0; ; skip += 1000) {
      const { data } = await store.collection('invitations').orderBy('code', 'asc').skip(skip).limit(1000).get()
      for (const doc of data) codes.add(doc.code as string)
      if (data.length < 1000) break
    }
    for (const code of acknowledged) expect(codes).toContain(code)
  } finally {
    store.close()
  }
}, 120_000)

it('keeps data across a restart without seeding twice', async () => {
  const port = 19000 + Math.floor(Math.random() * 1000)
  const host = await startHost(port)
  try {
    const token = (await post(port, '/api/dev/login', { personId: 'o-admin' })).body.data.token as string
    const { status } = await post(port, '/api/fn/system', { action: 'ping', data: {} }, token)
    expect(status).toBe(200)
  } finally {
    host.child.kill('SIGTERM')
    await host.exited
  }
  const store = new EmbeddedStore({ file: join(dataDir, 'store.sqlite') })
  try {
    expect((await store.collection('towns').count()).total).toBe(1)
    expect((await store.collection('people').where({ groupId: 'v-hexing-g02' }).count()).total).toBeGreaterThan(0)
    expect((await store.collection('invitations').count()).total).toBeGreaterThan(20)
  } finally {
    store.close()
  }
}, 120_000)
