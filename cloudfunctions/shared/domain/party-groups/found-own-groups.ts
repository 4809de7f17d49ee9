/**
 * Pass 1. Article: "以村民小组为单位建立党小组,党小组长一般由村民小组长担任". A group with ≥ 3 Party
 * members whose group leader is a Party member forms its own Party group, led by its group leader.
 */
import { openPartyGroup, type Draft } from './draft'
import { canStandAlone } from './village'

export function foundOwnGroups(draft: Draft): void {
  for (const group of draft.village.groups) {
    if (canStandAlone(group)) openPartyGroup(draft, group.id, 'OWN_GROUP', group.leaderId)
  }
}
