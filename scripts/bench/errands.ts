/**
 * Errand rows of `npm run bench`: a group leader's to-do (errands.todo), a villager's own requests
 * (errands.mine) and a town's figures over 12 months (errands.figures), each through the HTTP host
 * with its reads and its p95 against the no-op floor's (target ≤ 3×); and one run of the job
 * errands/deadlines over the whole data set with a fixed clock at which some requests are due
 * (target ≤ 2 s), on a copy of the store so the data set stays as seeded. Needs requests in the
 * store (server/seed/errand-history.ts, county-errands.ts); a data set without any gets no rows.
 */
import { copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { deadlines } from '../../cloudfunctions/errands/jobs'
import type { ErrandRecord } from '../../cloudfunctions/shared/errands/records'
import { silentLogger } from '../../cloudfunctions/shared/runtime/logger'
import { runJob } from '../../cloudfunctions/shared/runtime/run-job'
import { openStore } from '../../server/open-store'
import { localFileStorage } from '../../server/local-storage'
import { localDelivery } from '../../server/jobs/local-delivery'
import type { Measurement } from './measure'
import { measureCalls, summarise, timeOnce } from './measure'
import type { ScenarioContext } from './scenarios'

/** How many requests the timed job run finds due (its clock is set just past the N-th next check). */
const DUE = 300

const ratio = (row: Measurement, floor: Measurement) => `p95 ${(row.p95 / floor.p95).toFixed(1)}× floor`

export async function errandScenarios({ name, client, personas, store, runs, warmup }: ScenarioContext, floor: Measurement): Promise<Measurement[]> {
  const _ = store.command
  const { total } = await store.collection('errands').count()
  if (total === 0) return []
  const rows: Measurement[] = []
  const labelled = (row: Measurement, what: string) => ({ ...row, action: `${row.action}; ${what}; ${ratio(row, floor)}` })

  // The demo's leader persona if they have open requests, else the leader of the first group that has some.
  const leaderPersona = personas.find((persona) => persona.roles.includes('group_leader'))
  const openOf = async (groupId: string) => (await store.collection('errands').where({ groupId, open: true }).count()).total
  let leader: { id: string; groupId: string } | null =
    leaderPersona?.groupId && (await openOf(leaderPersona.groupId)) > 0 ? { id: leaderPersona.id, groupId: leaderPersona.groupId } : null
  if (!leader) {
    // Among the groups of the first requests with a next check, the one with the most open (a busy leader).
    const { data } = await store.collection<ErrandRecord>('errands').where({ open: true }).limit(200).get()
    let most = 0
    for (const groupId of [...new Set(data.map((errand) => errand.groupId))]) {
      const { data: group } = await store.collection<{ _id: string; leaderId: string | null }>('groups').doc(groupId).get()
      const open = group?.leaderId ? await openOf(groupId) : 0
      if (open > most) [most, leader] = [open, { id: group!.leaderId!, groupId }]
    }
  }
  if (leader) {
    const token = await client.login(leader.id)
    const { total: inGroup } = await store.collection('errands').where({ groupId: leader.groupId }).count()
    const open = await openOf(leader.groupId)
    rows.push(
      labelled(
        await measureCalls(name, 'errands.todo (a group leader, first page)', runs, warmup, () => client.callCost('errands', 'todo', {}, token)),
        `${open} open of the group's ${inGroup}`,
      ),
    )
  }

  // A villager with requests of their own (the most among the first group's villagers).
  const { data: some } = await store
    .collection<ErrandRecord>('errands')
    .where({ groupId: leader?.groupId ?? _.exists(true) })
    .limit(100)
    .get()
  const counts = new Map<string, number>()
  for (const errand of some) counts.set(errand.forPersonId, (counts.get(errand.forPersonId) ?? 0) + 1)
  const [villagerId, mine] = [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0] ?? [null, 0]
  if (villagerId) {
    const token = await client.login(villagerId)
    rows.push(labelled(await measureCalls(name, 'errands.mine (a villager, first page)', runs, warmup, () => client.callCost('errands', 'mine', {}, token)), `${mine} requests`))
  }

  const officer = personas.find((persona) => persona.roles.includes('town_officer'))
  if (officer) {
    const { data: person } = await store.collection<{ _id: string; townId: string | null }>('people').doc(officer.id).get()
    const townId = person?.townId
    if (townId) {
      const token = await client.login(officer.id)
      const { total: villages } = await store.collection('villages').where({ townId }).count()
      const { total: figures } = await store.collection('errandFigures').where({ townId }).count()
      rows.push(
        labelled(
          await measureCalls(name, 'errands.figures (a town, 12 months, by month and by village)', runs, warmup, () =>
            client.callCost('errands', 'figures', { scopeId: townId, months: 12 }, token),
          ),
          `${villages} villages, ${figures} counter docs in the town`,
        ),
      )
    }
  }
  return rows
}

/**
 * One run of errands/deadlines over the data set in `file`, on a copy, with the clock just past
 * the DUE-th earliest next check: what it processed and changed, its time and its reads and writes.
 */
export async function deadlinesRun(name: string, file: string): Promise<Measurement | null> {
  if (!existsSync(file)) return null
  const dir = mkdtempSync(join(tmpdir(), 'cunzu-bench-job-'))
  try {
    copyFileSync(file, join(dir, 'store.sqlite'))
    const store = await openStore(join(dir, 'store.sqlite'))
    try {
      const { data } = await store
        .collection<ErrandRecord>('errands')
        .where({ nextCheckAt: store.command.gt('') })
        .orderBy('nextCheckAt', 'asc')
        .limit(DUE)
        .get()
      if (data.length === 0) return null
      const at = new Date(Date.parse(data[data.length - 1].nextCheckAt!) + 1)
      const { total: open } = await store
        .collection('errands')
        .where({ nextCheckAt: store.command.gt('') })
        .count()
      const storage = localFileStorage(dir)
      const { ms, result } = await timeOnce(() =>
        store.metered(() =>
          runJob(deadlines, 'errands', 'deadlines', {
            db: store,
            storage,
            log: silentLogger,
            now: () => at,
            ...localDelivery(store),
          }),
        ),
      )
      const report = result.result
      const row = summarise(
        name,
        `errands/deadlines job, one run (clock ${at.toISOString()}: ${report.processed} due of ${open} with a next check, ${report.changed} changed, more: ${report.more}); target ≤ 2 s`,
        [ms],
        [{ reads: result.reads, writes: result.writes }],
      )
      return row
    } finally {
      store.close()
    }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}
