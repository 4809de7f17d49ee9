/** What errands add to 待办 (home.attention): overdue requests on the caller's list (the group's leader, the village's cadres). */
import type { Attention } from '../domain/attention'
import type { Database } from '../db/port'

export const ERRANDS_TODO_PAGE = '/packages/errands/pages/todo/index'

export async function errandAttention(db: Database, leadsGroupId: string | null, villageIds: readonly string[], at: Date): Promise<Attention[]> {
  const _ = db.command
  const overdue = { open: true, dueAt: _.lt(at.toISOString()), state: _.neq('returned') }
  const items: Attention[] = []
  if (leadsGroupId) {
    const { total } = await db
      .collection('errands')
      .where({ groupId: leadsGroupId, ...overdue })
      .count()
    if (total > 0) items.push({ kind: 'errand_overdue', severity: 'high', title: `${total} 件代办事项已超期`, count: total, page: ERRANDS_TODO_PAGE })
  }
  for (const villageId of villageIds) {
    const { total } = await db
      .collection('errands')
      .where({ villageId, staffQueue: true, ...overdue })
      .count()
    if (total > 0) items.push({ kind: 'errand_overdue', severity: 'high', title: `本村 ${total} 件办事申请超期（已督办）`, count: total, page: ERRANDS_TODO_PAGE })
  }
  return items
}
