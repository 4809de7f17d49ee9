import { Text, View } from '@tarojs/components'
import Taro, { useDidShow } from '@tarojs/taro'
import { useCallback, useEffect, useRef, useState } from 'react'
import { BigButton } from '../../../../components/button/BigButton'
import { Chips } from '../../../../components/form/Chips'
import { Screen } from '../../../../components/screen/Screen'
import { ListFooter, QueryView } from '../../../../components/status/QueryView'
import { handlerScopes, mayOpenCase, mediationDashboardEntry, SCOPE_WORDS, type MediationScope } from '../../../../lib/mediation'
import { usePullRefresh } from '../../../../lib/pull-refresh'
import { useMe } from '../../../../lib/session'
import { usePaged } from '../../../../lib/use-paged'
import { call } from '../../../../services/api'
import type { Me } from '../../../../services/contract'
import { ROUTES } from '../../../../services/routes'
import { CaseRow } from '../../components/CaseRow'
import { byUrgency } from '../../words'
import '../../mediation.css'

type Shown = 'open' | 'closed' | 'all'

const SHOWN: { value: Shown; label: string }[] = [
  { value: 'open', label: '正在调解' },
  { value: 'closed', label: '已办结' },
  { value: 'all', label: '全部' },
]

const SCOPES: readonly MediationScope[] = ['mine', 'group', 'village', 'town']

/**
 * 调解: 我的调解 for a party; 组里 / 村里 / 镇里 for those who mediate there, high-risk first with
 * a red 高风险 tag, then overdue, then the soonest due. 开调解 (我要调解 for a villager) and, for
 * village cadres and town officers, 调解统计.
 */
export default function MediationListPage() {
  const { state, reload } = useMe()
  return (
    <Screen back>
      <Text className="cz-text cz-title cz-page-title">调解（老娘舅）</Text>
      <QueryView state={state} onRetry={() => void reload()}>
        {(me) => <Lists me={me} />}
      </QueryView>
    </Screen>
  )
}

function Lists({ me }: { me: Me }) {
  const asked = Taro.getCurrentInstance().router?.params?.scope as MediationScope | undefined
  const handles = handlerScopes(me)
  const scopes: MediationScope[] = [...handles, 'mine']
  const [scope, setScope] = useState<MediationScope>(asked && scopes.includes(asked) ? asked : (handles[handles.length - 1] ?? 'mine'))
  const [shown, setShown] = useState<Shown>(handles.length > 0 ? 'open' : 'all')
  const list = usePaged(
    useCallback((cursor: string | undefined) => call('mediation', 'list', { scope, state: shown === 'all' ? undefined : shown, cursor, limit: 20 }), [scope, shown]),
    { when: 'mount' },
  )
  const { refresh, reload } = list
  usePullRefresh(useCallback(() => refresh(), [refresh]))
  // Loaded on mount; again when the tab or the filter changes, and when the page shows again (back from a case).
  const first = useRef(true)
  useEffect(() => {
    if (first.current) {
      first.current = false
      return
    }
    reload()
  }, [scope, shown, reload])
  useDidShow(reload)
  const dashboard = mediationDashboardEntry(me)
  const handler = handles.length > 0
  const items = [...list.items].sort(byUrgency)
  const tabs = SCOPES.filter((one) => scopes.includes(one)).map((value) => ({ value, label: SCOPE_WORDS[value] }))
  return (
    <View className="md-list-page">
      {mayOpenCase(me) ? (
        <BigButton
          className="md-open-start"
          kind={handler ? 'plain' : 'primary'}
          text={handler ? '开调解（受理纠纷）' : '我要调解'}
          onClick={() => void Taro.navigateTo({ url: ROUTES.mediationOpen })}
        />
      ) : null}
      {dashboard ? (
        <BigButton
          className="md-dashboard-start"
          kind="plain"
          text={dashboard.level === 'village' ? '本村调解统计' : dashboard.level === 'town' ? '本镇调解统计' : '调解统计'}
          onClick={() => void Taro.navigateTo({ url: `${ROUTES.mediationDashboard}?scopeId=${encodeURIComponent(dashboard.scopeId)}` })}
        />
      ) : null}
      {tabs.length > 1 ? (
        <>
          <Text className="cz-text md-block md-label">看哪里的调解</Text>
          <Chips className="md-scopes" chipClassName="md-scope" options={tabs} value={scope} onChange={setScope} />
        </>
      ) : null}
      <Text className="cz-text md-block md-label">{tabs.length > 1 ? '看哪些' : '我的调解'}</Text>
      <Chips className="md-shown" chipClassName="md-shown-chip" options={SHOWN} value={shown} onChange={setShown} />
      <QueryView
        state={list.state}
        onRetry={list.reload}
        empty={
          shown === 'closed' ? '还没有办结的调解。' : scope === 'mine' ? '您现在没有在调解的纠纷。' : `${SCOPE_WORDS[scope]}现在没有${shown === 'open' ? '在调解的' : ''}纠纷。`
        }
        emptyClassName="md-none"
        loadingText="正在加载调解…"
      >
        {() => (
          <View className={`md-list md-list--${scope}`}>
            {items.map((found) => (
              <CaseRow key={found.id} found={found} asParty={scope === 'mine'} />
            ))}
          </View>
        )}
      </QueryView>
      <ListFooter paged={list} refresh end={list.items.length > 0 ? '已经全部显示。' : undefined} />
    </View>
  )
}
