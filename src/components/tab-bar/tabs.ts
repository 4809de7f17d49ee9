import { createStore } from '../../lib/store'
import { ROUTES } from '../../services/routes'

export type TabKey = 'home' | 'chats' | 'services' | 'me'

// Same order and words as tabBar.list in app.config.ts (which WeChat needs statically).
export const TABS: { key: TabKey; text: string; url: string }[] = [
  { key: 'home', text: '首页', url: ROUTES.home },
  { key: 'chats', text: '消息', url: ROUTES.chats },
  { key: 'services', text: '办事', url: ROUTES.services },
  { key: 'me', text: '我的', url: ROUTES.me },
]

/**
 * Which tab is showing. WeChat gives each tab page its own custom-tab-bar instance, outside the
 * page's React tree; pages set this on show and every instance reads it.
 */
export const activeTabStore = createStore<TabKey>('home')
