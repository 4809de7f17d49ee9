import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { BigButton } from '../../components/button/BigButton'
import { Card } from '../../components/card/Card'
import { Screen } from '../../components/screen/Screen'
import { ErrorNotice, Loading } from '../../components/status/Status'
import { useQuery } from '../../lib/use-query'
import { call } from '../../services/api'
import { ROLE_LABEL } from '../../services/contract'
import { ROUTES } from '../../services/routes'
import { clearToken } from '../../services/session'
import { CareModeRow } from './CareModeRow'
import './index.css'

/** 我的: who I am, my roles, 长辈模式, 退出登录. */
export default function MePage() {
  const { state, reload } = useQuery(() => call('identity', 'me', {}))
  return (
    <Screen tab="me">
      {state.status === 'loading' ? <Loading /> : null}
      {state.status === 'error' ? <ErrorNotice error={state.error} onRetry={reload} /> : null}
      {state.status === 'ready' ? (
        <Card className="me-profile">
          <Text className="cz-text cz-title me-name">{state.data.name}</Text>
          <View className="me-roles">
            {state.data.roles.map((role) => (
              <Text key={role} className="cz-text cz-text--small cz-tag me-role">
                {ROLE_LABEL[role]}
              </Text>
            ))}
          </View>
        </Card>
      ) : null}
      {/* Shown even when loading failed: a bigger screen helps read the error too. */}
      <Card title="显示">
        <CareModeRow />
      </Card>
      <BigButton className="me-logout" kind="plain" text="退出登录" onClick={logout} />
    </Screen>
  )
}

function logout() {
  if (process.env.TARO_ENV === 'h5') {
    clearToken()
    void Taro.reLaunch({ url: ROUTES.login })
    return
  }
  // In WeChat the person is bound to this WeChat account on the server; there is no unbind
  // action yet, so say how to hand the phone to someone else instead of pretending to log out.
  void Taro.showModal({
    title: '退出登录',
    content: '您的身份已和这个微信号绑定。要换成别人使用，请联系村干部解除绑定。',
    showCancel: false,
    confirmText: '知道了',
  })
}
