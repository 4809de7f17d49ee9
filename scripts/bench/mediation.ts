/**
 * Mediation rows of `npm run bench` (issue 11): a group leader's, a village secretary's and a town
 * officer's case list (`mediation.list`, first page), the town's dashboard (`mediation.dashboard`,
 * 12 months), a town officer opening one case (`mediation.case`: it also writes the view into the
 * case's audit trail) and writing a note in its work log (`mediation.log`), each through the HTTP
 * host with its reads and writes and its p95 against the no-op floor's (target ≤ 3×). The note row
 * puts the case and its list entries back as they were afterwards, so the data set stays as seeded
 * (the audit entries of the two writing rows stay). Needs cases in the store
 * (server/seed/demo-mediation.ts, county-mediation.ts); a data set without any gets no rows.
 */
import type { CaseRecord, EntryRecord } from '../../cloudfunctions/shared/mediation/records'
import { readAll } from '../../cloudfunctions/shared/records/read-all'
import type { GrantRecord, GroupRecord } from '../../cloudfunctions/shared/records/records'
import type { Measurement } from './measure'
import { measureCalls } from './measure'
import type { ScenarioContext } from './scenarios'

const ratio = (row: Measurement, floor: Measurement) => `p95 ${(row.p95 / floor.p95).toFixed(1)}× floor`

export async function mediationScenarios({ name, client, personas, store, runs, warmup }: ScenarioContext, floor: Measurement): Promise<Measurement[]> {
  const { total } = await store.collection('mediationCases').count()
  if (total === 0) return []
  const rows: Measurement[] = []
  const labelled = (row: Measurement, what: string) => ({ ...row, action: `${row.action}; ${what}; ${ratio(row, floor)}` })
  const onList = async (key: string) => ({
    all: (await store.collection('mediationEntries').where({ key }).count()).total,
    open: (await store.collection('mediationEntries').where({ key, open: true }).count()).total,
  })
  const listRow = async (personId: string, scope: 'group' | 'village' | 'town', who: string, key: string) => {
    const token = await client.login(personId)
    const counts = await onList(key)
    rows.push(
      labelled(
        await measureCalls(name, `mediation.list {scope: '${scope}'} (${who}, first page)`, runs, warmup, () => client.callCost('mediation', 'list', { scope }, token)),
        `${counts.all} cases on the list, ${counts.open} open`,
      ),
    )
  }

  // The demo's leader persona; else the leader of the group with the most cases among the first groups that have some.
  const leaderPersona = personas.find((persona) => persona.roles.includes('group_leader') && persona.groupId)
  if (leaderPersona) {
    const { data: group } = await store.collection<GroupRecord>('groups').doc(leaderPersona.groupId!).get()
    if (group?.leaderId === leaderPersona.id) await listRow(leaderPersona.id, 'group', 'a group leader', `group:${group._id}`)
  }

  const secretary = personas.find((persona) => persona.roles.includes('village_secretary') && persona.villageId)
  if (secretary) await listRow(secretary.id, 'village', 'a village secretary', `village:${secretary.villageId}`)

  const officer = personas.find((persona) => persona.roles.includes('town_officer'))
  const grants = officer ? await readAll<GrantRecord>(store, 'grants', { personId: officer.id }) : []
  const townGrant = grants.find((grant) => grant.role === 'town_officer' && grant.scope.level === 'town')
  const townId = townGrant?.scope.level === 'town' ? townGrant.scope.id : null
  if (!officer || !townId) return rows
  await listRow(officer.id, 'town', 'a town officer', `town:${townId}`)
  const token = await client.login(officer.id)
  const { total: villages } = await store.collection('villages').where({ townId }).count()
  const { data: open } = await store.collection<{ _id: string; counts: Record<string, number> }>('mediationOpen').doc(townId).get()
  rows.push(
    labelled(
      await measureCalls(name, 'mediation.dashboard (a town, 12 months)', runs, warmup, () => client.callCost('mediation', 'dashboard', { scopeId: townId, months: 12 }, token)),
      `${villages} villages, ${open?.counts.open ?? 0} open cases (${open?.counts.highRisk ?? 0} high-risk, ${open?.counts.overdue ?? 0} overdue)`,
    ),
  )

  // The first open case on the town's list: the officer opens it, then writes a note in its log.
  const { data: entries } = await store
    .collection<EntryRecord>('mediationEntries')
    .where({ key: `town:${townId}`, open: true })
    .limit(1)
    .get()
  const caseId = entries[0]?.caseId
  if (!caseId) return rows
  const { data: before } = await store.collection<CaseRecord>('mediationCases').doc(caseId).get()
  const keptEntries = await readAll<EntryRecord>(store, 'mediationEntries', { caseId })
  rows.push(
    labelled(
      await measureCalls(name, 'mediation.case (a town officer opens a case; writes the view to its audit trail)', runs, warmup, () =>
        client.callCost('mediation', 'case', { caseId }, token),
      ),
      `${before!.log.length} log entries, ${before!.parties.length} parties`,
    ),
  )
  try {
    rows.push(
      labelled(
        await measureCalls(name, 'mediation.log (a town officer writes a note)', runs, warmup, () =>
          client.callCost('mediation', 'log', { caseId, kind: 'note', note: '电话跟进，双方情绪稳定' }, token),
        ),
        `on ${keptEntries.length} lists`,
      ),
    )
  } finally {
    // As seeded again: the case without the notes, its entries as they were.
    const { _id, ...fields } = before!
    await store.collection('mediationCases').doc(_id).set(fields)
    for (const { _id: entryId, ...entry } of keptEntries) await store.collection('mediationEntries').doc(entryId).set(entry)
  }
  return rows
}
