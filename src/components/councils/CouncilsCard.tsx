import { Text } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useCallback } from 'react'
import { usePullRefresh } from '../../lib/pull-refresh'
import { useQuery, type QueryState } from '../../lib/use-query'
import { call } from '../../services/api'
import { ROUTES } from '../../services/routes'
import { BigButton } from '../button/BigButton'
import { Card } from '../card/Card'
import './councils-card.css'

const PAGE = 100

export interface WaitingVotes {
  count: number
  /** More than a page waits: said as "100 多". */
  more: boolean
}

/** How many votes wait for me (「需要我表决」): a page of up to 100. */
async function loadWaiting(): Promise<WaitingVotes> {
  const page = await call('councils', 'matters', { filter: 'to_vote', limit: PAGE })
  return { count: page.items.length, more: page.nextCursor !== null }
}

/** The page's count of votes waiting for me: asked each time the page shows and on pull-down. */
export function useWaitingVotes(): QueryState<WaitingVotes> {
  const { state, refresh } = useQuery(loadWaiting)
  usePullRefresh(useCallback(() => refresh(), [refresh]))
  return state
}

/** Some vote waits for me (the card then goes first on the page). */
export const votesWaiting = (state: QueryState<WaitingVotes>) => state.status === 'ready' && state.data.count > 0

/**
 * 议事表决 on 首页 and 办事: how many votes wait for me, in red when some do, and the way in (the
 * results published to my group and village are there too). If the count fails, the entry stays.
 */
export function CouncilsCard({ state, className }: { state: QueryState<WaitingVotes>; className?: string }) {
  const waiting = state.status === 'ready' ? state.data : null
  const some = waiting !== null && waiting.count > 0
  return (
    <Card title="议事表决" className={`cc-entry${some ? ' cc-entry--waiting' : ''}${className ? ` ${className}` : ''}`}>
      {waiting ? (
        some ? (
          <Text className="cz-text cz-heading cc-entry__count">有 {waiting.more ? `${waiting.count} 多` : waiting.count} 件事等您表决</Text>
        ) : (
          <Text className="cz-text cc-entry__none">目前没有等您表决的事。本组、本村的表决结果也在这里看。</Text>
        )
      ) : null}
      <BigButton
        className="cc-entry__open"
        kind={some ? 'primary' : 'plain'}
        text={some ? '去表决' : '看议事和表决结果'}
        onClick={() => void Taro.navigateTo({ url: ROUTES.councils })}
      />
    </Card>
  )
}
