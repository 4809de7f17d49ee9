/**
 * `npm run bench`: p50/p95 through the HTTP host over the embedded store, on the demo town and on
 * the county data set (built first if missing: `npm run seed -- --scale county`). Prints a table
 * and writes docs/benchmarks.md. Client and host share one process and run on loopback.
 */
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { cpus, tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { execFileSync } from 'node:child_process'
import { silentLogger } from '../cloudfunctions/shared/runtime/logger'
import { buildHost } from '../server/host'
import { openStore } from '../server/open-store'
import { seedDemoTown } from '../server/seed/demo-town'
import { httpClient } from './bench/http-client'
import { summarise, timeCalls, type Measurement } from './bench/measure'
import { extraScenarios } from './bench/scenarios'

const RUNS = Number(process.env.BENCH_RUNS ?? 300)
const WARMUP = 30
const countyDir = resolve('.data', 'county')

async function withHost<T>(dataDir: string, work: (baseUrl: string, store: Awaited<ReturnType<typeof openStore>>) => Promise<T>): Promise<T> {
  const store = await openStore(join(dataDir, 'store.sqlite'))
  await seedDemoTown(store)
  const app = await buildHost({ store, dataDir, demo: true, log: silentLogger })
  const address = await app.listen({ port: 0, host: '127.0.0.1' })
  try {
    return await work(address, store)
  } finally {
    await app.close()
    store.close()
  }
}

async function scenario(name: string, dataDir: string): Promise<Measurement[]> {
  return withHost(dataDir, async (baseUrl, store) => {
    const client = httpClient(baseUrl)
    const personas = await client.personas()
    const villager = personas.find((persona) => persona.roles.includes('villager') && !persona.roles.includes('group_leader'))!
    const token = await client.login(villager.id)
    const results: Measurement[] = []
    results.push(summarise(name, 'system.ping (floor)', await timeCalls(RUNS, WARMUP, () => client.call('system', 'ping', {}, token))))
    results.push(summarise(name, 'home.overview', await timeCalls(RUNS, WARMUP, () => client.call('home', 'overview', {}, token))))
    const leader = personas.find((persona) => persona.roles.includes('group_leader'))!
    const leaderToken = await client.login(leader.id)
    // The second page, by the cursor the first one handed out (as the app's "加载更多" does).
    const { nextCursor } = await client.call('roster', 'groupMembers', { groupId: leader.groupId, limit: 20 }, leaderToken)
    results.push(
      summarise(name, 'roster.groupMembers (2nd page of 20)', await timeCalls(RUNS, WARMUP, () => client.call('roster', 'groupMembers', { groupId: leader.groupId, cursor: nextCursor ?? undefined, limit: 20 }, leaderToken))),
    )
    results.push(...(await extraScenarios({ name, client, personas, store, runs: RUNS, warmup: WARMUP })))
    return results
  })
}

function markdown(results: Measurement[], notes: string[]): string {
  const rows = results.map((r) => `| ${r.scenario} | ${r.action} | ${r.runs} | ${r.p50} | ${r.p95} |`)
  return [
    '# Benchmarks',
    '',
    'Written by `npm run bench` (do not edit by hand). Latencies in milliseconds through the HTTP host on loopback,',
    'over the embedded SQLite store; sequential requests from one client in the same process.',
    '',
    ...notes.map((note) => `- ${note}`),
    '',
    '| data set | action | runs | p50 ms | p95 ms |',
    '|---|---|---|---|---|',
    ...rows,
    '',
  ].join('\n')
}

async function main() {
  const started = new Date()
  const demoDir = mkdtempSync(join(tmpdir(), 'cunzu-bench-'))
  const results: Measurement[] = []
  try {
    results.push(...(await scenario('demo town (33 groups, ~800 villagers)', demoDir)))
  } finally {
    rmSync(demoDir, { recursive: true, force: true })
  }
  if (!existsSync(join(countyDir, 'store.sqlite'))) {
    console.log('Building the county data set (once)…')
    execFileSync(process.execPath, ['--import', 'tsx', 'server/cli/seed.ts', '--scale', 'county'], { stdio: 'inherit' })
  }
  results.push(...(await scenario('county (8,031 groups, ~494,000 villagers)', countyDir)))
  console.table(results)
  const notes = [
    `Measured ${started.toISOString().slice(0, 10)} on ${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, Node ${process.version}.`,
    `${RUNS} timed runs after ${WARMUP} warm-up calls per row; set BENCH_RUNS to change.`,
  ]
  writeFileSync(resolve('docs', 'benchmarks.md'), markdown(results, notes))
  console.log('Wrote docs/benchmarks.md')
}

main().catch((error) => {
  console.error(error)
  process.exit(1)
})
