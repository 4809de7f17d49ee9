import { z } from 'zod'
import { action, cursorInputShape, cursorPageOf, idSchema } from '../common'

export const inboxEntrySchema = z.object({
  id: z.string(),
  /** What kind of notice, e.g. `party_group_changed`; the app picks an icon and words by it. */
  kind: z.string(),
  title: z.string(),
  body: z.string(),
  /** The app page a tap opens (a route with its query), or '' for none. */
  page: z.string(),
  createdAt: z.string(),
  readAt: z.string().nullable(),
})
export type InboxEntry = z.infer<typeof inboxEntrySchema>

export const inboxContract = {
  list: action({
    who: '任何已登录的人（只看自己的通知，含发给本组、本村的通知）',
    input: z.strictObject({ ...cursorInputShape }),
    output: cursorPageOf(inboxEntrySchema).extend({ unread: z.number().int().min(0) }),
  }),
  markRead: action({
    who: '任何已登录的人（只能标记自己的通知；别人的编号不理会）',
    input: z.strictObject({ ids: z.array(idSchema).min(1, '请选择要标为已读的通知').max(100, '一次最多 100 条') }),
    output: z.object({ unread: z.number().int().min(0) }),
  }),
}
