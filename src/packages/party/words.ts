import { coverageAreas, policy, villageInCharge, type CoverageStats, type Me, type PartyGroupView, type StoredOverride, type VillageReport } from '../../services/contract'

/** Plain words for the Party-group pages: numbers, reasons and overrides as a villager reads them. */

type GroupRef = PartyGroupView['groups'][number]

export function groupName(group: Pick<GroupRef, 'name' | 'number'>): string {
  return group.name || `第${group.number}组`
}

/** 1 → 100%, 0.987 → 98.7%: rounded down, so "100%" only ever means every group is covered. */
export function percent(coverage: number): string {
  return `${Math.floor(coverage * 1000 + 1e-9) / 10}%`
}

/** 村民小组 11 个，党小组 9 个，其中跨组 2 个，覆盖率 100% */
export function statsSentence(stats: CoverageStats): string {
  return `村民小组 ${stats.groups} 个，党小组 ${stats.partyGroups} 个，其中跨组 ${stats.crossGroup} 个，覆盖率 ${percent(stats.coverage)}`
}

/** Server words per group, in the Party group's group order (the function already wrote them plainly). */
export function reasonsByGroup(partyGroup: PartyGroupView): { group: GroupRef; messages: string[] }[] {
  return partyGroup.groups.map((group) => ({
    group,
    messages: partyGroup.reasons.filter((reason) => reason.groupId === group.id).map((reason) => reason.message),
  }))
}

const OWN_GROUP_PLAIN = '本组党员有3名以上，组长是党员，单独成立党小组'

/** For the villager: 本组党员少于3名，与第3村民小组跨组设立 */
export function ownGroupSentence(partyGroup: PartyGroupView, groupId: string): string | null {
  const reasons = partyGroup.reasons.filter((reason) => reason.groupId === groupId)
  if (reasons.length === 0) return null
  if (reasons.every((reason) => reason.code === 'OWN_GROUP')) return OWN_GROUP_PLAIN
  return `本组${reasons.map((reason) => reason.message).join('，')}`
}

export function allGroupsOf(report: VillageReport): GroupRef[] {
  return [...report.partyGroups.flatMap((pg) => pg.groups), ...report.uncovered.map((u) => u.group)]
}

/** 书记指定张三为党小组长 / 书记把第5村民小组调整到这个党小组 */
export function overrideSentence(override: StoredOverride, report: VillageReport): string {
  if (override.kind === 'APPOINT_LEADER') {
    const leader = report.partyGroups.find((pg) => pg.leader?.id === override.leaderId)?.leader
    return leader ? `村党组织书记指定 ${leader.name} 为党小组长` : '村党组织书记指定了党小组长'
  }
  const group = allGroupsOf(report).find((g) => g.id === override.groupId)
  const target = report.partyGroups.find((pg) => pg.groups.some((g) => g.id === override.toGroupId))
  return `村党组织书记把${group ? groupName(group) : '一个村民小组'}调整到${target ? target.name : '另一个党小组'}`
}

export interface Notice {
  kind: 'ok' | 'error'
  text: string
}

/** The words of the latest override issue matching `which` (the one just sent, when it could not be applied). */
export function issueOf(report: VillageReport, which: (override: StoredOverride) => boolean): string | undefined {
  const issues = report.overrideIssues.filter((issue) => which(issue.override))
  issues.sort((a, b) => (a.override.at < b.override.at ? -1 : a.override.at > b.override.at ? 1 : 0))
  return issues[issues.length - 1]?.message
}

/** The village a secretary or village cadre manages (their grant), else where they live. */
export function managedVillageId(me: Me): string | null {
  return villageInCharge(me) ?? me.villageId
}

/** A village and the town it belongs to (null when the app could not tell). */
export interface VillagePlace {
  villageId: string
  townId: string | null
}

/** What the caller may change on 党小组管理 for one village. */
export interface VillageRights {
  /** 指定党小组长, 调整所属党小组 (partyGroups.override). */
  override: boolean
  /** 重新计算 (partyGroups.recompute). */
  recompute: boolean
  /** 导入花名册, 导出花名册 (roster.importCommit, roster.export). */
  roster: boolean
}

/**
 * Which buttons 党小组管理 shows: the functions' own rules (types/policy.ts), asked here so a
 * button the server would refuse is not shown. The functions still decide.
 */
export function villageRights(me: Me, place: VillagePlace): VillageRights {
  return {
    override: policy.partyGroups.override(me, place),
    recompute: policy.partyGroups.recompute(me, place),
    roster: policy.roster.importCommit(me, place) && policy.roster.export(me, place),
  }
}

/** Towns whose coverage the caller may see through a town grant (to tell whether a village is in one of them). */
export function coverageTownIds(me: Me): string[] {
  return coverageAreas(me).flatMap((area) => (area.level === 'town' && area.townId ? [area.townId] : []))
}

export type CoverageScope = { level: 'city' } | { level: 'town' | 'village'; id: string }

/** The widest area the caller may look at (the city, their town, or their village), as the coverage action takes it. */
export function widestScope(me: Me): CoverageScope | null {
  const [area] = coverageAreas(me)
  if (!area) return null
  if (area.level === 'city') return { level: 'city' }
  const id = area.level === 'town' ? area.townId : area.villageId
  return id ? { level: area.level, id } : null
}
