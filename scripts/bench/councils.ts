/**
 * Council rows of `npm run bench`: a member's open matters (需要我表决), a vote, a village's published
 * results (村务公开, first page) and one closed matter, each through the HTTP host with its reads, and
 * its p95 against the no-op floor's. Needs matters in the store (the county's past matters, see
 * server/seed/county-matters.ts); a data set without any open vote gets no council rows.
 */
import { boardIdOf, councilIdOf, type BallotRecord, type BodyRecord, type MatterRecord } from '../../cloudfunctions/shared/councils/records'
import { readAll, readWhereIn } from '../../cloudfunctions/shared/records/read-all'
import type { PersonRecord } from '../../cloudfunctions/shared/records/records'
import type { Measurement } from './measure'
import { measureCalls } from './measure'
import type { ScenarioContext } from './scenarios'

/** p95 as a multiple of the floor's, for the action label (the target is ≤ 3×). */
const ratio = (row: Measurement, floor: Measurement) => `p95 ${(row.p95 / floor.p95).toFixed(1)}× floor`

/** A villager of the village who sits on neither of their bodies (sees only what is published). */
async function plainVillager(store: ScenarioContext['store'], villageId: string): Promise<{ id: string; groupId: string } | null> {
  const bodies = await readAll<BodyRecord>(store, 'councils', { villageId })
  const seated = new Set(bodies.flatMap((body) => body.members.map((member) => member.personId)))
  const group = bodies.find((body) => body.kind === 'group_council')?.groupId
  if (!group) return null
  const people = await readAll<PersonRecord>(store, 'people', { groupId: group })
  const person = people.find((candidate) => !seated.has(candidate._id) && candidate.birthDate < '2000')
  return person ? { id: person._id, groupId: group } : null
}

export async function councilScenarios({ name, client, personas, store, runs, warmup }: ScenarioContext, floor: Measurement): Promise<Measurement[]> {
  const _ = store.command
  const slotsOf = async (personId: string, voted: boolean) =>
    (await store.collection<BallotRecord>('ballots').where({ personId, open: true, voted, lost: null }).limit(100).get()).data
  // The persona with the most open votes waiting (the county's first group leader sits on the village board).
  let member: { id: string; villageId: string; waiting: number } | null = null
  for (const persona of personas) {
    const waiting = persona.villageId ? (await slotsOf(persona.id, false)).length : 0
    if (waiting > (member?.waiting ?? 0)) member = { id: persona.id, villageId: persona.villageId!, waiting }
  }
  if (!member) return []
  const rows: Measurement[] = []
  const labelled = (row: Measurement, what: string) => ({ ...row, action: `${row.action}; ${what}; ${ratio(row, floor)}` })

  const memberToken = await client.login(member.id)
  rows.push(
    labelled(
      await measureCalls(name, 'councils.matters to_vote (需要我表决, a board member)', runs, warmup, () =>
        client.callCost('councils', 'matters', { filter: 'to_vote' }, memberToken),
      ),
      `${member.waiting} open`,
    ),
  )

  // Someone who has voted on an open named ballot (the board's chair) changes their vote every call,
  // so each call writes (the slot, the counters, a chain link, an audit entry) and nobody's open
  // votes are used up; a repeated identical vote would write nothing, which the check below refuses.
  for (const persona of personas) {
    const slots = await slotsOf(persona.id, true)
    const matters = await readWhereIn<MatterRecord>(
      store,
      'matters',
      '_id',
      slots.map((slot) => slot.matterId),
    )
    const matter = matters.find((candidate) => candidate.ballot === 'named' && candidate.state === 'voting')
    if (!matter) continue
    const current = JSON.stringify(slots.find((slot) => slot.matterId === matter._id)?.choice)
    const choices = (matter.kind === 'motion' ? ['agree', 'oppose', 'abstain'] : matter.options.map((option) => [option.id]))
      .filter((choice) => JSON.stringify(choice) !== current)
      .slice(0, 2)
    const token = await client.login(persona.id)
    let turn = 0
    let fewestWrites = Infinity
    const row = await measureCalls(name, 'councils.vote (named ballot, the vote changed each call)', runs, warmup, async () => {
      const cost = await client.callCost('councils', 'vote', { matterId: matter._id, choice: choices[turn % 2] }, token)
      turn += 1
      fewestWrites = Math.min(fewestWrites, cost.writes)
      return cost
    })
    if (fewestWrites === 0) throw new Error('councils.vote wrote nothing: the benchmark would time a no-op')
    const { data: after } = await store.collection<MatterRecord>('matters').doc(matter._id).get()
    rows.push(labelled(row, `chain now ${after?.chain.length} links`))
    break
  }

  const villager = await plainVillager(store, member.villageId)
  if (villager) {
    const villagerToken = await client.login(villager.id)
    const published = async (where: Record<string, unknown>) =>
      (
        await store
          .collection('matters')
          .where({ ...where, public: true, state: _.in(['closed', 'minuted']) })
          .count()
      ).total
    const inVillage = await published({ villageId: member.villageId })
    const theirs = await published({ bodyId: _.in([councilIdOf(villager.groupId), boardIdOf(member.villageId)]) })
    const page = (await client.call('councils', 'matters', { filter: 'results', limit: 20 }, villagerToken)) as { items: Array<{ id: string; state: string }> }
    rows.push(
      labelled(
        await measureCalls(name, 'councils.matters results (村务公开, a villager, first page of 20)', runs, warmup, () =>
          client.callCost('councils', 'matters', { filter: 'results', limit: 20 }, villagerToken),
        ),
        `${theirs} results of their group council and village board (${inVillage} in the village), ${page.items.length} shown`,
      ),
    )
    const closed = page.items.find((item) => item.state === 'closed' || item.state === 'minuted')
    if (closed) {
      // The record holds: the seeded chain verifies as the actions' would.
      const check = (await client.call('councils', 'verify', { matterId: closed.id }, villagerToken)) as { ok: boolean; problems: string[] }
      if (!check.ok) throw new Error(`councils.verify ${closed.id}: ${check.problems.join('; ')}`)
      rows.push(
        labelled(
          await measureCalls(name, 'councils.matter (a closed matter, a villager)', runs, warmup, () =>
            client.callCost('councils', 'matter', { matterId: closed.id }, villagerToken),
          ),
          'chain verified',
        ),
      )
    }
  }

  // For comparison, not a target: the village secretary's results list spans every body of the village.
  const secretary = personas.find((persona) => persona.roles.includes('village_secretary') && persona.villageId === member.villageId)
  if (secretary) {
    const token = await client.login(secretary.id)
    const { total: bodies } = await store.collection('councils').where({ villageId: member.villageId }).count()
    rows.push(
      labelled(
        await measureCalls(name, 'councils.matters results (the village secretary, first page of 20)', runs, warmup, () =>
          client.callCost('councils', 'matters', { filter: 'results', limit: 20 }, token),
        ),
        `all ${bodies} bodies of the village`,
      ),
    )
  }
  return rows
}
