/**
 * A request's life (代理代办): submitted → accepted (the group leader signs for it; with no group
 * leader, the village's cadres) → collected (materials) → handed_on (to the village or the town) →
 * done → closed (only after the villager's rating or a recorded call-back). Returned to the villager
 * (with a reason) it waits for them and goes back to where it was; cancelled ends it. Pure: who is
 * asking is said as a role, the function finds it.
 */
export type ErrandState = 'submitted' | 'accepted' | 'collected' | 'handed_on' | 'done' | 'closed' | 'returned' | 'cancelled'

/** Who takes a step: the group's leader, the village's cadres, or the villager it is for. */
export type StepBy = 'leader' | 'staff' | 'villager'

export interface ErrandFacts {
  state: ErrandState
  /** Where a returned request goes back to when the villager responds. */
  returnedFrom: ErrandState | null
  /** The villager's group has a leader (else the village's cadres sign for it). */
  groupHasLeader: boolean
  /** Handed on to the village or the town: its cadres finish it. */
  handedTo: 'village' | 'town' | null
}

export type StepRefusal = { code: 'CONFLICT' | 'FORBIDDEN'; message: string }

/** Where each state may go by `advance` (closing needs a rating or a call-back; a return needs the villager). */
export const ADVANCES: Readonly<Record<ErrandState, readonly ErrandState[]>> = {
  submitted: ['accepted', 'returned', 'cancelled'],
  accepted: ['collected', 'handed_on', 'done', 'returned', 'cancelled'],
  collected: ['handed_on', 'done', 'returned', 'cancelled'],
  handed_on: ['done', 'returned'],
  done: [],
  closed: [],
  returned: ['cancelled'],
  cancelled: [],
}

export const STATE_WORDS: Record<ErrandState, string> = {
  submitted: '已提交',
  accepted: '已签收',
  collected: '材料已收齐',
  handed_on: '已转办',
  done: '已办好',
  closed: '已办结',
  returned: '已退回',
  cancelled: '已取消',
}

/** The open states: the clock runs (except while returned) and the request is on someone's list. */
export const OPEN_STATES: readonly ErrandState[] = ['submitted', 'accepted', 'collected', 'handed_on', 'returned']

/** May `by` move the request to `to` now? The next state, or why not (409 for the state, 403 for the person). */
export function advance(facts: ErrandFacts, to: ErrandState, by: StepBy): { state: ErrandState } | StepRefusal {
  if (by === 'villager') return { code: 'FORBIDDEN', message: '这一步由组长或村干部办理' }
  if (to === 'closed') return { code: 'CONFLICT', message: '要等村民评价或电话回访后才能办结' }
  if (!ADVANCES[facts.state].includes(to)) return { code: 'CONFLICT', message: `这件事${STATE_WORDS[facts.state]}，不能改为“${STATE_WORDS[to]}”` }
  if (to === 'accepted' && facts.groupHasLeader && by !== 'leader') return { code: 'FORBIDDEN', message: '由本组组长签收' }
  if (to === 'accepted' && !facts.groupHasLeader && by !== 'staff') return { code: 'FORBIDDEN', message: '本组没有组长，由村干部签收' }
  if (facts.state === 'handed_on' && facts.handedTo && by !== 'staff' && to === 'returned') return { code: 'FORBIDDEN', message: '已转村（镇）办理，由村干部退回' }
  return { state: to }
}

/** The villager answers a return: back to where it was. */
export function respond(facts: ErrandFacts): { state: ErrandState } | StepRefusal {
  if (facts.state !== 'returned' || !facts.returnedFrom) return { code: 'CONFLICT', message: '这件事没有退回给您' }
  return { state: facts.returnedFrom }
}

/** Withdrawing consent cancels a proxy request that has not been handed on yet (nor returned from there). */
export function withdrawConsent(facts: ErrandFacts): { state: ErrandState } | StepRefusal {
  const handedOn = facts.state === 'handed_on' || (facts.state === 'returned' && facts.returnedFrom === 'handed_on')
  if (handedOn || facts.state === 'done' || facts.state === 'closed') return { code: 'CONFLICT', message: '已经转办或办好，不能撤回同意；请联系组长' }
  if (facts.state === 'cancelled') return { code: 'CONFLICT', message: '这件事已经取消' }
  return { state: 'cancelled' }
}

/** A rating after done: unsatisfied reopens it to the same handler; otherwise it closes. */
export function rate(facts: ErrandFacts, rating: 'satisfied' | 'fair' | 'unsatisfied'): { state: ErrandState } | StepRefusal {
  if (facts.state !== 'done') return { code: 'CONFLICT', message: facts.state === 'closed' ? '这件事已经办结' : '办好以后才能评价' }
  return { state: rating === 'unsatisfied' ? 'accepted' : 'closed' }
}
