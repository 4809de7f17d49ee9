import { Text, View } from '@tarojs/components'
import Switch from '@nutui/nutui-react-taro/dist/es/packages/switch/index'
import '@nutui/nutui-react-taro/dist/es/packages/switch/style/css'
import { BigButton } from '../../components/button/BigButton'
import { Card } from '../../components/card/Card'
import { useTheme } from '../../theme/store'

/**
 * The one-time offer on the first 首页 after sign-in: many readers never find 我的 → 显示, so the
 * bigger text is offered where they land. Either answer is remembered (theme store).
 */
export function CareOffer() {
  const { careMode, careOffered, setCareMode, dismissCareOffer } = useTheme()
  if (careMode || careOffered) return null
  return (
    <Card className="home-care-offer">
      <Text className="cz-text cz-heading home-care-offer__question">字太小？打开长辈模式，字更大、按钮更大</Text>
      <View className="home-care-offer__buttons">
        <BigButton className="home-care-offer-yes" text="打开" onClick={() => setCareMode(true)} />
        <BigButton className="home-care-offer-no" kind="plain" text="不用了" onClick={dismissCareOffer} />
      </View>
    </Card>
  )
}

/** A big row on 首页: the whole row toggles 长辈模式; the switch only shows the state. */
export function CareSwitchRow() {
  const { careMode, setCareMode } = useTheme()
  return (
    <View className="cz-card cz-row cz-tap home-care-row" hoverClass="cz-pressed" onClick={() => setCareMode(!careMode)}>
      <Text className="cz-text cz-heading home-care-row__label">长辈模式：{careMode ? '开' : '关'}</Text>
      <Switch className="home-care-switch" checked={careMode} loadingIcon={null} />
    </View>
  )
}
