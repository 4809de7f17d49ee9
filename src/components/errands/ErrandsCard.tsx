import { Text, View } from '@tarojs/components'
import Taro, { useDidShow } from '@tarojs/taro'
import { useCallback } from 'react'
import { todoStore } from '../../lib/errands-todo'
import { usePullRefresh } from '../../lib/pull-refresh'
import { loadMe } from '../../lib/session'
import { useStore } from '../../lib/store'
import { useQuery } from '../../lib/use-query'
import { call } from '../../services/api'
import type { CatalogItem } from '../../services/contract'
import { ROUTES } from '../../services/routes'
import { BigButton } from '../button/BigButton'
import { Card } from '../card/Card'
import './errands-card.css'

const TOP = 5

/** The village's five most-used items, for someone in a villager group; null for anyone else (nothing asked). */
async function loadTop(): Promise<CatalogItem[] | null> {
  const me = await loadMe()
  if (!me.groupId) return null
  const catalog = await call('errands', 'catalog', {})
  return catalog.categories
    .flatMap((category) => category.items)
    .filter((item) => item.enabled)
    .sort((a, b) => b.uses - a.uses)
    .slice(0, TOP)
}

const open = (url: string) => () => void Taro.navigateTo({ url })

/**
 * 办事 on 首页 and the 办事 tab: the five items the village asks for most, each a big button that
 * opens its one-screen request (首页 → item → 提交); 全部事项 and 我的申请 under them. A leader's
 * open and overdue count leads, with the way to 组长待办.
 */
export function ErrandsCard({ className, withTodo = true }: { className?: string; withTodo?: boolean }) {
  // Mounted once the page's own data is in (after the page showed): loads on mount, then on each show.
  const { state, reload, refresh } = useQuery(loadTop, { when: 'mount' })
  useDidShow(reload)
  usePullRefresh(useCallback(() => refresh(), [refresh]))
  const todo = useStore(todoStore)
  if (state.status === 'ready' && state.data === null) return null
  const items = state.status === 'ready' ? (state.data ?? []) : []
  return (
    <Card title="办事" className={`ec-card${className ? ` ${className}` : ''}`}>
      {withTodo && todo.open > 0 ? <TodoLine open={todo.open} overdue={todo.overdue} /> : null}
      <Text className="cz-text ec-hint">请组长帮您跑腿办事，点一下要办的事：</Text>
      {state.status === 'loading' ? <Text className="cz-text ec-hint">正在加载常办的事…</Text> : null}
      {state.status === 'error' ? <Text className="cz-text ec-hint">常办的事没有加载出来，可以点「全部事项」。</Text> : null}
      <View className="ec-quick">
        {items.map((item) => (
          <View
            key={item.id}
            className="cz-tap ec-quick__item"
            data-item-id={item.id}
            hoverClass="cz-pressed"
            onClick={open(`${ROUTES.errandRequest}?itemId=${encodeURIComponent(item.id)}`)}
          >
            <Text className="cz-text cz-heading ec-quick__name">{item.name}</Text>
            <Text className="cz-text cz-text--small ec-quick__days">{item.days} 个工作日内办好</Text>
          </View>
        ))}
      </View>
      <View className="ec-more">
        <BigButton className="ec-all" kind="plain" text="全部事项" onClick={open(ROUTES.errandCatalog)} />
        <BigButton className="ec-mine" kind="plain" text="我的申请" onClick={open(ROUTES.errandsMine)} />
      </View>
    </Card>
  )
}

/** 组长待办: how many are open and overdue, in red when some are late, and the way in. */
export function TodoLine({ open: count, overdue }: { open: number; overdue: number }) {
  return (
    <View className={`ec-todo${overdue > 0 ? ' ec-todo--overdue' : ''}`}>
      <Text className="cz-text cz-heading ec-todo__count">
        待办 {count} 件{overdue > 0 ? `，${overdue} 件超期` : ''}
      </Text>
      <BigButton className="ec-todo__open" text="去办理" onClick={open(ROUTES.errandsTodo)} />
    </View>
  )
}
