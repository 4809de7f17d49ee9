/** The stored shapes of notices. */
import type { StoredDoc } from '../db/port'

/**
 * Where a notice stands on its way to WeChat: `pending` until the job inbox/deliver handles it;
 * `not_subscribed` (WeChat error 43101) and `skipped` (no WeChat binding or no template) are final.
 */
export type DeliveryState = 'pending' | 'sent' | 'not_subscribed' | 'skipped' | 'failed'

export interface NoticeContent {
  kind: string
  title: string
  body: string
  /** The app page a tap opens, or '' for none. */
  page: string
}

export interface InboxRecord extends StoredDoc, NoticeContent {
  personId: string
  createdAt: string
  readAt: string | null
  deliveryState: DeliveryState
  attempts: number
  lastError: string | null
}

export interface BroadcastRecord extends StoredDoc, NoticeContent {
  scopeLevel: 'group' | 'village'
  scopeId: string
  createdAt: string
  /** `pending` until inbox/deliver has pushed it to every member with WeChat (or found no template). */
  deliveryState: 'pending' | 'sent' | 'skipped'
  /** The last member (by _id) the job reached, so a long list resumes where it stopped. */
  deliveredUpTo: string | null
  delivery: { sent: number; notSubscribed: number; failed: number }
}

export interface BroadcastReadRecord extends StoredDoc {
  personId: string
  broadcastId: string
  /** The broadcast's group or village, so the unread count stays within the person's scopes after a move. */
  scopeId: string
  readAt: string
}

export interface OutboxRecord extends StoredDoc {
  inboxId: string
  personId: string
  openId: string
  templateId: string
  page: string
  data: Record<string, { value: string }>
  sentAt: string
}
