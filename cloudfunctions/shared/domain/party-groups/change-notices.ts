/**
 * What a recompute changed for the villagers of each group, in plain words: their group now
 * belongs to another Party group, or its Party group has a new leader, and why. The first
 * computation of a village tells nobody anything (nothing changed for them).
 */
import type { Override } from './types'

export interface PartyGroupSnapshot {
  id: string
  name: string
  groupIds: readonly string[]
  leaderId: string | null
  crossGroup: boolean
  reasons: ReadonlyArray<{ groupId: string; code: string; message: string }>
  appliedOverrides: readonly Override[]
}

export interface GroupChangeNotice {
  groupId: string
  title: string
  body: string
}

function partyGroupOfEachGroup(partyGroups: readonly PartyGroupSnapshot[]): Map<string, PartyGroupSnapshot> {
  return new Map(partyGroups.flatMap((partyGroup) => partyGroup.groupIds.map((groupId) => [groupId, partyGroup] as const)))
}

function why(groupId: string, partyGroup: PartyGroupSnapshot, leaderChanged: boolean): string {
  const override = partyGroup.appliedOverrides.find((entry) => (entry.kind === 'MOVE_GROUP' ? entry.groupId === groupId : leaderChanged && entry.partyGroupId === partyGroup.id))
  if (override) return `村党组织书记作了调整，原因：${override.why}`
  const reasons = partyGroup.reasons.filter((reason) => reason.groupId === groupId && reason.code !== 'OWN_GROUP').map((reason) => reason.message)
  if (reasons.length > 0) return `本组${reasons.join('，')}`
  return partyGroup.crossGroup ? '按规定跨组设立党小组' : '本组党员有3名以上，组长是党员，单独成立党小组'
}

export function partyGroupChangeNotices(
  before: readonly PartyGroupSnapshot[],
  after: readonly PartyGroupSnapshot[],
  groups: ReadonlyArray<{ id: string; name: string }>,
  nameOf: (personId: string) => string | undefined,
): GroupChangeNotice[] {
  if (before.length === 0) return []
  const was = partyGroupOfEachGroup(before)
  const now = partyGroupOfEachGroup(after)
  const notices: GroupChangeNotice[] = []
  for (const group of groups) {
    const old = was.get(group.id)
    const current = now.get(group.id)
    if (!current) {
      if (old) notices.push({ groupId: group.id, title: '本组暂时没有党小组', body: `${group.name}暂时不属于任何党小组，村党组织正在安排。有事请先找村干部。` })
      continue
    }
    const moved = !old || old.id !== current.id
    const leaderChanged = !moved && old.leaderId !== current.leaderId
    if (!moved && !leaderChanged) continue
    const leader = current.leaderId ? (nameOf(current.leaderId) ?? '（待确认）') : '待指定'
    const reason = why(group.id, current, leaderChanged)
    notices.push(
      moved
        ? { groupId: group.id, title: '本组的党小组有变化', body: `${group.name}现在属于${current.name}，党小组长：${leader}。${reason}。` }
        : { groupId: group.id, title: '本组党小组长有变化', body: `${current.name}的党小组长现在是${leader}。${reason}。` },
    )
  }
  return notices
}
