import { Text } from '@tarojs/components'
import Taro, { useDidShow } from '@tarojs/taro'
import { useCallback, useMemo } from 'react'
import { handlerScopes, mayOpenCase, SCOPE_WORDS, type MediationScope } from '../../lib/mediation'
import { usePullRefresh } from '../../lib/pull-refresh'
import { useQuery } from '../../lib/use-query'
import { call } from '../../services/api'
import type { Me } from '../../services/contract'
import { ROUTES } from '../../services/routes'
import { BigButton } from '../button/BigButton'
import { Card } from '../card/Card'
import './mediation-card.css'

const PAGE = 50

interface Open {
  scope: MediationScope
  count: number
  more: boolean
  highRisk: number
}

/** The open cases at the level the person mediates at (the widest), or null for someone who mediates nowhere. */
function loadOpen(me: Me): () => Promise<Open | null> {
  return async () => {
    const scopes = handlerScopes(me)
    const scope = scopes[scopes.length - 1]
    if (!scope) return null
    const page = await call('mediation', 'list', { scope, state: 'open', limit: PAGE })
    return { scope, count: page.items.length, more: page.nextCursor !== null, highRisk: page.items.filter((item) => item.highRisk).length }
  }
}

const go = (url: string) => () => void Taro.navigateTo({ url })

/**
 * 调解（老娘舅） on 首页 and 办事: for a leader, a village cadre or a town officer how many disputes
 * are being mediated at their level (high-risk ones in red) and the way in; for a villager 我要调解
 * and 我的调解.
 */
export function MediationCard({ me, className }: { me: Me; className?: string }) {
  const load = useMemo(() => loadOpen(me), [me])
  // Mounted once the page's own data is in (after the page showed): loads on mount, then on each show.
  const { state, reload, refresh } = useQuery(load, { when: 'mount' })
  useDidShow(reload)
  usePullRefresh(useCallback(() => refresh(), [refresh]))
  const open = state.status === 'ready' ? state.data : null
  const handler = handlerScopes(me).length > 0
  const risky = open !== null && open.highRisk > 0
  // The main button: the list when something is open there, else taking a new dispute in.
  const busy = handler && open !== null && open.count > 0
  return (
    <Card title="调解（老娘舅）" className={`mc-card${risky ? ' mc-card--risk' : ''}${className ? ` ${className}` : ''}`}>
      {handler ? (
        open ? (
          <>
            {open.count > 0 ? (
              <Text className="cz-text cz-heading mc-count">
                {SCOPE_WORDS[open.scope]}正在调解 {open.count}
                {open.more ? ' 多' : ''} 件
              </Text>
            ) : (
              <Text className="cz-text mc-count mc-count--none">{SCOPE_WORDS[open.scope]}现在没有在调解的纠纷。</Text>
            )}
            {risky ? <Text className="cz-text cz-heading mc-risk">其中高风险 {open.highRisk} 件，请先办</Text> : null}
          </>
        ) : null
      ) : (
        <Text className="cz-text mc-hint">邻里、家庭、土地、工钱的纠纷，找组长调解，不收费。</Text>
      )}
      <BigButton
        className="mc-open-list"
        kind={busy ? 'primary' : 'plain'}
        text={handler ? '看调解' : '我的调解'}
        onClick={go(handler ? ROUTES.mediation : `${ROUTES.mediation}?scope=mine`)}
      />
      {mayOpenCase(me) ? (
        <BigButton className="mc-open-new" kind={busy ? 'plain' : 'primary'} text={handler ? '开调解（受理纠纷）' : '我要调解'} onClick={go(ROUTES.mediationOpen)} />
      ) : null}
    </Card>
  )
}
