import { Text } from '@tarojs/components'
import { useRouter } from '@tarojs/taro'
import { Screen } from '../../../../components/screen/Screen'
import { InvitationForm } from './InvitationForm'
import { PersonaPicker } from './PersonaPicker'
import './index.css'

/**
 * 登录. The browser build is a demo: pick a seeded person. In WeChat a villager binds this WeChat
 * account to their record once, with the 8-digit code village staff gave them.
 */
export default function LoginPage() {
  const { params } = useRouter()
  // ?reason=expired: a saved login was turned down (see goToLogin); only the browser build saves one.
  const expired = process.env.TARO_ENV === 'h5' && params.reason === 'expired'
  return (
    <Screen>
      {expired ? <Text className="cz-text cz-text--small login-expired">登录已过期，请重新选择</Text> : null}
      {process.env.TARO_ENV === 'h5' ? <PersonaPicker /> : <InvitationForm />}
    </Screen>
  )
}
