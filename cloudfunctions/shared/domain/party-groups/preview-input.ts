/**
 * Checks a what-if village before the rules run: every id a group or member names must be one of
 * the village's groups, and ids must be unique. Problems come back as field paths for the form.
 */
export interface PreviewVillage {
  groups: ReadonlyArray<{ id: string; leaderId: string | null; neighbours: readonly string[] }>
  members: ReadonlyArray<{ id: string; groupId: string; partyMember: boolean }>
}

export interface InputProblem {
  path: string
  message: string
}

export function previewInputProblems(village: PreviewVillage): InputProblem[] {
  const problems: InputProblem[] = []
  const groupIds = new Set<string>()
  village.groups.forEach((group, index) => {
    if (groupIds.has(group.id)) problems.push({ path: `data.groups.${index}.id`, message: `组编号 ${group.id} 重复` })
    groupIds.add(group.id)
  })
  village.groups.forEach((group, index) => {
    group.neighbours.forEach((neighbour, position) => {
      if (!groupIds.has(neighbour)) problems.push({ path: `data.groups.${index}.neighbours.${position}`, message: `相邻组 ${neighbour} 不在这个村` })
      if (neighbour === group.id) problems.push({ path: `data.groups.${index}.neighbours.${position}`, message: '一个组不能与自己相邻' })
    })
  })
  const memberIds = new Set<string>()
  const memberGroup = new Map<string, string>()
  village.members.forEach((member, index) => {
    if (memberIds.has(member.id)) problems.push({ path: `data.members.${index}.id`, message: `人员编号 ${member.id} 重复` })
    memberIds.add(member.id)
    memberGroup.set(member.id, member.groupId)
    if (!groupIds.has(member.groupId)) problems.push({ path: `data.members.${index}.groupId`, message: `组 ${member.groupId} 不在这个村` })
  })
  village.groups.forEach((group, index) => {
    if (group.leaderId !== null && memberGroup.get(group.leaderId) !== group.id) {
      problems.push({ path: `data.groups.${index}.leaderId`, message: `组长 ${group.leaderId} 不是本组成员` })
    }
  })
  return problems
}
