import { Text } from '@tarojs/components'
import Taro, { useDidShow } from '@tarojs/taro'
import { useCallback } from 'react'
import { usePullRefresh } from '../../lib/pull-refresh'
import { useQuery } from '../../lib/use-query'
import { call } from '../../services/api'
import { ROUTES } from '../../services/routes'
import { BigButton } from '../button/BigButton'
import { Card } from '../card/Card'
import './councils-card.css'

const PAGE = 100

/** How many votes wait for me (「需要我表决」): a page of up to 100, "100 多" beyond. */
async function loadWaiting(): Promise<{ count: number; more: boolean }> {
  const page = await call('councils', 'matters', { filter: 'to_vote', limit: PAGE })
  return { count: page.items.length, more: page.nextCursor !== null }
}

/**
 * 议事表决 on 首页 and 办事: how many votes wait for me, in red when some do, and the way in (the
 * results published to my group and village are there too). If the count fails, the entry stays.
 */
export function CouncilsCard({ className }: { className?: string }) {
  // Mounted once who is signed in is known (after the page showed): loads on mount, and again each time the page shows.
  const { state, reload, refresh } = useQuery(loadWaiting, { when: 'mount' })
  // (Still loading: this show is the one it mounted on, so no second request.)
  useDidShow(() => {
    if (state.status !== 'loading') reload()
  })
  usePullRefresh(useCallback(() => refresh(), [refresh]))
  const waiting = state.status === 'ready' ? state.data : null
  return (
    <Card title="议事表决" className={`cc-entry${waiting && waiting.count > 0 ? ' cc-entry--waiting' : ''}${className ? ` ${className}` : ''}`}>
      {waiting ? (
        waiting.count > 0 ? (
          <Text className="cz-text cz-heading cc-entry__count">有 {waiting.more ? `${waiting.count} 多` : waiting.count} 件事等您表决</Text>
        ) : (
          <Text className="cz-text cc-entry__none">目前没有等您表决的事。本组、本村的表决结果也在这里看。</Text>
        )
      ) : null}
      <BigButton
        className="cc-entry__open"
        kind={waiting && waiting.count > 0 ? 'primary' : 'plain'}
        text={waiting && waiting.count > 0 ? '去表决' : '看议事和表决结果'}
        onClick={() => void Taro.navigateTo({ url: ROUTES.councils })}
      />
    </Card>
  )
}
