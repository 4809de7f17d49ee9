/**
 * A matter's life: draft → published → voting → closed → minuted. Published: discussion. Voting:
 * until closesAt, nothing before or after. Closed: the result is published. Minuted: the minutes
 * are locked; corrections are appended notes, never edits.
 */
export type MatterState = 'draft' | 'published' | 'voting' | 'closed' | 'minuted'
export type MatterStep = 'publish' | 'open' | 'close' | 'recordMinutes' | 'appendNote' | 'comment' | 'recuse' | 'settleTie'

const FROM: Record<MatterStep, readonly MatterState[]> = {
  publish: ['draft'],
  // Opening a draft publishes it on the way (a vote called at the meeting itself).
  open: ['draft', 'published'],
  close: ['voting'],
  recordMinutes: ['closed'],
  appendNote: ['minuted'],
  comment: ['published', 'voting', 'closed'],
  recuse: ['draft', 'published', 'voting'],
  settleTie: ['closed'],
}

const TO: Partial<Record<MatterStep, MatterState>> = { publish: 'published', open: 'voting', close: 'closed', recordMinutes: 'minuted' }

const STATE_WORDS: Record<MatterState, string> = { draft: '草稿', published: '已发布，讨论中', voting: '表决中', closed: '表决已结束', minuted: '已形成纪要' }

export function stepAllowed(step: MatterStep, state: MatterState): boolean {
  return FROM[step].includes(state)
}

/** The state after a step, or a refusal in plain words (409 at the function). */
export function afterStep(step: MatterStep, state: MatterState): { state: MatterState } | { problem: string } {
  if (!stepAllowed(step, state)) return { problem: `这个事项${STATE_WORDS[state]}，不能${STEP_WORDS[step]}` }
  return { state: TO[step] ?? state }
}

const STEP_WORDS: Record<MatterStep, string> = {
  publish: '发布',
  open: '开始表决',
  close: '结束表决',
  recordMinutes: '记录纪要',
  appendNote: '追加说明（纪要形成后才能追加）',
  comment: '发表意见',
  recuse: '登记回避',
  settleTie: '确定平票',
}

/** Is a vote accepted now? Only while voting and before closesAt (even if the job has not closed it yet). */
export function voteWindowProblem(state: MatterState, closesAt: string, now: Date): string | null {
  if (state !== 'voting') return `这个事项${STATE_WORDS[state]}，现在不能投票`
  // Written so that an unreadable closesAt (NaN) refuses rather than accepts.
  if (!(now.getTime() < Date.parse(closesAt))) return '表决已过截止时间'
  return null
}

export const MATTER_STATE_WORDS = STATE_WORDS
