/**
 * Party-group formation for one village (DOMAIN.md §1; article: "以村民小组为单位建立党小组,党小组长
 * 一般由村民小组长担任,对村民小组内党员少于3名或村民小组长不是党员的,和临近小组跨组设立党小组").
 * Pure: plain data in, plain data out; the same input in any order gives the same output.
 * The rules as implemented, with every decision taken where the article is vague: docs/party-groups.md.
 */
import { emptyDraft } from './draft'
import { foundOwnGroups } from './found-own-groups'
import { joinNeighbours } from './join-neighbours'
import { chooseMergedLeaders } from './leaders'
import { mergeLeftovers } from './merge-leftovers'
import { applyAppointments, applyMoves, emptyLedger, sortedIssues } from './overrides'
import { toResult } from './result'
import type { FormationInput, FormationResult } from './types'
import { buildVillage } from './village'

export function formPartyGroups(input: FormationInput): FormationResult {
  const draft = emptyDraft(buildVillage(input.groups ?? []))
  foundOwnGroups(draft) // pass 1: own Party group, led by the group leader
  joinNeighbours(draft) // pass 2: weak groups join neighbouring Party groups, layer by layer
  mergeLeftovers(draft) // pass 3: the rest merge with weak neighbours until ≥ 3 Party members
  joinNeighbours(draft) // pass 3, tail: sets that could not reach 3 join an adjacent merged group
  const computedPartyGroupOf = new Map(draft.partyGroupOf)

  const overrides = input.overrides ?? []
  const ledger = emptyLedger()
  applyMoves(draft, overrides, ledger)
  chooseMergedLeaders(draft) // on the final groups, so moves never leave a departed leader in post
  applyAppointments(draft, overrides, input.partyMembers ?? [], ledger)
  ledger.issues = sortedIssues(ledger.issues)

  return toResult(draft, computedPartyGroupOf, ledger)
}
