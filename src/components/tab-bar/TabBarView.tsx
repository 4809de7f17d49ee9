import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { todoStore } from '../../lib/errands-todo'
import { badgeText, chatUnreadStore, unreadStore } from '../../lib/unread'
import { useStore } from '../../lib/store'
import { TABS, type TabKey } from './tabs'

/**
 * The four big tabs: drawn by src/custom-tab-bar in WeChat, and by <Screen> in the browser. Each of
 * those imports tab-bar.css itself, so WeChat's isolated custom-tab-bar gets its own copy of it.
 */
export function TabBarView({ active }: { active: TabKey }) {
  // 消息: unread notices plus unread chat messages.
  const unread = useStore(unreadStore) + useStore(chatUnreadStore)
  // 办事: the errands waiting for the leader (or village cadre), red as the unread count is.
  const todo = useStore(todoStore)
  return (
    <View className="cz-tabbar">
      {TABS.map((tab) => {
        const selected = tab.key === active
        return (
          <View
            key={tab.key}
            className={`cz-tabbar__item cz-tap${selected ? ' is-active' : ''}`}
            hoverClass="cz-tabbar__item--pressed"
            aria-selected={selected}
            role="tab"
            onClick={() => {
              if (!selected) void Taro.switchTab({ url: tab.url })
            }}
          >
            <Text className="cz-tabbar__text cz-text">{tab.text}</Text>
            {tab.key === 'chats' && unread > 0 ? (
              <Text className="cz-tabbar__badge cz-text" aria-label={`${unread}条未读`}>
                {badgeText(unread)}
              </Text>
            ) : null}
            {tab.key === 'services' && todo.open > 0 ? (
              <Text
                className={`cz-tabbar__badge cz-text${todo.overdue > 0 ? ' cz-tabbar__badge--overdue' : ''}`}
                aria-label={`${todo.open}件待办${todo.overdue > 0 ? `，${todo.overdue}件超期` : ''}`}
              >
                {badgeText(todo.open)}
              </Text>
            ) : null}
          </View>
        )
      })}
    </View>
  )
}
