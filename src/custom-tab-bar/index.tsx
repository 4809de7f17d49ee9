import { View } from '@tarojs/components'
import { TabBarView } from '../components/tab-bar/TabBarView'
import { activeTabStore } from '../components/tab-bar/tabs'
import { useStore } from '../lib/store'
import { useTheme } from '../theme/store'
// Here, not in TabBarView: a custom component only sees its own wxss, not app.wxss or common.wxss.
import '../components/tab-bar/tab-bar.css'

/**
 * WeChat's custom tab bar (app.config tabBar.custom): WeChat renders it outside the page, so it
 * applies the theme's custom properties itself and reads the active tab from the shared store.
 */
export default function CustomTabBar() {
  const { vars } = useTheme()
  const active = useStore(activeTabStore)
  return (
    <View style={vars}>
      <TabBarView active={active} />
    </View>
  )
}
