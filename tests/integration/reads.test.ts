/**
 * What a call costs in reads, over the real store behind a counting Database: the caller is loaded
 * only for actions that need one, a place `allow` loaded is not read again by `run`, and an
 * override reads its village's facts once and runs the rules once.
 */
import { identityFunction } from '../../cloudfunctions/identity/actions'
import { partyGroupsFunction } from '../../cloudfunctions/partyGroups/actions'
import { rosterFunction } from '../../cloudfunctions/roster/actions'
import { loadCaller } from '../../cloudfunctions/shared/identity/load-caller'
import type { PartyGroupRecord, PersonRecord } from '../../cloudfunctions/shared/records/records'
import { invoke, type FunctionDefinition } from '../../cloudfunctions/shared/runtime/define-function'
import { silentLogger } from '../../cloudfunctions/shared/runtime/logger'
import { localFileStorage } from '../../server/local-storage'
import type { FunctionName } from '../../types'
import { countingReads, type CountingDatabase } from '../support/counting-database'
import { startTestHost, type TestHost } from '../support/test-host'

let host: TestHost
beforeAll(async () => {
  host = await startTestHost()
})
afterAll(async () => host.close())

const HEXING = 'v-hexing'
const secretaryId = () => host.personaWith((p) => p.roles.includes('village_secretary') && p.villageId === HEXING).id

/** One call through `invoke` over a counting view of the store; the caller's own reads are counted apart. */
async function counted<F extends FunctionName>(definition: FunctionDefinition<F>, action: string, data: unknown, personId: string | null) {
  const db = countingReads(host.store)
  const callerReads = countingReads(host.store)
  let callerLoads = 0
  const envelope = await invoke(
    definition,
    { action, data },
    {
      db,
      storage: localFileStorage(host.dataDir),
      requestId: 'reads',
      log: silentLogger,
      now: () => new Date(),
      caller: async () => {
        callerLoads += 1
        return personId ? loadCaller(callerReads, personId) : null
      },
      openId: null,
    },
  )
  return { envelope, db: db as CountingDatabase, callerLoads, callerReads: callerReads.reads.length }
}

it('never loads the caller for an anonymous action', async () => {
  const { envelope, callerLoads } = await counted(identityFunction, 'bindInvitation', { code: '12345678' }, secretaryId())
  expect(envelope).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } }) // no OPENID on the local host
  expect(callerLoads).toBe(0)
})

it('loads the caller once, in three reads, for a signed-in action', async () => {
  const { envelope, callerLoads, callerReads } = await counted(partyGroupsFunction, 'village', { villageId: HEXING }, secretaryId())
  expect(envelope.ok).toBe(true)
  expect([callerLoads, callerReads]).toEqual([1, 3])
})

it('reads the village once for allow and run together', async () => {
  const { envelope, db } = await counted(partyGroupsFunction, 'village', { villageId: HEXING }, secretaryId())
  expect(envelope.ok).toBe(true)
  expect(db.readsOf('villages')).toBe(1)
})

it('reads the group once for allow and run together', async () => {
  const { envelope, db } = await counted(rosterFunction, 'groupMembers', { groupId: 'v-hexing-g02' }, secretaryId())
  expect(envelope.ok).toBe(true)
  expect(db.readsOf('groups')).toBe(1)
})

it('an override reads the village, its groups, Party groups, points and overrides once, and answers what a fresh read shows', async () => {
  const { data: partyGroups } = await host.store.collection<PartyGroupRecord>('partyGroups').where({ villageId: HEXING }).limit(1000).get()
  const { data: people } = await host.store.collection<PersonRecord>('people').where({ villageId: HEXING }).limit(1000).get()
  const [partyGroup, appointee] = partyGroups
    .filter((candidate) => candidate.leaderId)
    .flatMap((candidate) =>
      people
        .filter((person) => person.partyMembership && person.groupId && candidate.groupIds.includes(person.groupId) && person._id !== candidate.leaderId)
        .map((person) => [candidate, person] as const),
    )[0]
  const override = { kind: 'APPOINT_LEADER', partyGroupId: partyGroup._id, leaderId: appointee._id, why: '数一数读了几次' }

  const { envelope, db } = await counted(partyGroupsFunction, 'override', { villageId: HEXING, override }, secretaryId())
  expect(envelope.ok).toBe(true)
  const once = ['villages', 'groups', 'partyGroups', 'servicePoints', 'partyGroupOverrides', 'towns']
  expect(once.map((name) => [name, db.readsOf(name)])).toEqual(once.map((name) => [name, 1]))
  // The appointee checked by run, the appointees the rules need, the new leader's name for the
  // villagers' notice, the names on the report.
  expect(db.readsOf('people')).toBe(4)
  expect(db.reads).toHaveLength(once.length + 4)

  // The report was drawn from what was written, not read back: it must match a fresh read.
  const fresh = await counted(partyGroupsFunction, 'village', { villageId: HEXING }, secretaryId())
  expect(envelope).toEqual(fresh.envelope)
  if (!envelope.ok) throw new Error('unreachable')
  const report = envelope.data as { partyGroups: Array<{ id: string; leader: { id: string } | null }> }
  expect(report.partyGroups.find((candidate) => candidate.id === partyGroup._id)?.leader?.id).toBe(appointee._id)
})
