import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { BigButton } from '../../../../components/button/BigButton'
import { Card } from '../../../../components/card/Card'
import { villageDateTime } from '../../../../lib/village-time'
import type { VillageReport } from '../../../../services/contract'
import { ROUTES } from '../../../../services/routes'
import { PartyGroupCard } from '../../components/PartyGroupCard'
import { groupName, overrideSentence, statsSentence, type Notice, type VillageRights } from '../../words'

interface ReportProps {
  rights: VillageRights
  villageId: string
  report: VillageReport
  notice?: Notice
  busy?: string
  onRecompute: () => void
  onExport: () => void
  onImport: () => void
  onAppoint: (partyGroupId: string) => void
  onMove: (partyGroupId: string) => void
}

export function Report({ rights, villageId, report, notice, busy, onRecompute, onExport, onImport, onAppoint, onMove }: ReportProps) {
  // Each change is offered only to those the function lets make it (words.ts villageRights).
  return (
    <View>
      <Text className="cz-text cz-title cz-page-title party-village-name">{report.village.name}党小组</Text>
      {busy ? <Text className="cz-text party-notice party-notice--ok">{busy}</Text> : null}
      {notice ? <Text className={`cz-text party-notice party-notice--${notice.kind} party-village-notice`}>{notice.text}</Text> : null}

      <StatsCard report={report} />
      <VillageActions rights={rights} villageId={villageId} busy={busy} onRecompute={onRecompute} onExport={onExport} onImport={onImport} />

      <UncoveredCard report={report} />
      <IssuesCard report={report} />

      {report.partyGroups.length === 0 ? (
        <Card>
          <Text className="cz-text">本村还没有党小组。请先导入花名册。</Text>
        </Card>
      ) : null}
      {report.partyGroups.map((pg) => (
        <PartyGroupCard
          key={pg.id}
          partyGroup={pg}
          report={report}
          onAppoint={rights.override ? () => onAppoint(pg.id) : undefined}
          onMove={rights.override ? () => onMove(pg.id) : undefined}
        />
      ))}
    </View>
  )
}

/** The village's figures and its red lines. */
function StatsCard({ report }: { report: VillageReport }) {
  const { stats } = report
  return (
    <Card className={stats.coverage < 1 ? 'party-card--alert' : 'party-card--ok'}>
      <Text className="cz-text cz-heading party-block party-stats">{statsSentence(stats)}</Text>
      {stats.uncovered > 0 ? <Text className="cz-text party-red party-block">还有 {stats.uncovered} 个村民小组没有党小组</Text> : null}
      {stats.leaderToBeAppointed > 0 ? <Text className="cz-text party-red party-block">{stats.leaderToBeAppointed} 个党小组待指定党小组长</Text> : null}
      <Text className="cz-text cz-text--small party-block party-gap">
        {report.village.townName} · 计算时间 {villageDateTime(report.computedAt)}
      </Text>
    </Card>
  )
}

interface ActionsProps {
  rights: VillageRights
  villageId: string
  busy?: string
  onRecompute: () => void
  onExport: () => void
  onImport: () => void
}

/** 重新计算, 导出/导入花名册 (each only for those the function lets do it), 变更台账. */
function VillageActions({ rights, villageId, busy, onRecompute, onExport, onImport }: ActionsProps) {
  return (
    <View className="party-actions">
      {rights.recompute ? <BigButton className="party-recompute" kind="plain" text="重新计算" disabled={!!busy} onClick={onRecompute} /> : null}
      {rights.roster ? <BigButton className="party-export" kind="plain" text="导出花名册" disabled={!!busy} onClick={onExport} /> : null}
      {rights.roster ? <BigButton className="party-import" kind="plain" text="导入花名册" disabled={!!busy} onClick={onImport} /> : null}
      <BigButton
        className="party-ledger"
        kind="plain"
        text="变更台账"
        onClick={() => void Taro.navigateTo({ url: `${ROUTES.partyLedger}?villageId=${encodeURIComponent(villageId)}` })}
      />
    </View>
  )
}

/** Villager groups still without a Party group, and why. */
function UncoveredCard({ report }: { report: VillageReport }) {
  if (report.uncovered.length === 0) return null
  return (
    <Card title="没有党小组的村民小组" className="party-card--alert party-uncovered">
      {report.uncovered.map((u) => (
        <View key={u.group.id} className="party-reason">
          <Text className="cz-text party-red">{groupName(u.group)}</Text>
          <Text className="cz-text">{[...u.weaknesses.map((w) => w.message), u.reason.message].join('，')}</Text>
        </View>
      ))}
      <Text className="cz-text cz-text--small party-gap">请在花名册里补登党员或调整组长、相邻组后重新计算。</Text>
    </Card>
  )
}

/** Overrides the secretary made that the rules could not apply. */
function IssuesCard({ report }: { report: VillageReport }) {
  if (report.overrideIssues.length === 0) return null
  return (
    <Card title="没能生效的调整" className="party-card--warn party-issues">
      {report.overrideIssues.map((issue) => (
        <View key={`${issue.override.kind}-${issue.override.at}-${issue.code}`} className="party-reason">
          <Text className="cz-text party-strong">{overrideSentence(issue.override, report)}</Text>
          <Text className="cz-text">{issue.message}</Text>
          <Text className="cz-text cz-text--small">原因：{issue.override.why}</Text>
        </View>
      ))}
    </Card>
  )
}
