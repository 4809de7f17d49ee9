import { call } from '../services/api'
import { getToken } from '../services/session'
import { createStore } from './store'

/** Unread notices (the inbox), for the badge on the 消息 tab (WeChat's custom tab bar reads it too). */
export const unreadStore = createStore<number>(0)

/** Unread chat messages over all of one's chats (group and village); added to the same badge. */
export const chatUnreadStore = createStore<number>(0)

/** Asks the server again; quietly keeps the last counts when it cannot (the badge is a hint). */
export function refreshUnread(): void {
  if (process.env.TARO_ENV === 'h5' && !getToken()) return
  call('inbox', 'list', { limit: 1 }).then(
    (page) => unreadStore.set(page.unread),
    () => undefined,
  )
  refreshChatUnread()
}

/** The chats' unread counts alone (after reading a chat). */
export function refreshChatUnread(): void {
  if (process.env.TARO_ENV === 'h5' && !getToken()) return
  call('chat', 'chats', {}).then(
    (chats) => chatUnreadStore.set(chats.reduce((sum, chat) => sum + chat.unread, 0)),
    () => undefined,
  )
}

export function badgeText(unread: number): string {
  return unread > 99 ? '99+' : String(unread)
}
