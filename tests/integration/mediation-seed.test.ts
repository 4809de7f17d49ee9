/**
 * The demo town's mediation cases (server/seed/demo-mediation.ts) are what the function and its job
 * would have left: every list entry, open counter and month figure equals a recount with the
 * function's own helpers, mediation/timeLimits finds nothing due at seeding time, no persona is a
 * party, and there is a case of every state a new user should see.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { timeLimits } from '../../cloudfunctions/mediation/jobs'
import { DEFAULT_LIMITS } from '../../cloudfunctions/shared/domain/mediation/clock'
import { isHighRisk } from '../../cloudfunctions/shared/domain/mediation/ladder'
import type { CaseRecord, EntryRecord, MediationFigureRecord, OpenCountsRecord } from '../../cloudfunctions/shared/mediation/records'
import { entryId, entryKeys, entryOf, nextCheckOf, openBuckets } from '../../cloudfunctions/shared/mediation/steps'
import { readAll } from '../../cloudfunctions/shared/records/read-all'
import type { GroupRecord } from '../../cloudfunctions/shared/records/records'
import { silentLogger } from '../../cloudfunctions/shared/runtime/logger'
import { runJob } from '../../cloudfunctions/shared/runtime/run-job'
import type { EmbeddedStore } from '../../server/embedded-store/embedded-store'
import { localDelivery } from '../../server/jobs/local-delivery'
import { localFileStorage } from '../../server/local-storage'
import { openStore } from '../../server/open-store'
import { PERSONAS_DOC_ID, seedDemoTown } from '../../server/seed/demo-town'

let dataDir: string
let store: EmbeddedStore
let cases: CaseRecord[]
let seededAt: Date

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'cunzu-mediation-seed-'))
  store = await openStore(join(dataDir, 'store.sqlite'))
  await seedDemoTown(store, { storage: localFileStorage(dataDir) })
  cases = await readAll<CaseRecord>(store, 'mediationCases', {})
  const { data: marker } = await store.collection('meta').doc('seed:demo-town').get()
  seededAt = new Date(marker!.seededAt as string)
})
afterAll(() => {
  store.close()
  rmSync(dataDir, { recursive: true, force: true })
})

it('has cases of every state, level and outcome, high-risk at the village and the town, one overdue, agreements and follow-ups', () => {
  expect(cases.length).toBeGreaterThanOrEqual(15)
  const has = (predicate: (found: CaseRecord) => boolean) => expect(cases.some(predicate)).toBe(true)
  for (const state of ['awaiting_signature', 'mediating', 'agreed', 'closed']) has((found) => found.state === state)
  for (const outcome of ['resolved', 'failed', 'referred', 'withdrawn']) has((found) => found.outcome === outcome)
  for (const type of ['neighbours', 'family', 'land', 'labour', 'project', 'other']) has((found) => found.type === type)
  has((found) => found.state === 'awaiting_signature' && found.level === 'group')
  has((found) => found.state !== 'closed' && found.level === 'village' && found.risks.includes('petition'))
  has((found) => found.state !== 'closed' && found.level === 'town' && found.risks.includes('petition'))
  has((found) => found.state !== 'closed' && found.risks.includes('violence'))
  has((found) => found.state !== 'closed' && found.overdue)
  has((found) => found.escalations.some((step) => step.by === 'limit'))
  has((found) => found.state === 'agreed' && found.agreement?.form === 'written' && found.agreement.confirmBy !== null && found.agreement.confirmBy > seededAt.toISOString())
  has((found) => found.state === 'agreed' && found.agreement?.effectiveAt === null)
  has((found) => found.state === 'agreed' && found.followUps.some((visit) => !visit.doneAt && visit.dueAt < seededAt.toISOString()))
  has((found) => found.followUps.some((visit) => visit.next === 'reopen'))
  expect(new Set(cases.map((found) => found.villageId))).toEqual(new Set(['v-hexing', 'v-xinan', 'v-changqiao']))
})

it('makes no demo persona a party', async () => {
  const { data } = await store.collection('meta').doc(PERSONAS_DOC_ID).get()
  const personas = new Set((data!.personas as Array<{ id: string }>).map((persona) => persona.id))
  for (const found of cases) expect(found.partyIds.filter((id) => personas.has(id))).toEqual([])
})

it('keeps list entries, open counters and month figures equal to a recount with the function’s helpers', async () => {
  const groups = new Map((await readAll<GroupRecord>(store, 'groups', {})).map((group) => [group._id, group]))
  const entries = new Map((await readAll<EntryRecord>(store, 'mediationEntries', {})).map(({ _v, ...entry }) => [entry._id, entry]))
  let expected = 0
  const open = new Map<string, Record<string, number>>()
  for (const found of cases) {
    const { _id, ...fields } = found
    expect(found.nextCheckAt).toBe(nextCheckOf(fields, DEFAULT_LIMITS))
    for (const key of entryKeys(found, Boolean(groups.get(found.groupId)?.leaderId))) {
      expected += 1
      expect(entries.get(entryId(key, _id))).toEqual({ _id: entryId(key, _id), ...entryOf(key, _id, fields, DEFAULT_LIMITS) })
    }
    for (const scopeId of [found.villageId, found.townId]) {
      const counts = open.get(scopeId) ?? {}
      for (const bucket of openBuckets(found)) counts[bucket] = (counts[bucket] ?? 0) + 1
      open.set(scopeId, counts)
    }
  }
  expect(entries.size).toBe(expected)
  const stored = await readAll<OpenCountsRecord>(store, 'mediationOpen', {})
  expect(new Map(stored.map((doc) => [doc.scopeId, doc.counts]))).toEqual(open)
  expect(open.get('t-sijia')!.highRisk).toBe(cases.filter((found) => found.state !== 'closed' && isHighRisk(found.risks)).length)

  const figures = await readAll<MediationFigureRecord>(store, 'mediationFigures', { scopeId: 't-sijia' })
  const sum = (key: 'opened' | 'closed') => figures.reduce((total, doc) => total + doc[key], 0)
  expect(sum('opened')).toBe(cases.length)
  expect(sum('closed')).toBe(cases.filter((found) => found.countedClosed).length)
})

it('gives each agreement its .docx when the seed has a file store', async () => {
  const agreed = cases.filter((found) => found.agreement)
  expect(agreed.length).toBeGreaterThan(0)
  for (const found of agreed) {
    const { data: file } = await store.collection('files').doc(found.agreement!.documentFileId).get()
    expect(file).toMatchObject({ purpose: 'export', attachedTo: expect.objectContaining({ kind: 'mediation', id: found._id }) })
    expect(file!.name).toMatch(/\.docx$/)
  }
})

it('leaves mediation/timeLimits nothing to do at seeding time', async () => {
  const report = await runJob(timeLimits, 'mediation', 'timeLimits', {
    db: store,
    storage: localFileStorage(dataDir),
    log: silentLogger,
    now: () => seededAt,
    ...localDelivery(store),
  })
  expect(report.processed).toBe(0)
})
