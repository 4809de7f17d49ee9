/**
 * The mediation ladder (老娘舅 → 村 → 镇) and a case's states, as pure decisions. A case starts at the
 * group it was opened in and only goes up: by its handler with a reason, at once when a high-risk
 * flag is raised (`petition`, `violence`, `mass`: to the village, and the town is told), or when a
 * level's time limit passes (each level at most once; at the town an expired limit marks it overdue).
 * At each new level it waits to be signed for (签收). States:
 * awaiting_signature → mediating → agreed → closed; a failed follow-up reopens agreed or closed to
 * mediating. Who is asking is said as the level they handle the case at; the function finds it.
 */
export type Level = 'group' | 'village' | 'town'
export type CaseState = 'awaiting_signature' | 'mediating' | 'agreed' | 'closed'
export type Risk = 'petition' | 'violence' | 'mass' | 'vulnerable'
export type Outcome = 'resolved' | 'referred' | 'failed' | 'withdrawn'

export const LEVELS: readonly Level[] = ['group', 'village', 'town']
export const HIGH_RISKS: readonly Risk[] = ['petition', 'violence', 'mass']
const LEVEL_WORDS: Record<Level, string> = { group: '组里', village: '村里', town: '镇里' }
const STATE_WORDS: Record<CaseState, string> = { awaiting_signature: '等待签收', mediating: '正在调解', agreed: '已达成协议', closed: '已办结' }

export type Refusal = { code: 'CONFLICT' | 'FORBIDDEN'; message: string }
export const refused = (decision: object): decision is Refusal => 'code' in decision

export const rank = (level: Level) => LEVELS.indexOf(level)
export const levelAbove = (level: Level): Level | null => LEVELS[rank(level) + 1] ?? null
export const isHighRisk = (risks: readonly Risk[]) => risks.some((risk) => HIGH_RISKS.includes(risk))
/** Open: on someone's list, its clocks running (an agreed case waits on performance and follow-up). */
export const isOpenState = (state: CaseState) => state !== 'closed'
/** The level's time limit runs while the case waits to be signed for or is being mediated. */
export const limitRuns = (state: CaseState) => state === 'awaiting_signature' || state === 'mediating'

export interface LadderFacts {
  level: Level
  state: CaseState
  /** Levels whose handlers see the case (reached, or told of a high-risk flag). */
  levels: readonly Level[]
  risks: readonly Risk[]
  outcome: Outcome | null
}

/** Where a step leaves the case, and which levels see it afterwards. */
export interface Move {
  level: Level
  state: CaseState
  levels: Level[]
}

function withLevel(levels: readonly Level[], ...more: Level[]): Level[] {
  return LEVELS.filter((level) => levels.includes(level) || more.includes(level))
}

const below = (facts: LadderFacts, by: Level) => rank(by) < rank(facts.level)

/** A handler signs for the case at its current level (a handler of a higher level may sign for it too). */
export function signFor(facts: LadderFacts, by: Level): Move | Refusal {
  if (facts.state !== 'awaiting_signature') return { code: 'CONFLICT', message: `这个案件${STATE_WORDS[facts.state]}，不需要签收` }
  if (below(facts, by)) return { code: 'FORBIDDEN', message: `已上报到${LEVEL_WORDS[facts.level]}，由${LEVEL_WORDS[facts.level]}签收` }
  return { level: facts.level, state: 'mediating', levels: [...facts.levels] }
}

/** Up one level by hand, with a reason: the next level signs for it. */
export function escalate(facts: LadderFacts, by: Level): Move | Refusal {
  if (!limitRuns(facts.state)) return { code: 'CONFLICT', message: `这个案件${STATE_WORDS[facts.state]}，不能再上报` }
  if (below(facts, by)) return { code: 'FORBIDDEN', message: `已上报到${LEVEL_WORDS[facts.level]}` }
  const up = levelAbove(facts.level)
  if (!up) return { code: 'CONFLICT', message: '已在镇里调解，不能再上报；调解不成可以引导当事人走诉讼、仲裁等途径' }
  return { level: up, state: 'awaiting_signature', levels: withLevel(facts.levels, up) }
}

/** What newly raised flags do: a high-risk one at the group sends the case to the village; the town is told; violence also tells the police liaison. */
export interface RiskPlan {
  risks: Risk[]
  /** The case moves to the village (it was at the group and a high-risk flag is new). */
  move: Move | null
  tellTown: boolean
  tellPolice: boolean
}

export function raiseRisks(facts: LadderFacts, raised: readonly Risk[]): RiskPlan | Refusal {
  if (facts.state === 'closed') return { code: 'CONFLICT', message: '这个案件已办结' }
  const added = [...new Set(raised)].filter((risk) => !facts.risks.includes(risk))
  const risks = [...facts.risks, ...added]
  const highNow = added.some((risk) => HIGH_RISKS.includes(risk))
  if (!highNow) return { risks, move: null, tellTown: false, tellPolice: false }
  const toVillage = facts.level === 'group' && limitRuns(facts.state)
  const levels = withLevel(facts.levels, 'village', 'town')
  return {
    risks,
    move: toVillage ? { level: 'village', state: 'awaiting_signature', levels } : { level: facts.level, state: facts.state, levels },
    tellTown: true,
    tellPolice: added.includes('violence'),
  }
}

/** A level's time limit has passed: up one level, or at the town, overdue. */
export function limitPassed(facts: LadderFacts): { move: Move } | { overdue: true } | null {
  if (!limitRuns(facts.state)) return null
  const up = levelAbove(facts.level)
  if (!up) return { overdue: true }
  return { move: { level: up, state: 'awaiting_signature', levels: withLevel(facts.levels, up) } }
}

/** Recorded by a handler of the current level or above (the group's leader once the village took it over: 403). */
export function recordAgreement(facts: LadderFacts, by: Level): Move | Refusal {
  if (facts.state === 'awaiting_signature') return { code: 'CONFLICT', message: '请先签收，再记录调解协议' }
  if (facts.state !== 'mediating') return { code: 'CONFLICT', message: `这个案件${STATE_WORDS[facts.state]}` }
  if (below(facts, by)) return { code: 'FORBIDDEN', message: `已上报到${LEVEL_WORDS[facts.level]}，由${LEVEL_WORDS[facts.level]}记录协议` }
  return { level: facts.level, state: 'agreed', levels: [...facts.levels] }
}

/**
 * Closing: `resolved` needs an agreement (an oral one may be recorded in a minute); `failed` needs
 * a mediation to have been tried; `withdrawn` and `referred` (to court, arbitration, a department)
 * are open to a case not yet signed for. By a handler of the current level or above.
 */
export function close(facts: LadderFacts, outcome: Outcome, by: Level): Move | Refusal {
  if (facts.state === 'closed') return { code: 'CONFLICT', message: '这个案件已办结' }
  if (outcome === 'resolved' && facts.state !== 'agreed') return { code: 'CONFLICT', message: '调解成功要先记录调解协议（口头协议也可以记录）' }
  if (outcome === 'failed' && facts.state === 'awaiting_signature') return { code: 'CONFLICT', message: '还没有签收调解，不能记为调解不成' }
  if (below(facts, by)) return { code: 'FORBIDDEN', message: `已上报到${LEVEL_WORDS[facts.level]}，由${LEVEL_WORDS[facts.level]}办结` }
  return { level: facts.level, state: 'closed', levels: [...facts.levels] }
}

/** A failed follow-up reopens an agreed case, or a closed one that had been resolved. */
export function reopen(facts: LadderFacts): Move | Refusal {
  if (facts.state === 'agreed' || (facts.state === 'closed' && facts.outcome === 'resolved')) return { level: facts.level, state: 'mediating', levels: [...facts.levels] }
  return { code: 'CONFLICT', message: facts.state === 'closed' ? '这个案件没有调解成功，不能重新调解' : '还没有达成协议' }
}

/** Follow-up visits (回访) check an agreement's performance: after agreed, or after closing as resolved. */
export function mayFollowUp(facts: LadderFacts): boolean {
  return facts.state === 'agreed' || (facts.state === 'closed' && facts.outcome === 'resolved')
}
