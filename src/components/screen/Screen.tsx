import { View } from '@tarojs/components'
import { useDidShow } from '@tarojs/taro'
import type { PropsWithChildren } from 'react'
import { refreshTodo } from '../../lib/errands-todo'
import { refreshUnread } from '../../lib/unread'
import { useTheme } from '../../theme/store'
import { TabBarView } from '../tab-bar/TabBarView'
import { activeTabStore, type TabKey } from '../tab-bar/tabs'
import '../tab-bar/tab-bar-style'
import { BackBar } from './BackBar'

interface ScreenProps {
  /** Set on the four tab pages: marks the active tab, and draws the tab bar in the browser. */
  tab?: TabKey
  /** Pages opened on top of another (not tabs, not login): a big 返回 row in the browser. */
  back?: boolean
  /** What that 返回 row does instead of leaving the page (say, close a panel open on it). */
  onBack?: () => void
  className?: string
}

/**
 * Every page's root. It carries the theme as custom properties (--cz-text, --cz-tap, …), so a flip
 * of 长辈模式 or a new WeChat font size restyles the whole page at once.
 */
export function Screen({ tab, back = false, onBack, className, children }: PropsWithChildren<ScreenProps>) {
  const { vars, careMode } = useTheme()
  useDidShow(() => {
    if (!tab) return
    activeTabStore.set(tab)
    refreshUnread()
    refreshTodo()
  })
  const classes = ['cz-screen', careMode ? 'cz-care' : '', tab ? 'cz-screen--tab' : '', className ?? ''].filter(Boolean).join(' ')
  return (
    <View className={classes} style={vars}>
      {process.env.TARO_ENV === 'h5' && back ? <BackBar onBack={onBack} /> : null}
      {children}
      {/* WeChat draws src/custom-tab-bar itself; the browser build has no tab bar of its own. */}
      {process.env.TARO_ENV === 'h5' && tab ? <TabBarView active={tab} /> : null}
    </View>
  )
}
