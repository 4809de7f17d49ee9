/**
 * What mediation adds to 待办 (home.attention): open high-risk and overdue cases on the lists the
 * caller handles (their group's, their village's, their town's; the police liaison's violence list).
 * Counts only, from the caller's own list entries, so nothing about a case they may not see leaks.
 */
import type { Actor } from '../../../types/policy'
import { villageInCharge } from '../../../types/policy'
import type { Attention } from '../domain/attention'
import type { Database } from '../db/port'

export const MEDIATION_LIST_PAGE = '/packages/mediation/pages/list/index'

/** The caller's handler lists, with the scope the list page shows them under. */
export function handlerLists(actor: Actor, leadsGroupId: string | null): Array<{ key: string; scope: 'group' | 'village' | 'town'; label: string }> {
  const lists: Array<{ key: string; scope: 'group' | 'village' | 'town'; label: string }> = []
  if (leadsGroupId) lists.push({ key: `group:${leadsGroupId}`, scope: 'group', label: '本组' })
  const village = villageInCharge(actor)
  if (village) lists.push({ key: `village:${village}`, scope: 'village', label: '本村' })
  for (const grant of actor.grants) {
    if (grant.scope.level !== 'town') continue
    if (grant.role === 'town_officer') lists.push({ key: `town:${grant.scope.id}`, scope: 'town', label: '本镇' })
    if (grant.role === 'police_liaison') lists.push({ key: `police:${grant.scope.id}`, scope: 'town', label: '本镇' })
  }
  return lists
}

export async function mediationAttention(db: Database, actor: Actor, leadsGroupId: string | null): Promise<Attention[]> {
  const _ = db.command
  const items: Attention[] = []
  for (const list of handlerLists(actor, leadsGroupId)) {
    const page = `${MEDIATION_LIST_PAGE}?scope=${list.scope}`
    const [high, overdue] = await Promise.all([
      // sortKey starts `11` exactly when the case is open and high-risk.
      db
        .collection('mediationEntries')
        .where(_.and([{ key: list.key }, { sortKey: _.gte('11') }]))
        .count(),
      db.collection('mediationEntries').where({ key: list.key, open: true, overdue: true }).count(),
    ])
    if (high.total > 0) items.push({ kind: 'mediation_high_risk', severity: 'high', title: `${list.label} ${high.total} 件高风险纠纷在调解`, count: high.total, page })
    if (overdue.total > 0) items.push({ kind: 'mediation_overdue', severity: 'high', title: `${list.label} ${overdue.total} 件纠纷调解超期`, count: overdue.total, page })
  }
  return items
}
