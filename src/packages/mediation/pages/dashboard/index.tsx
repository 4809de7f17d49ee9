import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useCallback } from 'react'
import { BigButton } from '../../../../components/button/BigButton'
import { Card } from '../../../../components/card/Card'
import ColumnChart from '../../../../components/charts/ColumnChart'
import { Screen } from '../../../../components/screen/Screen'
import { QueryView } from '../../../../components/status/QueryView'
import { usePullRefresh } from '../../../../lib/pull-refresh'
import { useQuery } from '../../../../lib/use-query'
import { call } from '../../../../services/api'
import type { OutputOf } from '../../../../services/contract'
import { percent } from '../../words'
import '../../mediation.css'

type Dashboard = OutputOf<'mediation', 'dashboard'>

/**
 * 调解统计 for village cadres and town officers: counts only, never a case's content. Open cases by
 * level and by type, high-risk and overdue ones, time to first contact, the resolution rate, and the
 * months as columns with the numbers in a table beside them.
 */
export default function MediationDashboardPage() {
  const scopeId = Taro.getCurrentInstance().router?.params?.scopeId ?? ''
  const { state, reload, refresh } = useQuery(useCallback(() => call('mediation', 'dashboard', { scopeId, months: 12 }), [scopeId]))
  usePullRefresh(useCallback(() => refresh(), [refresh]))
  return (
    <Screen back>
      <QueryView state={state} onRetry={reload} loadingText="正在统计…">
        {(data) => <Figures data={data} />}
      </QueryView>
      <BigButton className="cz-refresh" kind="plain" text="刷新" onClick={reload} />
    </Screen>
  )
}

function Figures({ data }: { data: Dashboard }) {
  const cells = [
    { key: 'open', label: '正在调解', value: `${data.open} 件`, red: false },
    { key: 'high-risk', label: '高风险', value: `${data.highRisk} 件`, red: data.highRisk > 0 },
    { key: 'overdue', label: '超期', value: `${data.overdue} 件`, red: data.overdue > 0 },
    { key: 'past-norm', label: '超过 30 天', value: `${data.pastNorm} 件`, red: data.pastNorm > 0 },
    { key: 'first-contact', label: '多久联系当事人', value: data.firstContactHours === null ? '—' : `平均 ${data.firstContactHours} 小时`, red: false },
    { key: 'resolved', label: '调解成功率', value: percent(data.resolutionRate), red: false },
  ]
  const shownMonths = data.months.filter((month) => month.opened > 0 || month.closed > 0)
  return (
    <View className="md-dashboard">
      <Text className="cz-text cz-title cz-page-title md-dashboard-title">{data.name}调解情况</Text>
      <Card className="md-totals-card">
        <View className="md-totals">
          {cells.map((cell) => (
            <View key={cell.key} className={`md-total md-total--${cell.key}${cell.red ? ' is-red' : ''}`}>
              <Text className="cz-text cz-text--small md-block">{cell.label}</Text>
              <Text className="cz-text cz-heading md-block md-total__value">{cell.value}</Text>
            </View>
          ))}
        </View>
        <Text className="cz-text cz-text--small md-block">
          近 12 个月办结 {data.closed} 件，调解成功 {data.resolved} 件。
        </Text>
      </Card>
      <Card title="正在调解的在哪一级" className="md-by-level">
        <Counts rows={data.byLevel} />
      </Card>
      <Card title="正在调解的是什么纠纷" className="md-by-type">
        <Counts rows={data.byType} />
      </Card>
      <Card title="每月受理和办结" className="md-months">
        <ColumnChart
          id="md-months-chart"
          categories={data.months.map((month) => month.label.replace(/^\d+年/, ''))}
          series={[
            { name: '受理', data: data.months.map((month) => month.opened), color: '#e8a19c' },
            { name: '调解成功', data: data.months.map((month) => month.resolved), color: '#b3261e' },
          ]}
          label={`每月受理件数：${data.months.map((month) => `${month.label}${month.opened}件`).join('，')}`}
        />
        {shownMonths.length > 0 ? (
          <View className="md-table md-months-table">
            <View className="md-table__row md-table__row--head">
              <Text className="cz-text cz-text--small md-table__name">月份</Text>
              <Text className="cz-text cz-text--small md-table__cell">受理</Text>
              <Text className="cz-text cz-text--small md-table__cell">办结</Text>
              <Text className="cz-text cz-text--small md-table__cell">成功</Text>
            </View>
            {shownMonths.map((month) => (
              <View key={month.month} className="md-table__row" data-month={month.month}>
                <Text className="cz-text md-table__name">{month.label}</Text>
                <Text className="cz-text md-table__cell">{month.opened}</Text>
                <Text className="cz-text md-table__cell">{month.closed}</Text>
                <Text className="cz-text md-table__cell">{month.resolved}</Text>
              </View>
            ))}
          </View>
        ) : (
          <Text className="cz-text md-block">近 12 个月还没有调解。</Text>
        )}
      </Card>
    </View>
  )
}

/** A count per level or type: the label, the number, a bar under it. */
function Counts({ rows }: { rows: Dashboard['byLevel'] }) {
  const most = Math.max(1, ...rows.map((row) => row.count))
  return (
    <View className="md-counts">
      {rows.map((row) => (
        <View key={row.key} className="md-count" data-key={row.key}>
          <View className="md-count__line">
            <Text className="cz-text md-strong">{row.label}</Text>
            <Text className="cz-text md-strong md-count__value">{row.count} 件</Text>
          </View>
          <View className="md-count__track">
            <View className="md-count__fill" style={{ width: `${(row.count / most) * 100}%` }} />
          </View>
        </View>
      ))}
    </View>
  )
}
