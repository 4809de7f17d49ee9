import { Screen } from '../../../../components/screen/Screen'
import { InvitationForm } from './InvitationForm'
import { PersonaPicker } from './PersonaPicker'
import './index.css'

/**
 * 登录. The browser build is a demo: pick a seeded person. In WeChat a villager binds this WeChat
 * account to their record once, with the 8-digit code village staff gave them.
 */
export default function LoginPage() {
  return <Screen>{process.env.TARO_ENV === 'h5' ? <PersonaPicker /> : <InvitationForm />}</Screen>
}
