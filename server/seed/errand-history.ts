/**
 * A village's errand history (代理代办) over the 12 months before `now`, as the actions and the job
 * errands/deadlines would have left it: requests for catalog items weighted by how often villages
 * use them, some filed by the group leader for a villager (with consent), each step in order (signed
 * for, materials collected, handed on, done, rated or called back; a few returned and answered,
 * some late and escalated, a few cancelled), cut at `now`, so recent ones are still open or wait for
 * a rating. dueAt comes from the real clock and working-day calendar, `open`/`nextCheckAt` from the
 * real `derived`; numbers `<village short name><year>-NNNN` follow the submissions, with the year's
 * `counters` doc. The figures counters and the village's item use counts are computed from the same
 * requests, so they equal a recount. No audit entries or notices are written. Seeded: the same every time.
 */
import { errandIdOf } from '../../cloudfunctions/errands/submit'
import type { NewDoc } from '../../cloudfunctions/shared/db/port'
import { addWorkingDays, isWorkingDay, workingDaysBetween, type CalendarAdjustments } from '../../cloudfunctions/shared/domain/calendar/working-days'
import { SAMPLE_CATALOG, type CatalogEntry } from '../../cloudfunctions/shared/domain/errands/catalog'
import { CALLBACK_AFTER_DAYS, DEFAULT_TOWN_AFTER_DAYS, dueAtFor, lastWorkingDayBefore, resumedDueAt } from '../../cloudfunctions/shared/domain/errands/clock'
import { EMPTY_COUNTS, type ErrandFields, type ErrandFigureRecord, type FigureCounts, type Rating } from '../../cloudfunctions/shared/errands/records'
import { derived } from '../../cloudfunctions/shared/errands/steps'
import { SeededRandom } from './random'

const HOUR = 60 * 60 * 1000
const DAY = 24 * HOUR
const BEIJING = 8 * HOUR
const SYSTEM = { id: null, name: '系统督办' }
const RATING_WORDS: Record<Rating, string> = { satisfied: '满意', fair: '基本满意', unsatisfied: '不满意' }

/** How often villages ask for each item (the rest weigh 1): certificates, pension checks and insurance lead. */
const POPULARITY: Record<string, number> = {
  'ss-medical-pay': 16,
  'ss-pension-cert': 14,
  'gs-certificate': 11,
  'hh-residence-proof': 9,
  'gs-utility-pay': 8,
  'hj-elder-checkup': 7,
  'ss-medical-claim': 6,
  'gs-facility-repair': 5,
  'ss-elder-allowance': 5,
  'ag-subsidy': 5,
  'hh-id-appoint': 4,
  'ss-social-card': 4,
  'ag-crop-insurance': 3,
  'ca-care-register': 3,
  'ss-pension-enrol': 3,
  'hj-birth-register': 2,
  'ag-disaster': 2,
  'gs-mediation': 2,
  'ca-hardship': 2,
}
const ITEMS: CatalogEntry[] = SAMPLE_CATALOG.flatMap((category) => category.items)
const WEIGHTS = ITEMS.map((item) => POPULARITY[item.id] ?? 1)
const WEIGHT_TOTAL = WEIGHTS.reduce((sum, weight) => sum + weight, 0)

export interface HistoryVillage {
  townId: string
  villageId: string
  villageName: string
  groups: ReadonlyArray<{ _id: string; name: string; leaderId: string | null }>
  /** The village's villagers (with their group). */
  people: ReadonlyArray<{ _id: string; name: string; groupId: string | null }>
  /** Who signs for requests of groups without a leader (a village cadre). */
  staff: { id: string; name: string }
}

/** A request the caller wants in a given state (the demo's personas have something to see). */
export interface ForcedErrand {
  scenario: 'returned' | 'overdue' | 'overdue_town' | 'awaiting_rating'
  groupId: string
  personId?: string
}

export interface HistoryOptions {
  now: Date
  seed: number
  /** Requests per group over the year (inclusive range). */
  perGroup: [number, number]
  /** Extra recent requests per group still being handled now: 0, 1 or 2, with these chances of at least one and of two. */
  recentOpen?: [number, number]
  forced?: ForcedErrand[]
  adjustments: CalendarAdjustments
  townAfterDays?: number
}

export interface VillageHistory {
  errands: NewDoc[]
  counters: NewDoc[]
  settings: NewDoc
  /** Figure changes per request (month and delta), for a FigureTally. */
  figures: Array<{ errand: ErrandFields; changes: FigureChange[] }>
  open: number
}

type FigureChange = { month: string; delta: Partial<FigureCounts> }

/** The real clock's answers, remembered: they depend only on the Beijing day and the count. */
class Clock {
  private readonly adds = new Map<string, number>()
  private readonly betweens = new Map<string, number>()
  private readonly warns = new Map<number, number>()
  constructor(readonly adjustments: CalendarAdjustments) {}
  add(from: number, n: number, due = false): number {
    const key = `${dayOf(from)}|${n}`
    let at = this.adds.get(key)
    if (at === undefined) {
      at = (due ? dueAtFor(new Date(from), n, this.adjustments) : addWorkingDays(new Date(from), n, this.adjustments)).getTime()
      this.adds.set(key, at)
    }
    return at
  }
  between(from: number, to: number): number {
    const key = `${dayOf(from)}|${dayOf(to)}`
    let days = this.betweens.get(key)
    if (days === undefined) {
      days = workingDaysBetween(new Date(from), new Date(to), this.adjustments)
      this.betweens.set(key, days)
    }
    return days
  }
  warnAt(dueAt: number): number {
    let at = this.warns.get(dueAt)
    if (at === undefined) {
      at = lastWorkingDayBefore(new Date(dueAt), this.adjustments).getTime()
      this.warns.set(dueAt, at)
    }
    return at
  }
  working(day: string): boolean {
    return isWorkingDay(day, this.adjustments)
  }
}

const dayOf = (ms: number) => new Date(ms + BEIJING).toISOString().slice(0, 10)
/** monthOf (Beijing has no daylight saving: a fixed +8 hours), without dayjs's zone lookups 450,000 times. */
const monthKey = (ms: number) => dayOf(ms).slice(0, 7)
/** `minutes` after midnight of a Beijing day. */
const onDay = (day: string, minutes: number) => Date.parse(`${day}T00:00:00Z`) - BEIJING + minutes * 60_000
/** During office hours on the working day that ends at `end` (23:59:59 Beijing). */
const officeHoursOf = (end: number, random: SeededRandom) => onDay(dayOf(end), random.int(8 * 60 + 30, 17 * 60 + 30))

function pickItem(random: SeededRandom): CatalogEntry {
  let roll = random.next() * WEIGHT_TOTAL
  for (let index = 0; index < ITEMS.length; index += 1) {
    roll -= WEIGHTS[index]
    if (roll < 0) return ITEMS[index]
  }
  return ITEMS[ITEMS.length - 1]
}

interface Planned {
  t0: number
  item: CatalogEntry
  group: HistoryVillage['groups'][number]
  person: { _id: string; name: string }
  proxy: boolean
  /** A still-open recent one: done on its last day (or late), after now. */
  forced?: ForcedErrand['scenario'] | 'recent'
}

/** The working day `n` working days before today (0: today), at a random office-hours minute before `now`. */
function daysBack(clock: Clock, now: number, n: number, random: SeededRandom): number {
  let day = dayOf(now)
  for (let found = 0; ;) {
    if (clock.working(day)) {
      if (found === n) break
      found += 1
    }
    day = dayOf(Date.parse(`${day}T12:00:00Z`) - DAY)
  }
  const at = onDay(day, random.int(8 * 60 + 30, 16 * 60 + 30))
  return at < now ? at : now - random.int(1, 60) * 60_000
}

/** The steps of one request, applied up to `now`. */
function simulate(plan: Planned, id: string, number: string, clientKey: string, village: HistoryVillage, clock: Clock, now: number, townAfterDays: number, random: SeededRandom) {
  const { t0, item, group, person } = plan
  const leader = group.leaderId ? { id: group.leaderId, name: village.people.find((p) => p._id === group.leaderId)?.name ?? '组长' } : null
  const handler = leader ?? village.staff
  const iso = (ms: number) => new Date(ms).toISOString()
  const dueAt0 = clock.add(t0, item.days, true)
  const consentHow: 'app' | 'in_person' = random.chance(0.7) ? 'in_person' : 'app'
  const fields: ErrandFields = {
    number,
    clientKey,
    townId: village.townId,
    villageId: village.villageId,
    groupId: group._id,
    groupName: group.name,
    forPersonId: person._id,
    forName: person.name,
    filedById: plan.proxy ? leader!.id : person._id,
    filedByName: plan.proxy ? leader!.name : person.name,
    proxy: plan.proxy,
    consent: plan.proxy ? { how: consentHow, state: consentHow === 'in_person' ? 'given' : 'pending', note: consentHow === 'in_person' ? '村民当面同意，家属在场' : null } : null,
    itemId: item.id,
    itemName: item.name,
    days: item.days,
    materials: item.materials,
    handledBy: item.handledBy,
    inPerson: item.inPerson,
    note: null,
    photoIds: [],
    contactTime: random.chance(0.3) ? '上午' : null,
    visitAt: null,
    state: 'submitted',
    returnedFrom: null,
    returnedAt: null,
    handedTo: null,
    submittedAt: iso(t0),
    acceptFrom: null,
    acceptedAt: null,
    doneAt: null,
    closedAt: null,
    dueAt: iso(dueAt0),
    open: true,
    staffQueue: !group.leaderId,
    escalations: [],
    warned: false,
    callbackAsked: false,
    extension: null,
    rating: null,
    countedDone: false,
    steps: [],
    nextCheckAt: null,
  }
  const changes: FigureChange[] = [{ month: monthKey(t0), delta: { requests: 1 } }]
  const events: Array<{ at: number; apply: () => void }> = []
  const on = (at: number, apply: () => void) => events.push({ at, apply })
  const step = (kind: string, at: number, by: { id: string | null; name: string }, note: string | null = null) => fields.steps.push({ kind, at: iso(at), by, note, photoIds: [] })
  const villager = { id: person._id, name: person.name }

  on(t0, () => step(plan.proxy ? 'submitted_for' : 'submitted', t0, plan.proxy ? leader! : villager, plan.proxy ? '村民行动不便，组长代办' : null))
  if (plan.proxy && consentHow === 'app') {
    const at = t0 + random.int(10, 180) * 60_000
    on(at, () => {
      fields.consent = { ...fields.consent!, state: 'given' }
      step('consent', at, villager, '村民在手机上确认同意')
    })
  }
  const acceptedAt = t0 + random.int(15, 180) * 60_000
  const cancelled = !plan.forced && random.chance(0.02)
  if (cancelled) {
    on(acceptedAt, () => {
      fields.state = 'cancelled'
      step('cancelled', acceptedAt, handler, '村民已自行到镇便民服务中心办理')
    })
    return finish()
  }
  on(acceptedAt, () => {
    fields.state = 'accepted'
    fields.acceptedAt = iso(acceptedAt)
    step('accepted', acceptedAt, handler)
  })

  // A return for missing materials: the clock pauses by exactly the working days it waited.
  let dueAt = dueAt0
  let respondedAt = 0
  const returned = plan.forced === 'returned' || (!plan.forced && random.chance(0.04))
  if (returned) {
    const returnedAt = acceptedAt + random.int(20, 90) * 60_000
    respondedAt = plan.forced === 'returned' ? now + 30 * DAY : officeHoursOf(clock.add(returnedAt, random.int(1, 3)), random)
    on(returnedAt, () => {
      Object.assign(fields, { state: 'returned', returnedFrom: 'accepted', returnedAt: iso(returnedAt) })
      step('returned', returnedAt, handler, `材料不全：请补充${item.materials[item.materials.length - 1]}`)
    })
    const resumed = resumedDueAt(new Date(dueAt), new Date(returnedAt), new Date(respondedAt), clock.adjustments).getTime()
    on(respondedAt, () => {
      Object.assign(fields, { state: 'accepted', returnedFrom: null, returnedAt: null, dueAt: iso(resumed) })
      step('responded', respondedAt, villager, '已补充材料')
    })
    dueAt = resumed
  }

  // Done on a working day up to the deadline, or (some) late; recent open ones on their last day.
  const total = clock.between(t0, dueAt)
  const earliest = returned ? clock.between(t0, respondedAt) + 1 : 1
  let doneAt: number
  if (plan.forced === 'overdue' || plan.forced === 'overdue_town') doneAt = now + 3 * DAY
  else if (plan.forced === 'awaiting_rating') doneAt = now - random.int(2, 6) * HOUR
  else if (plan.forced === 'returned') doneAt = respondedAt + DAY
  else {
    const late = random.chance(plan.forced === 'recent' ? 0.15 : 0.07)
    const k = late ? total + random.int(1, 4) : plan.forced === 'recent' ? total : random.int(Math.min(total, Math.max(earliest, Math.ceil(total * 0.3))), total)
    doneAt = officeHoursOf(clock.add(t0, Math.max(k, earliest)), random)
  }
  doneAt = Math.max(doneAt, acceptedAt + HOUR)
  const span = doneAt - acceptedAt
  // Materials, then handing on, between signing for it (or the villager's answer to a return) and done.
  const resumedAt = returned ? respondedAt + 30 * 60_000 : acceptedAt
  let collectedAt = 0
  if (item.materials.length >= 3 || item.inPerson) {
    const at = Math.max(acceptedAt + Math.floor(span * 0.3), resumedAt)
    if (at < doneAt) {
      collectedAt = at
      on(at, () => ((fields.state = 'collected'), step('collected', at, handler, '材料已收齐')))
    }
  }
  const handOn: 'village' | 'town' | null = item.handledBy === 'town' ? 'town' : random.chance(0.3) ? 'village' : null
  if (handOn) {
    const at = Math.max(acceptedAt + Math.floor(span * 0.6), resumedAt, collectedAt + 30 * 60_000)
    if (at < doneAt)
      on(at, () => {
        Object.assign(fields, { state: 'handed_on', handedTo: handOn, staffQueue: true })
        step('handed_on', at, handler, handOn === 'town' ? '已转镇便民服务中心办理' : '已转村便民服务站办理')
      })
  }
  // The job: a warning on the last working day, escalations once overdue (it runs every 10 minutes).
  const warnAt = clock.warnAt(dueAt)
  if (doneAt > warnAt && warnAt < dueAt) on(warnAt + 10 * 60_000, () => ((fields.warned = true), step('warned', warnAt + 10 * 60_000, SYSTEM, '明天到期，请抓紧办理')))
  if (doneAt > dueAt) {
    const at = dueAt + 10 * 60_000
    on(at, () => {
      fields.escalations = [...fields.escalations, { level: 'village', at: iso(at) }]
      fields.staffQueue = true
      fields.warned = true
      step('escalated', at, SYSTEM, '已超期，督办到村')
    })
  }
  const townAt = clock.add(dueAt, townAfterDays) + 10 * 60_000
  if (doneAt > townAt || plan.forced === 'overdue_town') {
    const at = plan.forced === 'overdue_town' ? Math.min(townAt, now - 5 * 60_000) : townAt
    on(at, () => {
      fields.escalations = [...fields.escalations, { level: 'town', at: iso(at) }]
      step('escalated', at, SYSTEM, '超期仍未办好，督办到镇')
    })
  }
  on(doneAt, () => {
    const onTime = doneAt <= Date.parse(fields.dueAt)
    Object.assign(fields, { state: 'done', doneAt: iso(doneAt), countedDone: true })
    step('done', doneAt, handler, item.handledBy === 'town' ? '镇里已办结，结果已送到村民手里' : '已办好')
    changes.push({ month: monthKey(doneAt), delta: { personTimes: 1, onTime: onTime ? 1 : 0, daysTotal: clock.between(t0, doneAt) } })
  })

  // The call-back: the villager rates it, or after 3 working days the leader phones.
  const rateOnce = (after: number, rating: Rating, reopen: boolean) => {
    const byCallback = random.chance(0.12)
    let at: number
    if (byCallback) {
      const askedAt = clock.add(after, CALLBACK_AFTER_DAYS) + 10 * 60_000
      on(askedAt, () => ((fields.callbackAsked = true), step('callback_asked', askedAt, SYSTEM, '村民 3 个工作日未评价，请电话回访')))
      at = officeHoursOf(clock.add(askedAt, 1), random)
    } else {
      at = random.chance(0.4) ? after + random.int(1, 5) * HOUR : officeHoursOf(clock.add(after, random.int(1, 2)), random)
    }
    const words = RATING_WORDS[rating]
    const note = rating === 'unsatisfied' ? '办得太慢，材料跑了两趟' : null
    on(at, () => {
      changes.push({ month: monthKey(Date.parse(fields.doneAt!)), delta: { [rating]: 1 } })
      if (reopen) Object.assign(fields, { state: 'accepted', rating: null, doneAt: null })
      else Object.assign(fields, { state: 'closed', rating: { rating, note, by: byCallback ? 'callback' : 'villager', at: iso(at) }, closedAt: iso(at) })
      step(byCallback ? 'callback' : 'rated', at, byCallback ? handler : villager, `${byCallback ? '电话回访：' : ''}${words}${note ? `，${note}` : ''}`)
    })
    return at
  }
  if (plan.forced !== 'awaiting_rating') {
    const roll = random.next()
    const rating: Rating = roll < 0.86 ? 'satisfied' : roll < 0.97 ? 'fair' : 'unsatisfied'
    const ratedAt = rateOnce(doneAt, rating, rating === 'unsatisfied')
    if (rating === 'unsatisfied') {
      const againAt = ratedAt + random.int(60, 120) * 60_000
      on(againAt, () => (Object.assign(fields, { state: 'done', doneAt: iso(againAt) }), step('done', againAt, handler, '已上门说明情况，重新办好')))
      rateOnce(againAt, random.chance(0.6) ? 'fair' : 'satisfied', false)
    }
  }
  return finish()

  function finish() {
    events.sort((a, b) => a.at - b.at)
    for (const event of events) if (event.at <= now) event.apply()
    Object.assign(fields, derived(fields, clock.adjustments, townAfterDays))
    return { doc: { _id: id, ...fields } as NewDoc, fields, changes: changes.filter((change) => change.month) }
  }
}

/** One village's year of requests, its counters, its item use counts and the figure changes. */
export function errandHistory(village: HistoryVillage, options: HistoryOptions): VillageHistory {
  const random = new SeededRandom(options.seed)
  const clock = clockFor(options.adjustments)
  const now = options.now.getTime()
  const townAfterDays = options.townAfterDays ?? DEFAULT_TOWN_AFTER_DAYS
  const plans: Planned[] = []
  const byGroup = new Map<string, Array<{ _id: string; name: string }>>()
  for (const person of village.people) if (person.groupId) byGroup.set(person.groupId, [...(byGroup.get(person.groupId) ?? []), person])
  const planFor = (group: HistoryVillage['groups'][number], t0: number, forced?: Planned['forced'], personId?: string): Planned | null => {
    const people = byGroup.get(group._id) ?? []
    if (people.length === 0) return null
    const person = (personId && people.find((p) => p._id === personId)) || random.pick(people)
    const item = forced === 'overdue' || forced === 'overdue_town' ? ITEMS.find((entry) => entry.days === 5 && entry.handledBy === 'village')! : pickItem(random)
    const proxy = Boolean(group.leaderId) && person._id !== group.leaderId && !personId && random.chance(0.1)
    return { t0, item, group, person, proxy, forced }
  }
  for (const group of village.groups) {
    const count = random.int(options.perGroup[0], options.perGroup[1])
    for (let index = 0; index < count; index += 1) {
      // A working day in the last 12 months, in office hours.
      let day = dayOf(now - random.int(1, 365) * DAY)
      while (!clock.working(day)) day = dayOf(Date.parse(`${day}T12:00:00Z`) + DAY)
      const t0 = onDay(day, random.int(8 * 60 + 30, 17 * 60))
      if (t0 >= now) continue
      const plan = planFor(group, t0)
      if (plan) plans.push(plan)
    }
    const [one, two] = options.recentOpen ?? [0, 0]
    const recent = random.chance(one) ? (random.chance(two / Math.max(one, 1e-9)) ? 2 : 1) : 0
    for (let index = 0; index < recent; index += 1) {
      const plan = planFor(group, 0, 'recent')
      if (!plan) continue
      plan.t0 = daysBack(clock, now, random.int(0, Math.max(0, Math.min(plan.item.days - 1, 4))), random)
      plans.push(plan)
    }
  }
  for (const forced of options.forced ?? []) {
    const group = village.groups.find((candidate) => candidate._id === forced.groupId)!
    const plan = planFor(group, 0, forced.scenario, forced.personId)
    if (!plan) continue
    const back =
      forced.scenario === 'overdue' ? plan.item.days + 1 : forced.scenario === 'overdue_town' ? plan.item.days + townAfterDays + 2 : forced.scenario === 'returned' ? 2 : 3
    plan.t0 = daysBack(clock, now, back, random)
    plans.push(plan)
  }

  // Numbers run by year, in the order the requests came in.
  plans.sort((a, b) => a.t0 - b.t0)
  const short = village.villageName.replace(/村$/, '')
  const perYear = new Map<string, number>()
  const errands: NewDoc[] = []
  const figures: VillageHistory['figures'] = []
  const uses: Record<string, number> = {}
  let open = 0
  for (const [index, plan] of plans.entries()) {
    const year = dayOf(plan.t0).slice(0, 4)
    const n = (perYear.get(year) ?? 0) + 1
    perYear.set(year, n)
    const clientKey = `seed-${village.villageId}-${String(index + 1).padStart(5, '0')}`
    const filer = plan.proxy ? plan.group.leaderId! : plan.person._id
    const built = simulate(plan, errandIdOf(filer, clientKey), `${short}${year}-${String(n).padStart(4, '0')}`, clientKey, village, clock, now, townAfterDays, random)
    errands.push(built.doc)
    figures.push({ errand: built.fields, changes: built.changes })
    uses[plan.item.id] = (uses[plan.item.id] ?? 0) + 1
    if (built.fields.open) open += 1
  }
  return {
    errands,
    counters: [...perYear.entries()].map(([year, n]) => ({ _id: `errands:${village.villageId}:${year}`, n })),
    settings: { _id: village.villageId, items: {}, townAfterDays, uses },
    figures,
    open,
  }
}

const clocks = new WeakMap<CalendarAdjustments, Clock>()
function clockFor(adjustments: CalendarAdjustments): Clock {
  let clock = clocks.get(adjustments)
  if (!clock) {
    clock = new Clock(adjustments)
    clocks.set(adjustments, clock)
  }
  return clock
}

/** Figure counters added up as countFigures adds them (group, village and town per month). */
export class FigureTally {
  private readonly docs = new Map<string, ErrandFigureRecord>()
  constructor(private readonly levels: ReadonlyArray<ErrandFigureRecord['level']> = ['group', 'village', 'town']) {}

  add(errand: Pick<ErrandFields, 'groupId' | 'groupName' | 'villageId' | 'townId'>, villageName: string, change: FigureChange): void {
    const scopes = [
      { level: 'group' as const, scopeId: errand.groupId, label: errand.groupName, villageId: errand.villageId },
      { level: 'village' as const, scopeId: errand.villageId, label: villageName, villageId: errand.villageId },
      { level: 'town' as const, scopeId: errand.townId, label: '', villageId: null },
    ]
    for (const scope of scopes) {
      if (!this.levels.includes(scope.level)) continue
      const id = `${scope.level}:${scope.scopeId}:${change.month}`
      const doc = this.docs.get(id) ?? { _id: id, ...scope, townId: errand.townId, month: change.month, ...EMPTY_COUNTS }
      for (const [key, value] of Object.entries(change.delta)) doc[key as keyof FigureCounts] += value ?? 0
      this.docs.set(id, doc)
    }
  }

  addHistory(history: VillageHistory, villageName: string): void {
    for (const { errand, changes } of history.figures) for (const change of changes) this.add(errand, villageName, change)
  }

  toDocs(): NewDoc[] {
    return [...this.docs.values()] as unknown as NewDoc[]
  }
}
