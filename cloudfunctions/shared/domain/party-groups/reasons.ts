/**
 * Reason codes and the words shown to villagers and cadres. The words are the article's own
 * (seed/haimen-1234-method.zh.txt): "党小组长一般由村民小组长担任,对村民小组内党员少于3名或
 * 村民小组长不是党员的,和临近小组跨组设立党小组".
 */
import type { Flag, OverrideProblem, Reason, ReasonCode } from './types'

/** A Party group needs at least this many Party members (article: "党员少于3名"). */
export const MIN_PARTY_MEMBERS = 3

export const REASON_WORDS: Readonly<Record<Exclude<ReasonCode, 'JOINED_NEIGHBOUR'>, string>> = {
  OWN_GROUP: '以村民小组为单位建立党小组',
  TOO_FEW_PARTY_MEMBERS: '党员少于3名',
  LEADER_NOT_PARTY_MEMBER: '村民小组长不是党员',
  NEIGHBOURS_TOO_FEW_PARTY_MEMBERS: '临近小组党员不足',
  NO_NEIGHBOURS: '没有登记相邻小组，无法跨组设立',
  MOVED_BY_SECRETARY: '由村党组织书记调整',
}

export const LEADER_TO_BE_APPOINTED: Flag = { code: 'LEADER_TO_BE_APPOINTED', message: '待指定党小组长' }

export const OVERRIDE_PROBLEM_WORDS: Readonly<Record<OverrideProblem, string>> = {
  PARTY_GROUP_GONE: '该党小组已不存在',
  APPOINTEE_NOT_MEMBER: '被指定人已不是该党小组党员',
  GROUP_GONE: '该组已不存在',
  GROUP_CAN_STAND_ALONE: '该组已能单独成立党小组',
  TARGET_NOT_COVERED: '目标组已不在任何党小组',
  NOT_ADJACENT: '该组已不与目标党小组相邻',
  ANCHOR_CANNOT_MOVE: '该组是原党小组的牵头组，不能移出',
  SOURCE_TOO_FEW_PARTY_MEMBERS: '移出后原党小组党员少于3名',
  SOURCE_DISCONNECTED: '移出后原党小组不再相连',
  SUPERSEDED: '已被之后的调整取代',
}

export function reason(code: Exclude<ReasonCode, 'JOINED_NEIGHBOUR'>): Reason {
  return { code, message: REASON_WORDS[code] }
}

/** "与X组跨组设立": X names the neighbour the group joined through. */
export function joinedNeighbourReason(neighbourLabel: string): Reason {
  return { code: 'JOINED_NEIGHBOUR', message: `与${neighbourLabel}跨组设立` }
}

/** "37组", or the group's own name; "组" is added only when the name lacks it. */
export function groupLabel(group: { number: number; name?: string }): string {
  const name = group.name?.trim()
  if (!name) return `${group.number}组`
  return name.endsWith('组') ? name : `${name}组`
}
