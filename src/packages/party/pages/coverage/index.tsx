import { Text, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { useCallback } from 'react'
import { Card } from '../../../../components/card/Card'
import { Screen } from '../../../../components/screen/Screen'
import { QueryView } from '../../../../components/status/QueryView'
import { usePullRefresh } from '../../../../lib/pull-refresh'
import { loadMe } from '../../../../lib/session'
import { useQuery } from '../../../../lib/use-query'
import { ApiError, call } from '../../../../services/api'
import { policy, type CoverageReport, type CoverageStats } from '../../../../services/contract'
import { ROUTES } from '../../../../services/routes'
import { groupName, percent, widestScope, type CoverageScope } from '../../words'
import '../../party.css'

const CHILD_OF = { city: '镇', town: '村', village: '村' } as const

/** The scope from ?level=&id= (a drill-down), else the widest one the caller may see. */
function useScopeLoader() {
  const { params } = useRouter()
  const level = params.level
  const id = params.id ? decodeURIComponent(params.id) : undefined
  return useCallback(async (): Promise<CoverageReport> => {
    let scope: CoverageScope | null = null
    if (level === 'city') scope = { level: 'city' }
    else if ((level === 'town' || level === 'village') && id) scope = { level, id }
    else scope = widestScope(await loadMe())
    if (!scope) throw new ApiError({ code: 'FORBIDDEN', message: `您没有可以查看的党小组覆盖情况。可以查看的是——${policy.partyGroups.coverage.who}`, requestId: 'client' })
    return call('partyGroups', 'coverage', scope)
  }, [level, id])
}

/** 党小组覆盖情况: big figures, one bar per town or village, and every group still without a Party group. */
export default function PartyCoveragePage() {
  const { state, reload, refresh } = useQuery(useScopeLoader())
  usePullRefresh(refresh)
  return (
    <Screen back>
      <QueryView state={state} onRetry={reload}>
        {(report) => <Coverage report={report} />}
      </QueryView>
    </Screen>
  )
}

function Figure({ label, value, tone, className }: { label: string; value: string; tone?: 'ok' | 'bad'; className?: string }) {
  return (
    <View className={`party-figure${className ? ` ${className}` : ''}`}>
      <Text className={`cz-text party-figure__value${tone ? ` party-figure__value--${tone}` : ''}`}>{value}</Text>
      <Text className="cz-text">{label}</Text>
    </View>
  )
}

function Figures({ stats }: { stats: CoverageStats }) {
  return (
    <View className="party-figures">
      <Figure label="覆盖率" value={percent(stats.coverage)} tone={stats.coverage < 1 ? 'bad' : 'ok'} className="coverage-percent" />
      <Figure label="村民小组" value={String(stats.groups)} className="coverage-groups" />
      <Figure label="党小组" value={String(stats.partyGroups)} className="coverage-party-groups" />
      <Figure label="其中跨组" value={String(stats.crossGroup)} className="coverage-cross" />
      {stats.uncovered > 0 ? <Figure label="没有党小组的组" value={String(stats.uncovered)} tone="bad" /> : null}
      {stats.leaderToBeAppointed > 0 ? <Figure label="待指定党小组长" value={String(stats.leaderToBeAppointed)} tone="bad" /> : null}
    </View>
  )
}

function Bar({ label, share, value, tone }: { label: string; share: number; value: string; tone: 'ok' | 'bad' | 'cross' }) {
  const width = `${Math.max(0, Math.min(1, share)) * 100}%`
  return (
    <View className="party-bar-line">
      <Text className="cz-text party-bar-label">{label}</Text>
      <View className="party-bar-track">
        <View className={`party-bar-fill party-bar-fill--${tone}`} style={{ width }} />
      </View>
      <Text className="cz-text party-bar-value">{value}</Text>
    </View>
  )
}

function Coverage({ report }: { report: CoverageReport }) {
  const { scope, stats, rows, uncovered } = report
  const child = CHILD_OF[scope.level]
  const open = (id: string) => {
    // A village of a town: its town goes along, so a town officer is offered 重新计算 there.
    const town = scope.level === 'town' && scope.id ? `&townId=${encodeURIComponent(scope.id)}` : ''
    const url = scope.level === 'city' ? `${ROUTES.partyCoverage}?level=town&id=${encodeURIComponent(id)}` : `${ROUTES.partyVillage}?villageId=${encodeURIComponent(id)}${town}`
    void Taro.navigateTo({ url })
  }
  return (
    <View>
      <Text className="cz-text cz-title cz-page-title coverage-name">{scope.name}党小组覆盖情况</Text>
      <Figures stats={stats} />
      <Card title={scope.level === 'village' ? '本村' : `各${child}情况`} className="coverage-chart">
        {rows.length === 0 ? <Text className="cz-text">这里还没有{child}的数据。</Text> : null}
        <View className="party-bars">
          {rows.map((row) => (
            <View key={row.id} className="party-bar-row cz-tap coverage-row" hoverClass="cz-pressed" onClick={() => open(row.id)}>
              <View className="party-bar-row__head">
                <Text className="cz-text cz-heading">{row.name}</Text>
                <Text className="cz-text party-drill">{scope.level === 'city' ? '看各村 ›' : '看党小组 ›'}</Text>
              </View>
              <Text className="cz-text cz-text--small party-block">
                村民小组 {row.stats.groups} 个，党小组 {row.stats.partyGroups} 个
              </Text>
              <Bar label="覆盖率" share={row.stats.coverage} value={percent(row.stats.coverage)} tone={row.stats.coverage < 1 ? 'bad' : 'ok'} />
              {/* The cross-group bar is the share of the row's Party groups that are cross-group. */}
              <Bar label="跨组" share={row.stats.partyGroups > 0 ? row.stats.crossGroup / row.stats.partyGroups : 0} value={`${row.stats.crossGroup} 个`} tone="cross" />
            </View>
          ))}
        </View>
      </Card>
      {uncovered.length > 0 ? (
        <Card title={`没有党小组的村民小组（${uncovered.length} 个）`} className="party-card--alert coverage-uncovered">
          {uncovered.map((u) => (
            <View key={`${u.villageId}-${u.group.id}`} className="party-reason">
              <Text className="cz-text party-red">
                {u.villageName} {groupName(u.group)}
              </Text>
              <Text className="cz-text">{u.reason.message}</Text>
            </View>
          ))}
        </Card>
      ) : (
        <Card className="party-card--ok coverage-all-covered">
          <Text className="cz-text party-strong">每个村民小组都有党小组，已经全覆盖。</Text>
        </Card>
      )}
    </View>
  )
}
