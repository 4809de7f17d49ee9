import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useCallback, useState } from 'react'
import { BigButton } from '../../../../components/button/BigButton'
import { Card } from '../../../../components/card/Card'
import { Screen } from '../../../../components/screen/Screen'
import { ListFooter, QueryView } from '../../../../components/status/QueryView'
import { usePullRefresh } from '../../../../lib/pull-refresh'
import { usePaged } from '../../../../lib/use-paged'
import { useQuery } from '../../../../lib/use-query'
import { call } from '../../../../services/api'
import type { ErrandState } from '../../../../services/contract'
import { Chips } from '../../components/Chips'
import { ErrandRow } from '../../components/ErrandRow'
import ColumnChart from '../../../../components/charts/ColumnChart'
import { FiguresTable, Totals } from '../../components/Figures'
import { CatalogManager, EscalationSetting } from './Manage'
import '../../errands.css'

type Filter = 'all' | ErrandState

const FILTERS: { value: Filter; label: string }[] = [
  { value: 'all', label: '全部' },
  { value: 'submitted', label: '待签收' },
  { value: 'handed_on', label: '已转办' },
  { value: 'returned', label: '已退回' },
  { value: 'done', label: '等评价' },
  { value: 'closed', label: '已办结' },
]

type Tab = 'figures' | 'list' | 'manage'

/**
 * 本村／本镇办事情况 for village cadres and town officers: the year's figures (bars by month, the
 * table per group or village beside them), the requests, and for the village's cadres the
 * catalog (开关事项、调整时限) and when overdue requests go to the town.
 */
export default function ErrandScopePage() {
  const params = Taro.getCurrentInstance().router?.params ?? {}
  const scopeId = params.scopeId ?? ''
  const level = params.level === 'town' || params.level === 'city' ? params.level : 'village'
  const [tab, setTab] = useState<Tab>('figures')
  const figures = useQuery(useCallback(() => call('errands', 'figures', { scopeId, months: 12 }), [scopeId]))
  const [filter, setFilter] = useState<Filter>('all')
  const list = usePaged(
    useCallback((cursor: string | undefined) => call('errands', 'list', { scopeId, state: filter === 'all' ? undefined : filter, cursor, limit: 20 }), [scopeId, filter]),
    { when: 'mount' },
  )
  const { refresh: refreshFigures } = figures
  const { refresh: refreshList } = list
  usePullRefresh(useCallback(() => Promise.all([refreshFigures(), refreshList()]), [refreshFigures, refreshList]))
  const tabs: { value: Tab; label: string }[] = [
    { value: 'figures', label: '统计' },
    { value: 'list', label: '申请' },
    ...(level === 'village' ? [{ value: 'manage' as const, label: '事项设置' }] : []),
  ]
  return (
    <Screen back>
      <QueryView state={figures.state} onRetry={figures.reload} loadingText="正在统计…">
        {(data) => <Text className="cz-text cz-title cz-page-title eu-scope-title">{data.name}办事情况</Text>}
      </QueryView>
      <Chips className="eu-scope-tabs" options={tabs} value={tab} onChange={setTab} />
      {tab === 'figures' ? (
        <QueryView state={figures.state} onRetry={figures.reload} loadingText="正在统计…">
          {(data) => (
            <View className="eu-figures">
              <Card title="近 12 个月" className="eu-figures-total">
                <Totals total={data.total} />
              </Card>
              <Card title="每月申请件数" className="eu-figures-months">
                <ColumnChart
                  id="eu-months-chart"
                  categories={data.months.map((month) => month.label)}
                  series={[
                    { name: '申请件数', data: data.months.map((month) => month.requests), color: '#e8a19c' },
                    { name: '按时办好', data: data.months.map((month) => month.onTime), color: '#b3261e' },
                  ]}
                  label={`每月申请件数：${data.months.map((month) => `${month.label}${month.requests}件`).join('，')}`}
                />
                {data.months.some((month) => month.requests > 0) ? (
                  <FiguresTable className="eu-months-table" rows={data.months.filter((month) => month.requests > 0)} first="有申请的月份" />
                ) : null}
              </Card>
              <Card title={level === 'village' ? '各组情况' : level === 'town' ? '各村情况' : '各镇情况'} className="eu-figures-parts">
                {data.parts.length > 0 ? (
                  <>
                    <ColumnChart
                      id="eu-parts-chart"
                      categories={data.parts.map((part) => part.label)}
                      series={[
                        { name: '申请件数', data: data.parts.map((part) => part.requests), color: '#e8a19c' },
                        { name: '办好人次', data: data.parts.map((part) => part.personTimes), color: '#b3261e' },
                      ]}
                      label={`各${level === 'village' ? '组' : '村'}申请件数：${data.parts.map((part) => `${part.label}${part.requests}件`).join('，')}`}
                    />
                    <FiguresTable className="eu-parts-table" rows={data.parts} first={level === 'village' ? '组' : level === 'town' ? '村' : '镇'} />
                  </>
                ) : (
                  <Text className="cz-text">还没有申请。</Text>
                )}
              </Card>
            </View>
          )}
        </QueryView>
      ) : null}
      {tab === 'list' ? (
        <View className="eu-scope-list">
          <Chips className="eu-filters" options={FILTERS} value={filter} onChange={setFilter} />
          <QueryView state={list.state} onRetry={list.reload} empty="没有这样的申请。" loadingText="正在加载申请…">
            {() => (
              <View className="eu-list">
                {list.items.map((errand) => (
                  <ErrandRow key={errand.id} errand={errand} withPerson />
                ))}
              </View>
            )}
          </QueryView>
          <ListFooter paged={list} refresh end={list.items.length > 0 ? '已经全部显示。' : undefined} />
        </View>
      ) : null}
      {tab === 'manage' && level === 'village' ? (
        <View className="eu-manage">
          <EscalationSetting villageId={scopeId} />
          <CatalogManager villageId={scopeId} />
        </View>
      ) : null}
      {tab === 'figures' ? <BigButton className="cz-refresh" kind="plain" text="刷新" onClick={() => void refreshFigures()} /> : null}
    </Screen>
  )
}
