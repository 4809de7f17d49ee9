import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { BigButton } from '../../components/button/BigButton'
import { Card } from '../../components/card/Card'
import { Screen } from '../../components/screen/Screen'
import { QueryView } from '../../components/status/QueryView'
import { usePullRefresh } from '../../lib/pull-refresh'
import { useMe } from '../../lib/session'
import { coverageEntry, inviteEntry, officesEntry, partyVillageEntry } from '../../lib/entries'
import { ROLE_LABEL, type Me } from '../../services/contract'
import { ROUTES } from '../../services/routes'
import { clearToken } from '../../services/session'
import { CareModeRow } from './CareModeRow'
import './index.css'

/** 我的: who I am, my roles, 长辈模式, 退出登录. */
export default function MePage() {
  // Who I am comes from the session (loaded once per sign-in); pull down to ask again.
  const { state, reload } = useMe()
  usePullRefresh(reload)
  return (
    <Screen tab="me">
      <QueryView state={state} onRetry={() => void reload()}>
        {(me) => (
          <>
            <Card className="me-profile">
              <Text className="cz-text cz-title me-name">{me.name}</Text>
              <View className="me-roles">
                {me.roles.map((role) => (
                  <Text key={role} className="cz-text cz-text--small cz-tag me-role">
                    {ROLE_LABEL[role]}
                  </Text>
                ))}
              </View>
            </Card>
            <PartyEntries me={me} />
            {inviteEntry(me) ? (
              <Card title="邀请村民" className="me-invite-card">
                <Text className="cz-text cz-text--small me-invite-hint">给本村村民发一个邀请码，他们在微信里输入后就能用村组通。</Text>
                <BigButton className="me-invite" kind="plain" text="给村民发邀请码" onClick={() => void Taro.navigateTo({ url: ROUTES.invite })} />
              </Card>
            ) : null}
            {officesEntry(me) ? (
              <Card title="职务" className="me-offices">
                <BigButton className="me-offices-manage" kind="plain" text="职务管理" onClick={() => void Taro.navigateTo({ url: ROUTES.offices })} />
              </Card>
            ) : null}
          </>
        )}
      </QueryView>
      {/* Shown even when loading failed: a bigger screen helps read the error too. */}
      <Card title="显示">
        <CareModeRow />
      </Card>
      <BigButton className="me-logout" kind="plain" text="退出登录" onClick={() => void logout()} />
    </Screen>
  )
}

/** Party-group pages: villagers see their own, secretaries and officers what the rules let them. */
function PartyEntries({ me }: { me: Me }) {
  const manage = partyVillageEntry(me) !== null
  const coverage = coverageEntry(me)
  if (!me.groupId && !manage && !coverage) return null
  const open = (url: string) => () => void Taro.navigateTo({ url })
  return (
    <Card title="党小组" className="me-party">
      {me.groupId ? <BigButton className="me-party-mine" kind="plain" text="我的党小组" onClick={open(ROUTES.partyMine)} /> : null}
      {manage ? <BigButton className="me-party-village" kind="plain" text="党小组管理" onClick={open(ROUTES.partyVillage)} /> : null}
      {coverage ? <BigButton className="me-party-coverage" kind="plain" text="党小组覆盖情况" onClick={open(ROUTES.partyCoverage)} /> : null}
    </Card>
  )
}

const LOGOUT_QUESTION = '退出后需要重新选择身份（微信里需要村干部重新发邀请码）。确定退出吗？'

async function logout() {
  if (process.env.TARO_ENV === 'h5') {
    // Asked first: one stray tap must not send an elderly user back to a list of names.
    const answer = await Taro.showModal({
      title: '退出登录',
      content: LOGOUT_QUESTION,
      confirmText: '确定退出',
      confirmColor: '#b3261e',
      cancelText: '不退出',
      cancelColor: '#111111',
    }).catch(() => ({ confirm: false }))
    if (!answer.confirm) return
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
