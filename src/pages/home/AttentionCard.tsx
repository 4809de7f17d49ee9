import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useCallback } from 'react'
import { Card } from '../../components/card/Card'
import { QueryView } from '../../components/status/QueryView'
import { usePullRefresh } from '../../lib/pull-refresh'
import { loadMe } from '../../lib/session'
import { useQuery } from '../../lib/use-query'
import { call } from '../../services/api'
import type { AttentionItem, Role } from '../../services/contract'
import './attention.css'

/** Who 首页 leads with 需要处理 for: the village's cadres and the town's and city's officers. */
const CADRE: readonly Role[] = ['village_secretary', 'village_staff', 'town_officer', 'city_officer', 'admin']

const SEVERITY_WORDS: Record<AttentionItem['severity'], string> = { high: '紧急', medium: '注意', low: '提醒' }

/** The items for a cadre, worst first; null for anyone else (nothing is asked then). */
export const leadsWithAttention = (roles: readonly Role[]) => roles.some((role) => CADRE.includes(role))

async function loadAttention(): Promise<AttentionItem[] | null> {
  const me = await loadMe()
  if (!leadsWithAttention(me.roles)) return null
  return (await call('home', 'attention', {})).items
}

/** One thing to handle: the whole row opens its page; 紧急 red, 注意 amber, 提醒 blue, in words too. */
function AttentionRow({ item }: { item: AttentionItem }) {
  return (
    <View className={`cz-row cz-tap home-attention-row home-attention-row--${item.severity}`} hoverClass="cz-pressed" onClick={() => void Taro.navigateTo({ url: item.page })}>
      <View className="home-attention-main">
        <Text className={`cz-text cz-text--small home-attention-severity home-attention-severity--${item.severity}`}>{SEVERITY_WORDS[item.severity]}</Text>
        <Text className="cz-text home-attention-title">{item.title}</Text>
      </View>
      <Text className="cz-text cz-heading home-attention-go">去处理 ›</Text>
    </View>
  )
}

/**
 * 需要处理 at the top of 首页 for cadres: what needs them, worst first (home.attention), each a big
 * row that opens the page to handle it; a plain sentence when there is nothing. Loaded each time
 * 首页 shows and on pull-down; shows nothing at all for villagers.
 */
export function AttentionCard() {
  const { state, reload, refresh } = useQuery(loadAttention)
  usePullRefresh(useCallback(() => refresh(), [refresh]))
  if (state.status === 'ready' && state.data === null) return null
  return (
    <Card title="需要处理" className="home-attention">
      <QueryView state={state} onRetry={reload} loadingText="正在查要处理的事…" atHome>
        {(items) =>
          !items || items.length === 0 ? (
            <Text className="cz-text home-attention-none">目前没有需要处理的事。</Text>
          ) : (
            <View className="home-attention-list">
              {items.map((item, index) => (
                <AttentionRow key={`${item.kind}-${item.page}-${index}`} item={item} />
              ))}
            </View>
          )
        }
      </QueryView>
    </Card>
  )
}
