/** What chats add to 待办 (home.attention): questions unanswered for more than a day, for the group's leader and the village's cadres. */
import type { Attention } from '../domain/attention'
import { chatIdOf, UNANSWERED_ATTENTION_HOURS } from '../domain/chat/rules'
import type { Database } from '../db/port'

export const QUESTIONS_PAGE = '/packages/chat/pages/questions/index'

export async function chatAttention(db: Database, leadsGroupId: string | null, villageIds: readonly string[], at: Date): Promise<Attention[]> {
  const _ = db.command
  const before = new Date(at.getTime() - UNANSWERED_ATTENTION_HOURS * 3_600_000).toISOString()
  const items: Attention[] = []
  const scopes: Array<{ where: Record<string, unknown>; label: string; scope: 'group' | 'village' }> = [
    ...(leadsGroupId ? [{ where: { chatId: chatIdOf('group', leadsGroupId) }, label: '本组群里', scope: 'group' as const }] : []),
    ...villageIds.map((villageId) => ({ where: { villageId }, label: '本村各群', scope: 'village' as const })),
  ]
  for (const { where, label, scope } of scopes) {
    const { total } = await db
      .collection('chatQuestions')
      .where(_.and([{ ...where, state: 'open' }, { askedAt: _.lt(before) }]))
      .count()
    if (total > 0)
      items.push({ kind: 'chat_question', severity: 'medium', title: `${label} ${total} 个提问超过一天没有答复`, count: total, page: `${QUESTIONS_PAGE}?scope=${scope}` })
  }
  return items
}
