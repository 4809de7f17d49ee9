/**
 * `npm run bench`: p50/p95 through the HTTP host over the embedded store, on the demo town and on
 * the county data set (built first if missing: `npm run seed -- --scale county`), with what each
 * call reads and writes (CloudBase bills per document; the host reports it in x-db-reads/-writes).
 * Prints a table and writes docs/benchmarks.md. Client and host share one process and run on loopback.
 * `npm run bench -- --demo-only` measures the demo town alone and prints the markdown instead of
 * writing it (a quick check that leaves the recorded county figures in place).
 * `npm run bench -- --only chat,errands` measures the floor and those row groups alone (core, councils,
 * errands, chat, extra, jobs) and prints the markdown instead of writing it.
 */
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { cpus, loadavg, tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { execFileSync } from 'node:child_process'
import { silentLogger } from '../cloudfunctions/shared/runtime/logger'
import { buildHost } from '../server/host'
import { openStore } from '../server/open-store'
import { seedDemoTown } from '../server/seed/demo-town'
import { httpClient } from './bench/http-client'
import { measureCalls, type Measurement } from './bench/measure'
import { extraScenarios } from './bench/scenarios'
import { councilScenarios } from './bench/councils'
import { deadlinesRun, errandScenarios } from './bench/errands'
import { chatScenarios } from './bench/chat'
import { COUNTY_MATTERS_DOC_ID, seedCountyMatters, type CountyMattersSummary } from '../server/seed/county-matters'
import { COUNTY_ERRANDS_DOC_ID, seedCountyErrands, type CountyErrandsSummary } from '../server/seed/county-errands'
import { COUNTY_CHATS_DOC_ID, seedCountyChats, type CountyChatsSummary } from '../server/seed/county-chats'
import { mediationScenarios } from './bench/mediation'
import { COUNTY_MEDIATION_DOC_ID, seedCountyMediation, type CountyMediationSummary } from '../server/seed/county-mediation'

const RUNS = Number(process.env.BENCH_RUNS ?? 300)
const WARMUP = 30
const countyDir = resolve('.data', 'county')
const DEMO_ONLY = process.argv.includes('--demo-only')
const onlyArg = process.argv.find((arg, index, args) => arg.startsWith('--only') && (arg.includes('=') || args[index + 1]))
const ONLY = onlyArg ? new Set((onlyArg.includes('=') ? onlyArg.split('=')[1] : process.argv[process.argv.indexOf(onlyArg) + 1]).split(',')) : null
/** Whether a group of rows is measured in this run (all of them unless `--only` names some). */
const wanted = (group: string) => !ONLY || ONLY.has(group)

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
    const context = { name, client, store, runs: RUNS, warmup: WARMUP }
    const personas = await client.personas()
    const villager = personas.find((persona) => persona.roles.includes('villager') && !persona.roles.includes('group_leader'))!
    const token = await client.login(villager.id)
    const results: Measurement[] = []
    const floor = await measureCalls(name, 'system.ping (floor)', RUNS, WARMUP, () => client.callCost('system', 'ping', {}, token))
    results.push(floor)
    if (wanted('core')) {
      results.push(await measureCalls(name, 'home.overview', RUNS, WARMUP, () => client.callCost('home', 'overview', {}, token)))
      const leader = personas.find((persona) => persona.roles.includes('group_leader'))!
      const leaderToken = await client.login(leader.id)
      // The second page, by the cursor the first one handed out (as the app's "加载更多" does).
      const { nextCursor } = await client.call('roster', 'groupMembers', { groupId: leader.groupId, limit: 20 }, leaderToken)
      results.push(
        await measureCalls(name, 'roster.groupMembers (2nd page of 20)', RUNS, WARMUP, () =>
          client.callCost('roster', 'groupMembers', { groupId: leader.groupId, cursor: nextCursor ?? undefined, limit: 20 }, leaderToken),
        ),
      )
    }
    if (wanted('councils')) results.push(...(await councilScenarios({ ...context, personas }, floor)))
    if (wanted('errands')) results.push(...(await errandScenarios({ ...context, personas }, floor)))
    if (wanted('mediation')) results.push(...(await mediationScenarios({ ...context, personas }, floor)))
    if (wanted('chat')) results.push(...(await chatScenarios({ ...context, personas }, floor)))
    if (wanted('extra')) results.push(...(await extraScenarios({ ...context, personas })))
    return results
  })
}

/** The county's past council matters: seeded into an existing county store the first time (older stores lack them). */
async function countyMatters(file: string): Promise<CountyMattersSummary> {
  const store = await openStore(file)
  try {
    const seeded = await seedCountyMatters(store)
    if (seeded) console.log(`Seeded the county's council matters in ${seeded.seconds} s`)
    const { data } = await store.collection('meta').doc(COUNTY_MATTERS_DOC_ID).get()
    return data as unknown as CountyMattersSummary
  } finally {
    store.close()
  }
}

/** The county's errand history: seeded into an existing county store the first time (older stores lack it). */
async function countyErrands(file: string): Promise<CountyErrandsSummary> {
  const store = await openStore(file)
  try {
    const seeded = await seedCountyErrands(store)
    if (seeded) console.log(`Seeded the county's errands in ${seeded.seconds} s`)
    const { data } = await store.collection('meta').doc(COUNTY_ERRANDS_DOC_ID).get()
    return data as unknown as CountyErrandsSummary
  } finally {
    store.close()
  }
}

/** The county's chats: seeded into an existing county store the first time (older stores lack them). */
async function countyChats(file: string): Promise<CountyChatsSummary> {
  const store = await openStore(file)
  try {
    const seeded = await seedCountyChats(store, new Date(), (done) => {
      if (done % 46 === 0) console.log(`  chats: ${done} villages…`)
    })
    if (seeded) console.log(`Seeded the county's chats (${seeded.messages.toLocaleString('en')} messages) in ${seeded.seconds} s`)
    const { data } = await store.collection('meta').doc(COUNTY_CHATS_DOC_ID).get()
    return data as unknown as CountyChatsSummary
  } finally {
    store.close()
  }
}

/** The county's mediation cases: seeded into an existing county store the first time (older stores lack them). */
async function countyMediation(file: string): Promise<CountyMediationSummary> {
  const store = await openStore(file)
  try {
    const seeded = await seedCountyMediation(store)
    if (seeded) console.log(`Seeded the county's mediation cases in ${seeded.seconds} s`)
    const { data } = await store.collection('meta').doc(COUNTY_MEDIATION_DOC_ID).get()
    return data as unknown as CountyMediationSummary
  } finally {
    store.close()
  }
}

/** Median per call, with the range when it varied; a dash for rows that are not metered. */
function costCell(median: number | null, range?: [number, number]): string {
  if (median === null) return '—'
  return range ? `${median} (${range[0]}–${range[1]})` : String(median)
}

function markdown(results: Measurement[], notes: string[]): string {
  const rows = results.map((r) => `| ${r.scenario} | ${r.action} | ${r.runs} | ${r.p50} | ${r.p95} | ${costCell(r.reads, r.readsRange)} | ${costCell(r.writes, r.writesRange)} |`)
  return [
    '# Benchmarks',
    '',
    'Written by `npm run bench` (do not edit by hand). Latencies in milliseconds through the HTTP host on loopback,',
    'over the embedded SQLite store; sequential requests from one client in the same process.',
    'Reads and writes are documents per call as CloudBase bills them (each document a query returns, 1 per',
    'doc get or count; each document added, set, updated or removed), counted by the store and including',
    'loading the caller; for the one-off recompute rows, per whole run.',
    '',
    ...notes.map((note) => `- ${note}`),
    '',
    '| data set | action | runs | p50 ms | p95 ms | reads | writes |',
    '|---|---|---|---|---|---|---|',
    ...rows,
    '',
  ].join('\n')
}

async function main() {
  const started = new Date()
  const loadAtStart = loadavg()[0]
  const demoDir = mkdtempSync(join(tmpdir(), 'cunzu-bench-'))
  const results: Measurement[] = []
  let matters: CountyMattersSummary | null = null
  let errands: CountyErrandsSummary | null = null
  let chats: CountyChatsSummary | null = null
  let mediation: CountyMediationSummary | null = null
  try {
    results.push(...(await scenario('demo town (33 groups, ~800 villagers)', demoDir)))
    const job = wanted('jobs') ? await deadlinesRun('demo town (33 groups, ~800 villagers)', join(demoDir, 'store.sqlite')) : null
    if (job) results.push(job)
  } finally {
    rmSync(demoDir, { recursive: true, force: true })
  }
  if (!DEMO_ONLY) {
    if (!existsSync(join(countyDir, 'store.sqlite'))) {
      console.log('Building the county data set (once)…')
      execFileSync(process.execPath, ['--import', 'tsx', 'server/cli/seed.ts', '--scale', 'county'], { stdio: 'inherit' })
    }
    matters = await countyMatters(join(countyDir, 'store.sqlite'))
    errands = await countyErrands(join(countyDir, 'store.sqlite'))
    chats = await countyChats(join(countyDir, 'store.sqlite'))
    mediation = await countyMediation(join(countyDir, 'store.sqlite'))
    results.push(...(await scenario('county (8,031 groups, ~494,000 villagers)', countyDir)))
    const job = wanted('jobs') ? await deadlinesRun('county (8,031 groups, ~494,000 villagers)', join(countyDir, 'store.sqlite')) : null
    if (job) results.push(job)
  }
  console.table(results.map(({ scenario, action, runs, p50, p95, reads, writes }) => ({ scenario, action, runs, p50, p95, reads, writes })))
  const notes = [
    `Measured ${started.toISOString().slice(0, 10)} on ${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, Node ${process.version}; ` +
      `load average ${loadAtStart.toFixed(1)} at the start, ${loadavg()[0].toFixed(1)} at the end (other work on the machine shows in the p95s).`,
    `${RUNS} timed runs after ${WARMUP} warm-up calls per row; set BENCH_RUNS to change.`,
    ...(matters
      ? [
          `County councils: ${matters.pastMatters.toLocaleString('en')} past matters (public, closed or minuted) and ${matters.openMatters} still voting, ` +
            `${matters.ballots.toLocaleString('en')} ballot slots, ${matters.links.toLocaleString('en')} chain links; seeded in ${matters.seconds} s ` +
            "(server/seed/county-matters.ts). Council rows give p95 as a multiple of the floor's p95 (target ≤ 3×).",
        ]
      : []),
    ...(errands
      ? [
          `County errands: ${errands.errands.toLocaleString('en')} requests over the last 12 months, ${errands.open.toLocaleString('en')} still open, ` +
            `${errands.figures.toLocaleString('en')} figure counters, ${errands.counters} number counters; seeded in ${errands.seconds} s ` +
            "(server/seed/county-errands.ts). Errand rows give p95 as a multiple of the floor's (target ≤ 3×); the job's one run is timed on a copy of the store (target ≤ 2 s).",
        ]
      : []),
    ...(chats
      ? [
          `County chats: ${chats.messages.toLocaleString('en')} messages in ${chats.chats.toLocaleString('en')} group and village chats over 180 days, skewed ` +
            `(the busiest ${chats.busiest.messages.toLocaleString('en')}, the median ${chats.median}), ${chats.reads.toLocaleString('en')} read pointers, ` +
            `${chats.present.toLocaleString('en')} people who have opened the chats; seeded in ${chats.seconds} s (server/seed/county-chats.ts). ` +
            "Chat rows give p95 as a multiple of the floor's (target ≤ 3×); the send row really stores each message, so the busiest chat grows with every run.",
        ]
      : []),
    ...(mediation
      ? [
          `County mediation: ${mediation.cases.toLocaleString('en')} cases over the last 12 months, ${mediation.open.toLocaleString('en')} still open ` +
            `(${mediation.highRisk} high-risk, ${mediation.overdue} overdue at a town), ${mediation.entries.toLocaleString('en')} list entries; seeded in ${mediation.seconds} s ` +
            "(server/seed/county-mediation.ts). Mediation rows give p95 as a multiple of the floor's (target ≤ 3×); the case and log rows write (an audit entry; the note), and the log row puts the case back afterwards.",
        ]
      : []),
  ]
  if (DEMO_ONLY || ONLY) {
    console.log(markdown(results, notes))
    console.log(`${DEMO_ONLY ? 'Demo town' : `Rows ${[...ONLY!].join(', ')}`} only: docs/benchmarks.md left as it was.`)
    return
  }
  writeFileSync(resolve('docs', 'benchmarks.md'), markdown(results, notes))
  console.log('Wrote docs/benchmarks.md')
}

main().catch((error) => {
  console.error(error)
  process.exit(1)
})
