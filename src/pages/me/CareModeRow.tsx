import { Text, View } from '@tarojs/components'
import Switch from '@nutui/nutui-react-taro/dist/es/packages/switch/index'
import '@nutui/nutui-react-taro/dist/es/packages/switch/style/css'
import { useTheme } from '../../theme/store'

/** The whole row toggles 长辈模式 (a big target); the switch only shows the state. */
export function CareModeRow() {
  const { careMode, fontScale, setCareMode } = useTheme()
  return (
    <View>
      <View className="cz-row cz-tap me-care-row" hoverClass="cz-pressed" onClick={() => setCareMode(!careMode)}>
        <View className="me-care-label">
          <Text className="cz-text cz-heading">长辈模式</Text>
          <Text className="cz-text cz-text--small me-care-hint">{careMode ? '已打开：字更大，按钮更大' : '打开后字更大，按钮更大'}</Text>
        </View>
        <Switch className="me-care-switch" checked={careMode} loadingIcon={null} />
      </View>
      {fontScale > 1 ? <Text className="cz-text cz-text--small me-font-note">字体大小已跟随微信设置（放大到 {Math.round(fontScale * 100) / 100} 倍）。</Text> : null}
    </View>
  )
}
