import { call } from '../services/api'
import { getToken } from '../services/session'
import { createStore } from './store'

/** Unread notices, for the badge on the 消息 tab (WeChat's custom tab bar reads it too). */
export const unreadStore = createStore<number>(0)

/** Asks the server again; quietly keeps the last count when it cannot (the badge is a hint). */
export function refreshUnread(): void {
  if (process.env.TARO_ENV === 'h5' && !getToken()) return
  call('inbox', 'list', { limit: 1 }).then(
    (page) => unreadStore.set(page.unread),
    () => undefined,
  )
}

export function badgeText(unread: number): string {
  return unread > 99 ? '99+' : String(unread)
}
