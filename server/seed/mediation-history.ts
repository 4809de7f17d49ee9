/**
 * Mediation cases (老娘舅) as the function and its job would have left them, for the demo town and
 * the county data set. Each case is a script of handler steps (intake, signing for, contacts and
 * sessions, escalation, an agreement, closing, follow-up visits) played in time order up to `now`,
 * mirroring cloudfunctions/mediation's actions step for step and asking the same pure ladder; between
 * steps the clock does what mediation/timeLimits would have done when it fell due (its own
 * `planFor` over `dueEvents`: late starts told, a passed limit sending the case up or marking it
 * overdue at the town, the 30-day norm, the confirmation reminder, follow-ups due). The lists a case
 * is on, the open counters and the month figures come from the same helpers the function uses
 * (entryKeys/entryOf, openBuckets, nextCheckOf), so they equal a recount. No audit entries or
 * notices are written. Seeded: the same every time.
 */
import { CASE_LEVEL_LABEL, CASE_TYPE_LABEL, FOLLOW_UP_RESULT_LABEL, OUTCOME_LABEL, RISK_LABEL } from '../../types/functions/mediation'
import { planFor as timeLimitsPlan } from '../../cloudfunctions/mediation/jobs'
import type { NewDoc } from '../../cloudfunctions/shared/db/port'
import { confirmBy, DEFAULT_LIMITS, dueEvents, type Limits } from '../../cloudfunctions/shared/domain/mediation/clock'
import * as ladder from '../../cloudfunctions/shared/domain/mediation/ladder'
import type { Level, Outcome, Risk } from '../../cloudfunctions/shared/domain/mediation/ladder'
import { EMPTY_MONTH, type Agreement, type CaseFields, type CaseParty, type CaseType, type FollowUp, type MonthCounts } from '../../cloudfunctions/shared/mediation/records'
import { clockFacts, entryId, entryKeys, entryOf, ladderFacts, logEntry, nextCheckOf, openBuckets, type CaseOfficers } from '../../cloudfunctions/shared/mediation/steps'
import { caseIdOf } from '../../cloudfunctions/mediation/open'
import { SeededRandom } from './random'

const MINUTE = 60_000
const HOUR = 60 * MINUTE
const DAY = 24 * HOUR
const BEIJING = 8 * HOUR

/** Beijing month (a fixed +8 hours: no daylight saving), without dayjs's zone lookups 50,000 times. */
export const monthKey = (ms: number) => new Date(ms + BEIJING).toISOString().slice(0, 7)
const yearOf = (ms: number) => new Date(ms + BEIJING).toISOString().slice(0, 4)
const dayText = (ms: number) => new Date(ms + BEIJING).toISOString().slice(0, 10)

export interface MediationVillage {
  townId: string
  villageId: string
  villageName: string
  groups: ReadonlyArray<{ _id: string; name: string; leaderId: string | null }>
  /** The village's villagers (with their group and phone). */
  people: ReadonlyArray<{ _id: string; name: string; groupId: string | null; phone: string | null }>
  /** The village secretary and staff (the village level's handlers), first the one who usually acts. */
  cadres: ReadonlyArray<{ id: string; name: string }>
  /** The town's officers (the town level's handlers); none: the town's justice office, unnamed. */
  townOfficers: ReadonlyArray<{ id: string; name: string }>
  police: readonly string[]
  /** People never made a party (the demo's personas, whose screens tests look at). */
  notParties?: ReadonlySet<string>
}

type Actor = 'leader' | 'villager' | 'cadre'

/** One handler step, at `at` ms after intake. */
export type Step =
  | { at: number; do: 'sign' }
  | { at: number; do: 'log'; kind: 'contact' | 'informed' | 'session' | 'note'; note?: string; place?: string; outcome?: string }
  | { at: number; do: 'escalate'; reason: string }
  | { at: number; do: 'flag'; risks: Risk[]; note?: string }
  | { at: number; do: 'agree'; form: 'written' | 'oral'; signed: boolean }
  | { at: number; do: 'attachSigned' }
  | { at: number; do: 'close'; outcome: Outcome; note: string }
  | { at: number; do: 'schedule'; dueIn: number }
  | { at: number; do: 'followUp'; result: 'performed' | 'partly' | 'not_performed'; next: 'urge' | 'reopen' | 'court' | null; note: string }

export interface CaseScript {
  /** Intake time (ms). */
  openedAt: number
  groupId: string
  type: CaseType
  openedBy: Actor
  risks: Risk[]
  /** Parties from the group's villagers (plus an outsider for some types). */
  villagers: number
  outsider: boolean
  steps: Step[]
}

export interface VillageMediation {
  cases: NewDoc[]
  entries: NewDoc[]
  counters: NewDoc[]
  /** Month figure changes and open buckets per case, for a MediationTally. */
  tallies: Array<{ villageId: string; townId: string; months: Array<{ month: string; delta: Partial<MonthCounts> }>; buckets: string[] }>
  /** The cases with an agreement (their document is made by the caller, when it has somewhere to keep it). */
  agreements: Array<{ caseId: string; doc: CaseFields & { _id: string } }>
  open: number
  highRisk: number
  overdue: number
}

// ── What happened, in words ──────────────────────────────────────────────────────────────────

const STORIES: Record<CaseType, Array<{ what: string; duty: string; outsider?: string }>> = {
  neighbours: [
    { what: '两户宅基地交界处的排水沟被填平，雨天积水倒灌，双方多次争吵', duty: '恢复排水沟原状，疏通至河沟' },
    { what: '邻居家散养的鸡鸭进菜地，啄坏青菜和蚕豆，双方口角', duty: '圈养家禽，赔偿菜地损失 300 元' },
    { what: '屋后竹林遮挡采光，要求砍伐，对方不同意', duty: '砍除靠近住房的一排竹子，留出两米间距' },
    { what: '翻建新房时脚手架搭进邻居院子，墙面被砸出裂缝', duty: '修补墙面裂缝，承担修补费用' },
  ],
  family: [
    { what: '兄弟两家为赡养老母亲的费用分担发生争执', duty: '兄弟二人每月各付给母亲生活费 600 元，轮流照料' },
    { what: '父亲去世后，兄妹为老宅继承分配意见不一', duty: '老宅由长子居住，另付给妹妹折价款 3 万元' },
    { what: '婆媳矛盾激化，儿媳要求分家另过', duty: '分灶吃饭，老人住东厢房，儿子每月付赡养费' },
  ],
  land: [
    { what: '承包地界桩被移动，两户对地界有争议', duty: '按二轮承包合同重新打桩定界' },
    { what: '土地流转租金到期未付，承包户要求解约收回土地', duty: '一个月内付清拖欠的流转费' },
    { what: '灌溉渠改道占用责任田约半分，要求补偿', duty: '按每年每亩 1000 元标准补偿占地' },
  ],
  labour: [
    { what: '在本村建筑队干活，工钱 8000 元被拖欠半年', duty: '分两次付清拖欠工钱 8000 元', outsider: '建筑队包工头' },
    { what: '帮工时从梯子上摔伤，医药费由谁承担有争议', duty: '承担医药费的七成，计 4200 元' },
  ],
  project: [
    { what: '电网线路施工占用责任田，青苗补偿标准有争议', duty: '按县定标准补偿青苗费，另付地面附着物补偿', outsider: '电网施工队' },
    { what: '道路拓宽工程拆除围墙，补偿没谈拢', duty: '重建围墙或按评估价补偿', outsider: '镇交通建设项目部' },
    { what: '光伏项目租用屋顶，第二年租金未按时支付', duty: '付清拖欠租金，今后按季度支付', outsider: '光伏安装公司' },
  ],
  other: [
    { what: '养狗扰民，夜间吠叫，邻里多次投诉', duty: '夜间把狗关在屋内，出门拴绳' },
    { what: '办喜事占道搭棚三天，与邻居发生口角', duty: '当面道歉，今后占道事先商量' },
  ],
}

const SESSION_PLACES = ['村委会调解室', '组长家', '当事人家门口', '村便民服务中心']

// ── One case, step by step ───────────────────────────────────────────────────────────────────

interface Handler {
  id: string | null
  name: string
}

class CaseSim {
  readonly months: Array<{ month: string; delta: Partial<MonthCounts> }> = []
  constructor(
    readonly c: CaseFields,
    private readonly village: MediationVillage,
    private readonly leader: Handler | null,
    private readonly limits: Limits,
    private readonly officers: CaseOfficers,
    private readonly story: { what: string; duty: string },
  ) {}

  handlerAt(level: Level): { id: string; name: string } {
    if (level === 'group' && this.leader?.id) return { id: this.leader.id, name: this.leader.name }
    if (level === 'town') return this.village.townOfficers[0] ?? { id: `${this.village.townId}-justice`, name: '镇司法所' }
    return this.village.cadres[0]
  }

  private touch(at: number) {
    this.c.updatedAt = new Date(at).toISOString()
    this.c.nextCheckAt = nextCheckOf(this.c, this.limits)
  }

  private log(kind: string, at: number, by: Handler, extra: Parameters<typeof logEntry>[4] = {}) {
    this.c.log = [...this.c.log, logEntry(`l${this.c.log.length + 1}`, kind, new Date(at), by, extra)]
  }

  /** What mediation/timeLimits would have done up to `until`, run a few minutes after each check falls due. */
  clock(until: number) {
    for (let guard = 0; guard < 20 && this.c.nextCheckAt; guard += 1) {
      const due = Date.parse(this.c.nextCheckAt)
      if (due >= until) return
      const at = Math.min(due + 5 * MINUTE, until)
      const plan = timeLimitsPlan({ _id: '', ...this.c }, dueEvents(clockFacts(this.c, this.limits), new Date(at)), new Date(at), this.officers, this.limits)
      if (!plan) {
        this.c.nextCheckAt = nextCheckOf(this.c, this.limits)
        if (this.c.nextCheckAt && Date.parse(this.c.nextCheckAt) <= due) return
        continue
      }
      Object.assign(this.c, plan.update)
      this.touch(at)
    }
  }

  /** Plays one step (false: the ladder refuses it now, and the script stops). */
  play(step: Step, at: number): boolean {
    const c = this.c
    const iso = new Date(at).toISOString()
    const facts = ladderFacts(c)
    // The clock may have sent the case up meanwhile: the new level's handler signs for it first.
    const needsHandler = (step.do === 'log' && step.kind !== 'note') || step.do === 'agree' || (step.do === 'close' && step.outcome === 'failed')
    if (needsHandler && c.state === 'awaiting_signature' && !this.play({ at: step.at, do: 'sign' }, at)) return false
    const by = this.handlerAt(c.level)
    switch (step.do) {
      case 'sign': {
        // Signed for at intake already (a leader's own case, or a cadre's where the group has no leader).
        if (c.state === 'mediating' && c.signedAt) return true
        const move = ladder.signFor(facts, c.level)
        if (ladder.refused(move)) return false
        Object.assign(c, { state: move.state, signedAt: iso, signedBy: by })
        this.log('signed', at, by, { note: `${CASE_LEVEL_LABEL[c.level]}签收` })
        break
      }
      case 'log': {
        if (c.state === 'closed') return false
        const contact = step.kind !== 'note'
        if (contact && c.state === 'awaiting_signature') return false
        this.log(step.kind, at, by, {
          note: step.note ?? null,
          attendees: step.kind === 'session' ? [by.name, ...c.parties.slice(0, 3).map((party) => party.name)] : [],
          place: step.place ?? null,
          outcome: step.outcome ?? null,
        })
        if (contact && !c.firstContactAt) c.firstContactAt = iso
        if (contact && c.firstContactHours === null) {
          const hours = Math.max(0, Math.round(((at - Date.parse(c.openedAt)) / HOUR) * 10) / 10)
          c.firstContactHours = hours
          this.months.push({ month: monthKey(at), delta: { firstContacts: 1, firstContactHoursTotal: hours } })
        }
        if (step.kind === 'informed' && !c.informedAt) c.informedAt = iso
        break
      }
      case 'escalate': {
        const move = ladder.escalate(facts, c.level)
        if (ladder.refused(move)) return false
        const from = c.level
        Object.assign(c, arrival(move, iso))
        c.escalations = [...c.escalations, { from, to: move.level, reason: step.reason, at: iso, by: 'handler', byName: by.name }]
        this.log('escalated', at, by, { note: `上报到${CASE_LEVEL_LABEL[move.level]}：${step.reason}` })
        break
      }
      case 'flag': {
        const plan = ladder.raiseRisks(facts, step.risks)
        if (ladder.refused(plan)) return false
        const added = plan.risks.filter((risk) => !c.risks.includes(risk))
        if (added.length === 0) return true
        const moved = plan.move !== null && plan.move.level !== c.level
        const words = added.map((risk) => RISK_LABEL[risk]).join('、')
        const from = c.level
        c.risks = plan.risks
        if (plan.move) Object.assign(c, moved ? arrival(plan.move, iso) : { levels: plan.move.levels })
        if (moved) c.escalations = [...c.escalations, { from, to: plan.move!.level, reason: `标记了高风险：${words}`, at: iso, by: 'risk', byName: by.name }]
        this.log('flagged', at, by, { note: `风险：${words}${step.note ? `。${step.note}` : ''}` })
        break
      }
      case 'agree': {
        const move = ladder.recordAgreement(facts, c.level)
        if (ladder.refused(move)) return false
        const story = this.story
        const respondent = c.parties.find((party) => party.role === 'respondent') ?? c.parties[c.parties.length - 1]
        const performBy = dayText(at + 20 * DAY)
        const effective = step.form === 'oral' || step.signed
        const agreement: Agreement = {
          form: step.form,
          terms: { facts: c.description, dispute: CASE_TYPE_LABEL[c.type], obligations: [{ party: respondent.name, duty: story.duty, how: null, where: null, by: performBy }] },
          performBy,
          recordedAt: iso,
          recordedBy: by,
          effectiveAt: effective ? iso : null,
          // Made by the seed's caller when it has somewhere to keep files (demo-mediation.ts); else none.
          documentFileId: '',
          signedFileId: null,
          confirmBy: effective ? confirmBy(new Date(at)).toISOString() : null,
          confirmReminded: false,
        }
        Object.assign(c, { state: move.state, agreement })
        this.log('agreed', at, by, { note: step.form === 'written' ? '达成书面调解协议' : '达成口头调解协议' })
        break
      }
      case 'attachSigned': {
        const agreement = c.agreement
        if (agreement?.form === 'written' && agreement.effectiveAt) return true
        if (!agreement || agreement.form !== 'written') return false
        c.agreement = { ...agreement, effectiveAt: iso, confirmBy: confirmBy(new Date(at)).toISOString() }
        this.log('signed_agreement', at, by, { note: '上传签字的协议书，协议生效' })
        break
      }
      case 'close': {
        const move = ladder.close(facts, step.outcome, c.level)
        if (ladder.refused(move)) return false
        const first = !c.countedClosed
        Object.assign(c, { state: move.state, outcome: step.outcome, closedAt: iso, closeNote: step.note, countedClosed: true })
        this.log('closed', at, by, { note: `${OUTCOME_LABEL[step.outcome]}：${step.note}` })
        if (first) this.months.push({ month: monthKey(at), delta: { closed: 1, resolved: step.outcome === 'resolved' ? 1 : 0 } })
        break
      }
      case 'schedule': {
        if (!ladder.mayFollowUp(facts)) return false
        const visit: FollowUp = {
          id: `f${c.followUps.length + 1}`,
          dueAt: new Date(at + step.dueIn).toISOString(),
          note: '看看协议履行情况',
          scheduledBy: by,
          doneAt: null,
          result: null,
          next: null,
          resultNote: null,
          reminded: false,
        }
        c.followUps = [...c.followUps, visit]
        break
      }
      case 'followUp': {
        const visit = c.followUps.find((one) => !one.doneAt)
        if (!visit || !ladder.mayFollowUp(facts)) return false
        const followUps = c.followUps.map((one) => (one.id === visit.id ? { ...one, doneAt: iso, result: step.result, next: step.next, resultNote: step.note } : one))
        this.log('follow_up', at, by, { note: `回访：${FOLLOW_UP_RESULT_LABEL[step.result]}。${step.note}` })
        c.followUps = followUps
        if (step.next === 'reopen') {
          const move = ladder.reopen(facts)
          if (ladder.refused(move)) return false
          Object.assign(c, { state: move.state, outcome: null, closedAt: null, closeNote: null, levelSince: iso, overdue: false, lateStartTold: true, normTold: false })
        } else if (step.next === 'court') {
          if (!c.countedClosed) this.months.push({ month: monthKey(at), delta: { closed: 1 } })
          Object.assign(c, { state: 'closed', outcome: 'referred', closedAt: iso, closeNote: `已告知当事人可以向人民法院起诉：${step.note}`, countedClosed: true })
        }
        break
      }
    }
    this.touch(at)
    return true
  }
}

function arrival(move: ladder.Move, iso: string) {
  return { level: move.level, levels: move.levels, state: move.state, levelSince: iso, signedAt: null, signedBy: null, firstContactAt: null, lateStartTold: false }
}

// ── A village's cases ────────────────────────────────────────────────────────────────────────

/** Plays each script up to `now`; numbers `<village short name>调<year>-NNNN` follow the intakes. */
export function mediationHistory(village: MediationVillage, scripts: CaseScript[], options: { now: Date; seed: number; limits?: Limits }): VillageMediation {
  const random = new SeededRandom(options.seed)
  const limits = options.limits ?? DEFAULT_LIMITS
  const now = options.now.getTime()
  const byGroup = new Map<string, MediationVillage['people'][number][]>()
  const handlers = new Set([...village.cadres.map((cadre) => cadre.id), ...village.groups.flatMap((group) => (group.leaderId ? [group.leaderId] : []))])
  for (const person of village.people) {
    if (!person.groupId || handlers.has(person._id) || village.notParties?.has(person._id)) continue
    byGroup.set(person.groupId, [...(byGroup.get(person.groupId) ?? []), person])
  }
  const names = new Map(village.people.map((person) => [person._id, person.name]))
  const groups = new Map(village.groups.map((group) => [group._id, group]))
  const short = village.villageName.replace(/村$/, '')
  const perYear = new Map<string, number>()
  const result: VillageMediation = { cases: [], entries: [], counters: [], tallies: [], agreements: [], open: 0, highRisk: 0, overdue: 0 }
  const sorted = scripts.filter((script) => script.openedAt < now).sort((a, b) => a.openedAt - b.openedAt)
  for (const [index, script] of sorted.entries()) {
    const group = groups.get(script.groupId)!
    const people = byGroup.get(group._id) ?? []
    if (people.length < script.villagers) continue
    const leader = group.leaderId ? { id: group.leaderId, name: names.get(group.leaderId) ?? '组长' } : null
    const officers: CaseOfficers = {
      leaderId: group.leaderId,
      cadres: village.cadres.map((cadre) => cadre.id),
      town: village.townOfficers.map((officer) => officer.id),
      police: [...village.police],
    }
    const chosen: typeof people = []
    while (chosen.length < script.villagers) {
      const person = random.pick(people)
      if (!chosen.includes(person)) chosen.push(person)
    }
    const storyAt = random.int(0, 99)
    const stories = STORIES[script.type]
    const story = stories[storyAt % stories.length]
    const parties: CaseParty[] = chosen.map((person, at) => ({
      personId: person._id,
      name: person.name,
      phone: person.phone,
      role: at === 0 ? 'applicant' : at === 1 ? 'respondent' : 'other',
      groupId: group._id,
      groupName: group.name,
    }))
    if (script.outsider)
      parties.push({
        personId: null,
        name: story.outsider ?? '外村当事人',
        phone: `1390000${String(random.int(0, 9999)).padStart(4, '0')}`,
        role: 'respondent',
        groupId: null,
        groupName: null,
      })
    const opener: { id: string; name: string } =
      script.openedBy === 'leader' && leader ? leader : script.openedBy === 'villager' ? { id: chosen[0]._id, name: chosen[0].name } : village.cadres[0]
    const signsNow = (script.openedBy === 'leader' && Boolean(leader)) || (script.openedBy === 'cadre' && !leader)
    const partyIds = [...new Set([...chosen.map((person) => person._id), ...(script.openedBy === 'villager' && !signsNow ? [opener.id] : [])])]
    const year = yearOf(script.openedAt)
    const n = (perYear.get(year) ?? 0) + 1
    perYear.set(year, n)
    const clientKey = `seed-${village.villageId}-${String(index + 1).padStart(5, '0')}`
    const iso = new Date(script.openedAt).toISOString()
    const c: CaseFields = {
      number: `${short}调${year}-${String(n).padStart(4, '0')}`,
      clientKey,
      townId: village.townId,
      villageId: village.villageId,
      villageName: village.villageName,
      groupId: group._id,
      groupName: group.name,
      type: script.type,
      parties,
      partyIds,
      description: story.what,
      photoIds: [],
      source: null,
      risks: [],
      openedAt: iso,
      openedBy: opener,
      level: 'group',
      levels: ['group'],
      state: signsNow ? 'mediating' : 'awaiting_signature',
      levelSince: iso,
      signedAt: signsNow ? iso : null,
      signedBy: signsNow ? opener : null,
      firstContactAt: null,
      firstContactHours: null,
      lateStartTold: false,
      limitEscalated: [],
      overdue: false,
      extraDays: 0,
      extensions: [],
      normTold: false,
      escalations: [],
      informedAt: null,
      log: [logEntry('l1', 'opened', new Date(script.openedAt), opener, { note: `受理：${CASE_TYPE_LABEL[script.type]}` })],
      agreement: null,
      followUps: [],
      outcome: null,
      closedAt: null,
      closeNote: null,
      updatedAt: iso,
      countedClosed: false,
      nextCheckAt: null,
    }
    if (script.risks.length) {
      const plan = ladder.raiseRisks({ level: 'group', state: c.state, levels: ['group'], risks: [], outcome: null }, script.risks)
      if (!ladder.refused(plan)) {
        c.risks = plan.risks
        if (plan.move) {
          c.levels = plan.move.levels
          if (plan.move.level !== c.level) {
            Object.assign(c, { level: plan.move.level, state: plan.move.state, signedAt: null, signedBy: null })
            const words = script.risks.map((risk) => RISK_LABEL[risk]).join('、')
            c.escalations = [{ from: 'group', to: 'village', reason: `标记了高风险：${words}`, at: iso, by: 'risk', byName: opener.name }]
          }
        }
      }
    }
    const sim = new CaseSim(c, village, leader, limits, officers, story)
    sim.months.push({ month: monthKey(script.openedAt), delta: { opened: 1 } })
    c.nextCheckAt = nextCheckOf(c, limits)
    for (const step of [...script.steps].sort((a, b) => a.at - b.at)) {
      const at = script.openedAt + step.at
      if (at >= now) break
      sim.clock(at)
      if (!sim.play(step, at)) break
    }
    sim.clock(now)
    const id = caseIdOf(opener.id, clientKey)
    const doc = { _id: id, ...c }
    result.cases.push(doc as NewDoc)
    for (const key of entryKeys(c, Boolean(group.leaderId))) result.entries.push({ _id: entryId(key, id), ...entryOf(key, id, c, limits) } as NewDoc)
    const buckets = openBuckets(c)
    result.tallies.push({ villageId: c.villageId, townId: c.townId, months: sim.months, buckets })
    if (c.agreement) result.agreements.push({ caseId: id, doc })
    if (c.state !== 'closed') result.open += 1
    if (buckets.includes('highRisk')) result.highRisk += 1
    if (buckets.includes('overdue')) result.overdue += 1
  }
  result.counters = [...perYear.entries()].map(([year, n]) => ({ _id: `mediation:${village.villageId}:${year}`, n }))
  return result
}

/** The open counters and month figures, added up as countOpen and countMonth add them (village and town). */
export class MediationTally {
  private readonly open = new Map<string, Record<string, number>>()
  private readonly months = new Map<string, MonthCounts & { scopeId: string; month: string }>()
  constructor(private readonly scopes: ReadonlyArray<'village' | 'town'> = ['village', 'town']) {}

  add(history: VillageMediation): void {
    for (const tally of history.tallies) {
      const scopeIds = this.scopes.map((scope) => (scope === 'village' ? tally.villageId : tally.townId))
      for (const scopeId of scopeIds) {
        const counts = this.open.get(scopeId) ?? {}
        for (const bucket of tally.buckets) counts[bucket] = (counts[bucket] ?? 0) + 1
        this.open.set(scopeId, counts)
        for (const { month, delta } of tally.months) {
          const id = `${scopeId}:${month}`
          const doc = this.months.get(id) ?? { scopeId, month, ...EMPTY_MONTH }
          for (const [key, value] of Object.entries(delta)) doc[key as keyof MonthCounts] += value ?? 0
          this.months.set(id, doc)
        }
      }
    }
  }

  openDocs(): NewDoc[] {
    return [...this.open.entries()].map(([scopeId, counts]) => ({ _id: scopeId, scopeId, counts }))
  }

  figureDocs(): NewDoc[] {
    return [...this.months.entries()].map(([_id, doc]) => ({ _id, ...doc }))
  }
}

// ── Scripts for ordinary cases ───────────────────────────────────────────────────────────────

const TYPE_WEIGHTS: Array<[CaseType, number]> = [
  ['neighbours', 34],
  ['family', 22],
  ['land', 18],
  ['labour', 8],
  ['project', 6],
  ['other', 12],
]

function pickType(random: SeededRandom): CaseType {
  let roll = random.next() * 100
  for (const [type, weight] of TYPE_WEIGHTS) {
    roll -= weight
    if (roll < 0) return type
  }
  return 'other'
}

const h = (hours: number) => hours * HOUR
const d = (days: number) => days * DAY

/**
 * A typical case opened at `openedAt`: most settled at the group within days (an oral or written
 * agreement, some with a follow-up visit), some taken up to the village or the town, a few flagged
 * high-risk, some that fail, are referred or withdrawn, a few left to run past their limit.
 */
export function randomScript(random: SeededRandom, groupId: string, openedAt: number): CaseScript {
  const type = pickType(random)
  const roll = random.next()
  const openedBy: Actor = roll < 0.68 ? 'leader' : roll < 0.9 ? 'villager' : 'cadre'
  const outsider = (type === 'project' || type === 'labour') && random.chance(0.7)
  const risks: Risk[] = []
  if (random.chance(0.035)) risks.push(random.pick<Risk>(['petition', 'petition', 'mass', 'violence']))
  if (random.chance(0.05)) risks.push('vulnerable')
  const steps: Step[] = []
  let t = 0
  const later = (min: number, max: number) => (t += random.int(Math.round(min / MINUTE), Math.round(max / MINUTE)) * MINUTE)
  const handle = () => {
    steps.push({ at: later(h(0.5), h(20)), do: 'sign' })
    steps.push({ at: later(h(0.2), h(3)), do: 'log', kind: 'informed', note: '告知调解的性质、原则和效力，双方同意调解' })
    steps.push({ at: later(h(0.1), h(6)), do: 'log', kind: 'contact', note: '分别找双方了解情况' })
  }
  const session = (outcome: string) => steps.push({ at: later(d(1), d(4)), do: 'log', kind: 'session', place: random.pick(SESSION_PLACES), outcome })
  // Intake; a villager's request (or a cadre's for a group with a leader) waits to be signed for.
  if (openedBy === 'leader' && !risks.some((risk) => ladder.HIGH_RISKS.includes(risk))) {
    steps.push({ at: later(h(0.1), h(5)), do: 'log', kind: 'informed', note: '告知调解的性质、原则和效力，双方同意调解' })
    steps.push({ at: later(h(0.1), h(4)), do: 'log', kind: 'contact', note: '上门了解情况' })
  } else handle()
  const up = random.next()
  const ends = random.next()
  const finish = (level: string) => {
    if (ends < 0.06) {
      session('双方分歧太大，没有谈拢')
      steps.push({ at: later(h(2), d(3)), do: 'close', outcome: 'failed', note: '双方各执己见，调解不成，已告知可以向人民法院起诉' })
      return
    }
    if (ends < 0.11) {
      steps.push({ at: later(h(2), d(3)), do: 'close', outcome: 'referred', note: type === 'labour' ? '引导申请劳动仲裁' : '属法院受理范围，已引导起诉' })
      return
    }
    if (ends < 0.15) {
      steps.push({ at: later(h(2), d(4)), do: 'close', outcome: 'withdrawn', note: '双方自行和解，申请人撤回' })
      return
    }
    session(`${level}主持调解，双方基本达成一致`)
    const written = random.chance(type === 'neighbours' || type === 'other' ? 0.35 : 0.7)
    steps.push({ at: later(h(0.5), h(3)), do: 'agree', form: written ? 'written' : 'oral', signed: written && random.chance(0.6) })
    if (written) steps.push({ at: later(h(1), d(2)), do: 'attachSigned' })
    const visit = random.chance(0.45)
    if (visit) steps.push({ at: later(MINUTE, h(1)), do: 'schedule', dueIn: d(random.int(7, 20)) })
    const visitAt = t
    steps.push({ at: later(d(1), d(6)), do: 'close', outcome: 'resolved', note: '协议已履行' })
    if (visit) {
      const due = (steps.find((step) => step.do === 'schedule') as { dueIn: number }).dueIn
      const failed = random.chance(0.06)
      steps.push({
        at: Math.max(t + h(1), visitAt + due + random.int(0, 48) * HOUR),
        do: 'followUp',
        result: failed ? 'not_performed' : 'performed',
        next: failed ? (random.chance(0.5) ? 'reopen' : 'court') : null,
        note: failed ? '对方没有按协议履行' : '协议已履行，双方满意',
      })
      if (failed) {
        t = steps[steps.length - 1].at
        steps.push({ at: later(d(1), d(4)), do: 'log', kind: 'session', place: random.pick(SESSION_PLACES), outcome: '再次调解，对方答应履行' })
        steps.push({ at: later(h(1), h(3)), do: 'agree', form: 'oral', signed: false })
        steps.push({ at: later(d(1), d(5)), do: 'close', outcome: 'resolved', note: '重新调解后已履行' })
      }
    }
  }
  const highRisk = risks.some((risk) => ladder.HIGH_RISKS.includes(risk))
  if (highRisk) {
    // Already at the village: the secretary signs for it (handle() above); some go on to the town.
    if (up < 0.3) {
      session('村里调解未果')
      steps.push({ at: later(h(2), d(2)), do: 'escalate', reason: '涉及人数多，需要镇里协调' })
      handle()
      finish('镇里')
    } else finish('村里')
  } else if (up < 0.1) {
    session('组里调解未果')
    steps.push({ at: later(h(2), d(2)), do: 'escalate', reason: '组里调解不成，请村里出面' })
    handle()
    if (random.chance(0.2)) {
      session('村里调解未果')
      steps.push({ at: later(h(2), d(2)), do: 'escalate', reason: '需要镇里相关部门协调' })
      handle()
      finish('镇里')
    } else finish('村里')
  } else if (up < 0.115) {
    // Taken up to the town quickly, then stuck there past its limit and the 30-day norm.
    steps.push({ at: later(h(2), d(2)), do: 'escalate', reason: '组里调解不成，请村里出面' })
    handle()
    steps.push({ at: later(h(2), d(2)), do: 'escalate', reason: '涉及多个部门，需要镇里协调' })
    handle()
    steps.push({ at: later(d(16), d(25)), do: 'log', kind: 'session', place: '镇司法所', outcome: '镇里组织调解，双方仍有分歧' })
    steps.push({ at: later(d(5), d(20)), do: 'close', outcome: random.chance(0.5) ? 'failed' : 'referred', note: '多次调解不成，已引导双方通过诉讼解决' })
  } else if (up < 0.16) {
    // Left at the group too long: the clock sends it up after 7 days, and the village takes it on.
    t = d(random.int(8, 12))
    finish('村里')
  } else if (up < 0.19 && openedBy !== 'leader') {
    // Nobody signed for it in the group: the clock sends it up after 7 days; the village takes it on.
    steps.length = 0
    t = d(8) + h(random.int(1, 30))
    handle()
    finish('村里')
  } else finish('组长')
  return { openedAt, groupId, type, openedBy, risks, villagers: type === 'project' || type === 'labour' ? 1 : 2, outsider: outsider || type === 'project', steps }
}
