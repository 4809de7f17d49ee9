/**
 * The county's past council matters, for benchmarks: 80,000 matters decided over the last three
 * years (8 per group council, the rest on the village boards), each public, closed or minuted, with
 * a ballot slot per member and its hash chain built link by link as the actions build it (created,
 * published, opened, a ballot or receipt per vote, sealed for secret ballots, closed, minuted), so
 * `verify` holds on every one. Plus open matters still voting: three on each village board and one
 * on each village's first group council, so "需要我表决" has something. Seeded: the same every time.
 * Needs the councils of `seedCounty`; runs once per store (a meta document marks it).
 */
import type { NewDoc } from '../../cloudfunctions/shared/db/port'
import { linkIdOf } from '../../cloudfunctions/shared/councils/chain-store'
import { GENESIS, nextLink } from '../../cloudfunctions/shared/domain/councils/chain'
import { outcomeOf, tallyOf, type Choice, type TallyInput } from '../../cloudfunctions/shared/domain/councils/tally'
import type { BallotFields, BodyRecord, MatterFields } from '../../cloudfunctions/shared/councils/records'
import { readAll, readWhereIn } from '../../cloudfunctions/shared/records/read-all'
import type { PersonRecord, VillageRecord } from '../../cloudfunctions/shared/records/records'
import type { EmbeddedStore } from '../embedded-store/embedded-store'
import { SeededRandom } from './random'

export const COUNTY_MATTERS_DOC_ID = 'seed:county-matters'
export const COUNTY_MATTERS_SHAPE = { past: 80_000, perGroupCouncil: 8, openPerBoard: 3, openPerFirstCouncil: 1 }

const DAY = 24 * 60 * 60 * 1000
const TEMPLATES = [
  { template: '村规民约修订', title: '修订村规民约第{n}条', rule: 'two_thirds' as const },
  { template: '一事一议公益项目', title: '一事一议：{n}号路段硬化', rule: 'majority' as const },
  { template: '环境整治', title: '河塘清淤和垃圾分类（第{n}次）', rule: 'majority' as const },
  { template: '评先评优', title: '评选{n}年度好婆媳', rule: 'majority' as const },
]

export interface CountyMattersSummary {
  matters: number
  pastMatters: number
  openMatters: number
  ballots: number
  links: number
  seconds: number
}

interface Voter {
  personId: string
  name: string
}

/** The next link, as appendLinks stores it (`_id` `<matterId>|<seq>`), and the new head. */
function appendLink(links: NewDoc[], matterId: string, head: { hash: string; length: number }, at: string, type: string, payload: unknown) {
  const link = nextLink(head, type, at, payload)
  links.push({ _id: linkIdOf(matterId, link.seq), matterId, ...link })
  return { hash: link.hash, length: link.seq + 1 }
}

interface Built {
  matter: NewDoc
  ballots: NewDoc[]
  links: NewDoc[]
}

/** One matter, its slots and its chain, as the actions would have left them. */
function buildMatter(
  random: SeededRandom,
  id: string,
  body: BodyRecord,
  voters: Voter[],
  chair: Voter,
  index: number,
  times: { createdAt: number; openedAt: number; closesAt: number },
  past: boolean,
): Built {
  const template = TEMPLATES[index % TEMPLATES.length]
  const secret = past && random.chance(0.05)
  const kind: MatterFields['kind'] = !secret && random.chance(0.1) ? 'choice' : 'motion'
  const options = kind === 'choice' ? ['方案一', '方案二', '方案三'].map((label, n) => ({ id: `o${n + 1}`, label, personId: null })) : []
  const iso = (ms: number) => new Date(ms).toISOString()
  const title = template.title.replace('{n}', String(index + 1))
  const text = `${body.name}就「${title}」征求意见并表决。`
  const closesAt = iso(times.closesAt)
  const ballot: MatterFields['ballot'] = secret ? 'secret' : 'named'
  const matter: MatterFields = {
    bodyId: body._id,
    bodyKind: body.kind,
    bodyName: body.name,
    townId: body.townId,
    villageId: body.villageId,
    groupId: body.groupId,
    title,
    text,
    kind,
    ballot,
    options,
    maxChoices: 1,
    places: 1,
    rule: kind === 'motion' ? template.rule : 'majority',
    reasonToOppose: false,
    public: true,
    template: template.template,
    state: 'voting',
    createdBy: { id: chair.personId, name: chair.name },
    createdAt: iso(times.createdAt),
    publishedAt: iso(times.openedAt),
    openedAt: iso(times.openedAt),
    closesAt,
    closedAt: null,
    nonStanding: [],
    recusals: [],
    voterIds: voters.map((voter) => voter.personId),
    electorateGroupId: null,
    eligible: voters.length,
    voted: 0,
    tally: Object.fromEntries((kind === 'motion' ? ['agree', 'oppose', 'abstain'] : options.map((option) => option.id)).map((key) => [key, 0])),
    result: null,
    chain: { hash: GENESIS, length: 0 },
    reminded: past,
    minutes: null,
    notes: [],
  }
  const links: NewDoc[] = []
  const append = (at: number, type: string, payload: unknown) => {
    matter.chain = appendLink(links, id, matter.chain, iso(at), type, payload)
  }
  append(times.createdAt, 'created', {
    bodyId: body._id,
    title,
    text,
    kind,
    ballot,
    options,
    rule: matter.rule,
    closesAt,
    nonStanding: [],
  })
  append(times.openedAt, 'published', { by: chair.personId })
  append(times.openedAt, 'opened', { voters: voters.map((voter) => voter.personId), closesAt })

  // Past matters: most members vote; open ones: only the chair has voted so far.
  const slots: BallotFields[] = voters.map((voter) => ({
    matterId: id,
    voterId: voter.personId,
    personId: voter.personId,
    name: voter.name,
    villageId: body.villageId,
    open: !past,
    closesAt,
    voted: false,
    choice: null,
    reason: null,
    recordedByChair: false,
    lost: null,
    reminded: false,
  }))
  let at = times.openedAt
  for (const slot of slots) {
    if (past ? !random.chance(0.9) : slot.personId !== chair.personId) continue
    const roll = random.next()
    const choice: Choice = kind === 'choice' ? [random.pick(options).id] : roll < 0.75 ? 'agree' : roll < 0.9 ? 'oppose' : 'abstain'
    at += random.int(60_000, 6 * 60 * 60 * 1000)
    slot.voted = true
    for (const key of Array.isArray(choice) ? choice : [choice]) matter.tally[key] += 1
    matter.voted += 1
    if (secret) {
      append(at, 'receipt', { voterId: slot.voterId })
    } else {
      slot.choice = choice
      append(at, 'ballot', { voterId: slot.voterId, choice, reason: null, recordedBy: null, note: null })
    }
  }
  if (past) {
    const input: TallyInput = {
      kind,
      ballot,
      rule: matter.rule,
      optionIds: options.map((option) => option.id),
      winners: matter.places,
      slots: slots.map((slot) => ({ voterId: slot.voterId, voted: slot.voted, choice: slot.choice, lost: slot.lost })),
      secretCounts: secret ? matter.tally : undefined,
    }
    const outcome = outcomeOf(input, Object.fromEntries(options.map((option) => [option.id, option.label])))
    const counted = tallyOf(input)
    const byChair = random.chance(0.5)
    const closedAt = byChair ? Math.min(times.closesAt, at + DAY) : times.closesAt
    const how = byChair ? `${chair.name} 宣布结束` : '到截止时间自动结束'
    if (secret) append(closedAt, 'sealed', { tally: matter.tally, receipts: counted.voted })
    append(closedAt, 'closed', { how, eligible: counted.eligible, voted: counted.voted, tally: counted.tally, result: outcome })
    Object.assign(matter, { state: 'closed', closedAt: new Date(closedAt).toISOString(), result: outcome, eligible: counted.eligible, voted: counted.voted, tally: counted.tally })
    // Most results end in minutes (a tie waits for the chair, so stays closed).
    if (!outcome.tie && random.chance(0.7)) {
      const minutes = {
        attendees: voters.map((voter) => voter.name),
        summary: `${body.name}讨论了「${title}」。`,
        decisions: outcome.statement,
        recordedAt: iso(closedAt + DAY),
        recordedBy: chair.name,
      }
      append(closedAt + DAY, 'minuted', minutes)
      Object.assign(matter, { state: 'minuted', minutes })
    }
  }
  return {
    matter: { _id: id, ...matter },
    ballots: slots.map((slot) => ({ _id: `${id}|${slot.voterId}`, ...slot })),
    links,
  }
}

/** How many past matters each village's board holds, so the county adds up to `past` exactly. */
function boardShares(villages: number, groups: number): number[] {
  const rest = COUNTY_MATTERS_SHAPE.past - groups * COUNTY_MATTERS_SHAPE.perGroupCouncil
  return Array.from({ length: villages }, (_, index) => Math.floor(rest / villages) + (index < rest % villages ? 1 : 0))
}

/** Seeds the matters into a county store that has its councils; does nothing when already there. */
export async function seedCountyMatters(store: EmbeddedStore, now = new Date(), onVillage?: (done: number) => void): Promise<CountyMattersSummary | null> {
  const { data: marker } = await store.collection('meta').doc(COUNTY_MATTERS_DOC_ID).get()
  if (marker) return null
  const started = process.hrtime.bigint()
  const villages = (await readAll<VillageRecord>(store, 'villages', {})).sort((a, b) => a._id.localeCompare(b._id))
  const { total: groupCount } = await store.collection('councils').where({ kind: 'group_council' }).count()
  const shares = boardShares(villages.length, groupCount)
  const summary = { matters: 0, pastMatters: 0, openMatters: 0, ballots: 0, links: 0 }
  const random = new SeededRandom(4242)
  const nowMs = now.getTime()
  for (const [villageIndex, village] of villages.entries()) {
    const bodies = await readAll<BodyRecord>(store, 'councils', { villageId: village._id })
    const people = await readWhereIn<PersonRecord>(
      store,
      'people',
      '_id',
      bodies.flatMap((body) => body.members.map((member) => member.personId)),
    )
    const nameOf = new Map(people.map((person) => [person._id, person.name]))
    const board = bodies.find((body) => body.kind === 'village_board')!
    const councils = bodies.filter((body) => body.kind === 'group_council' && body.chairId).sort((a, b) => a._id.localeCompare(b._id))
    const plan: Array<{ body: BodyRecord; past: number; open: number }> = [
      { body: board, past: shares[villageIndex], open: COUNTY_MATTERS_SHAPE.openPerBoard },
      ...councils.map((body, index) => ({ body, past: COUNTY_MATTERS_SHAPE.perGroupCouncil, open: index === 0 ? COUNTY_MATTERS_SHAPE.openPerFirstCouncil : 0 })),
    ]
    const batch = { matters: [] as NewDoc[], ballots: [] as NewDoc[], matterLinks: [] as NewDoc[] }
    for (const { body, past, open } of plan) {
      const voters = body.members.map((member) => ({ personId: member.personId, name: nameOf.get(member.personId) ?? member.personId }))
      const chair = voters.find((voter) => voter.personId === body.chairId) ?? voters[0]
      for (let index = 0; index < past + open; index += 1) {
        const isPast = index < past
        // Past matters spread over three years, oldest first; open ones opened yesterday and close in 90 days.
        const createdAt = isPast ? nowMs - (3 * 365 - Math.floor(((index + 0.5) * 3 * 365) / past)) * DAY - random.int(2, 20) * DAY : nowMs - 2 * DAY
        const openedAt = isPast ? createdAt + random.int(1, 5) * DAY : nowMs - DAY
        const closesAt = isPast ? openedAt + 7 * DAY : nowMs + 90 * DAY
        const id = `cm-${body._id}-${String(index + 1).padStart(4, '0')}`
        const built = buildMatter(random, id, body, voters, chair, index, { createdAt, openedAt, closesAt }, isPast)
        batch.matters.push(built.matter)
        batch.ballots.push(...built.ballots)
        batch.matterLinks.push(...built.links)
        summary[isPast ? 'pastMatters' : 'openMatters'] += 1
      }
    }
    store.bulkWrite(batch)
    summary.matters += batch.matters.length
    summary.ballots += batch.ballots.length
    summary.links += batch.matterLinks.length
    onVillage?.(villageIndex + 1)
  }
  const seconds = Math.round(Number(process.hrtime.bigint() - started) / 1e7) / 100
  store.bulkWrite({ meta: [{ _id: COUNTY_MATTERS_DOC_ID, seededAt: now.toISOString(), ...summary, seconds }] })
  return { ...summary, seconds }
}
