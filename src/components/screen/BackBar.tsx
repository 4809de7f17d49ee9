import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { ROUTES } from '../../services/routes'

/**
 * Browser only: WeChat draws a back arrow in its navigation bar, the browser build has none, and
 * Taro's optional h5 bar has a 24 px arrow — too small to hit. Opened directly (nothing to go back
 * to), it leads home. A page may take the tap itself (`onBack`), say to close a panel first.
 */
export function BackBar({ onBack }: { onBack?: () => void }) {
  const back = () => {
    if (onBack) onBack()
    else if (Taro.getCurrentPages().length > 1) void Taro.navigateBack()
    else void Taro.switchTab({ url: ROUTES.home })
  }
  return (
    <View className="cz-back cz-tap" hoverClass="cz-pressed" onClick={back}>
      <Text className="cz-text cz-heading cz-back__text">‹ 返回</Text>
    </View>
  )
}
