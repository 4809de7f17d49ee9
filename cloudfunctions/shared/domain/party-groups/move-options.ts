/**
 * Which groups the village Party secretary may move to another Party group (MOVE_GROUP), and
 * where, judged by the very check the override is refused by (overrides.ts `checkMove`) on the
 * Party groups as they stand: the app greys out a group before the first tap instead of hearing
 * the refusal after it.
 */
import { emptyDraft, neighboursOf, type Draft } from './draft'
import { checkMove } from './overrides'
import { OVERRIDE_PROBLEM_WORDS } from './reasons'
import type { GroupFacts } from './types'
import { buildVillage } from './village'

/** A Party group as stored: its id, the group it is anchored on and its groups. */
export interface StandingPartyGroup {
  id: string
  anchorGroupId: string
  groupIds: readonly string[]
}

export interface MoveOption {
  groupId: string
  canMove: boolean
  /** Why not, in plain words; null when it can. */
  reason: string | null
  /** Ids of the Party groups it may join, in group-number order of their nearest neighbour. */
  targets: string[]
}

export const NO_OTHER_PARTY_GROUP_NEARBY = '没有相邻的其他党小组'

function draftOf(groups: readonly GroupFacts[], partyGroups: readonly StandingPartyGroup[]): Draft {
  const draft = emptyDraft(buildVillage(groups))
  for (const partyGroup of partyGroups) {
    const groupIds = new Set(partyGroup.groupIds.filter((id) => draft.village.byId.has(id)))
    const partyMemberCount = [...groupIds].reduce((sum, id) => sum + (draft.village.byId.get(id)?.partyMemberCount ?? 0), 0)
    draft.partyGroups.set(partyGroup.anchorGroupId, { anchorId: partyGroup.anchorGroupId, origin: 'MERGED', groupIds, partyMemberCount, leaderId: null })
    for (const id of groupIds) draft.partyGroupOf.set(id, partyGroup.anchorGroupId)
  }
  return draft
}

export function moveOptions(groups: readonly GroupFacts[], partyGroups: readonly StandingPartyGroup[]): MoveOption[] {
  const draft = draftOf(groups, partyGroups)
  const idOfAnchor = new Map(partyGroups.map((partyGroup) => [partyGroup.anchorGroupId, partyGroup.id]))
  return draft.village.groups.map((group) => {
    const own = draft.partyGroupOf.get(group.id)
    // One neighbour in each other Party group stands for it (the override names any of its groups).
    const candidates = new Map<string, string>()
    for (const neighbour of neighboursOf(draft, group.id)) {
      const anchor = draft.partyGroupOf.get(neighbour)
      if (anchor !== undefined && anchor !== own && !candidates.has(anchor)) candidates.set(anchor, neighbour)
    }
    const targets: string[] = []
    let firstProblem: string | null = null
    for (const [anchor, toGroupId] of candidates) {
      const checked = checkMove(draft, { kind: 'MOVE_GROUP', groupId: group.id, toGroupId, by: '', at: '', why: '' })
      if ('problem' in checked) firstProblem ??= OVERRIDE_PROBLEM_WORDS[checked.problem]
      else targets.push(idOfAnchor.get(anchor) ?? anchor)
    }
    if (targets.length > 0) return { groupId: group.id, canMove: true, reason: null, targets }
    // With no candidate the checks never ran: a strong group is still told why it cannot move.
    const standAlone = checkMove(draft, { kind: 'MOVE_GROUP', groupId: group.id, toGroupId: group.id, by: '', at: '', why: '' })
    const reason =
      'problem' in standAlone && standAlone.problem === 'GROUP_CAN_STAND_ALONE' ? OVERRIDE_PROBLEM_WORDS.GROUP_CAN_STAND_ALONE : (firstProblem ?? NO_OTHER_PARTY_GROUP_NEARBY)
    return { groupId: group.id, canMove: false, reason, targets: [] }
  })
}
