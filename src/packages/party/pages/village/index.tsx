import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import { BigButton } from '../../../../components/button/BigButton'
import { Card } from '../../../../components/card/Card'
import { Screen } from '../../../../components/screen/Screen'
import { ErrorNotice, Loading } from '../../../../components/status/Status'
import { useBackGuard } from '../../../../lib/back-guard'
import { villageDateTime } from '../../../../lib/village-time'
import { call, toApiError } from '../../../../services/api'
import type { VillageReport } from '../../../../services/contract'
import { downloadAndOpen } from '../../../../services/files'
import { ROUTES } from '../../../../services/routes'
import { PartyGroupCard } from '../../components/PartyGroupCard'
import { groupName, overrideSentence, statsSentence, type Notice, type VillageRights } from '../../words'
import { AppointPanel } from './AppointPanel'
import { ImportPanel } from './ImportPanel'
import { MovePanel } from './MovePanel'
import { useVillage } from './use-village'
import '../../party.css'

type Mode = { kind: 'report' } | { kind: 'appoint'; partyGroupId: string } | { kind: 'move'; partyGroupId: string } | { kind: 'import' }

/** 党小组管理: the village secretary's view of every Party group, with the changes they may make. */
export default function PartyVillagePage() {
  const { state, reload, setReport } = useVillage()
  const [mode, setModeState] = useState<Mode>({ kind: 'report' })
  const [notice, setNotice] = useState<Notice>()
  const [busy, setBusy] = useState<string>()

  const setMode = (next: Mode) => {
    setModeState(next)
    void Taro.pageScrollTo({ scrollTop: 0, duration: 0 }).catch(() => undefined)
  }
  const back = (next?: Notice) => {
    setNotice(next)
    setMode({ kind: 'report' })
  }
  // A panel is part of this page: 返回 (and, in the browser, the back button) closes it first.
  const panelOpen = mode.kind !== 'report'
  useBackGuard(panelOpen, () => back())

  if (state.status !== 'ready') {
    return <Screen back>{state.status === 'loading' ? <Loading /> : <ErrorNotice error={state.error} onRetry={() => void reload().catch(() => undefined)} />}</Screen>
  }

  const { villageId, report, rights } = state
  const partyGroup = mode.kind === 'appoint' || mode.kind === 'move' ? report.partyGroups.find((pg) => pg.id === mode.partyGroupId) : undefined
  const afterOverride = (next: VillageReport, words: Notice) => {
    setReport(next)
    back(words)
  }

  /** One button at a time; the answer or the refusal shows at the top. */
  const act = async (words: string, work: () => Promise<Notice | undefined>) => {
    if (busy) return
    setBusy(words)
    setNotice(undefined)
    try {
      setNotice(await work())
    } catch (thrown) {
      setNotice({ kind: 'error', text: toApiError(thrown).message })
    } finally {
      setBusy(undefined)
    }
  }
  const recompute = () =>
    act('正在重新计算…', async () => {
      setReport(await call('partyGroups', 'recompute', { villageId }))
      return { kind: 'ok', text: '已按最新花名册重新计算。' }
    })
  const exportRoster = () =>
    act('正在导出…', async () => {
      const file = await call('roster', 'export', { villageId })
      await downloadAndOpen(file)
      // The browser saves it to the downloads; WeChat opens it (its "…" menu forwards it to a computer).
      return { kind: 'ok', text: process.env.TARO_ENV === 'h5' ? `已下载：${file.fileName}` : `已打开：${file.fileName}` }
    })
  const imported = (words: Notice) => {
    back(words)
    // The import recomputed the Party groups on the server: show them as they now stand.
    reload().catch((thrown: unknown) => setNotice({ kind: 'error', text: toApiError(thrown).message }))
  }

  return (
    <Screen back onBack={panelOpen ? () => back() : undefined}>
      {mode.kind === 'import' ? <ImportPanel villageId={villageId} currentGroups={report.stats.groups} onDone={imported} onCancel={() => back()} /> : null}
      {partyGroup && mode.kind === 'appoint' ? <AppointPanel villageId={villageId} partyGroup={partyGroup} onDone={afterOverride} onCancel={() => back()} /> : null}
      {partyGroup && mode.kind === 'move' ? <MovePanel villageId={villageId} report={report} partyGroup={partyGroup} onDone={afterOverride} onCancel={() => back()} /> : null}
      {mode.kind === 'report' || ((mode.kind === 'appoint' || mode.kind === 'move') && !partyGroup) ? (
        <Report
          rights={rights}
          villageId={villageId}
          report={report}
          notice={notice}
          busy={busy}
          onRecompute={() => void recompute()}
          onExport={() => void exportRoster()}
          onImport={() => setMode({ kind: 'import' })}
          onAppoint={(id) => setMode({ kind: 'appoint', partyGroupId: id })}
          onMove={(id) => setMode({ kind: 'move', partyGroupId: id })}
        />
      ) : null}
    </Screen>
  )
}

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

function Report({ rights, villageId, report, notice, busy, onRecompute, onExport, onImport, onAppoint, onMove }: ReportProps) {
  // Each change is offered only to those the function lets make it (words.ts villageRights).
  const { stats } = report
  return (
    <View>
      <Text className="cz-text cz-title cz-page-title party-village-name">{report.village.name}党小组</Text>
      {busy ? <Text className="cz-text party-notice party-notice--ok">{busy}</Text> : null}
      {notice ? <Text className={`cz-text party-notice party-notice--${notice.kind} party-village-notice`}>{notice.text}</Text> : null}

      <Card className={stats.coverage < 1 ? 'party-card--alert' : 'party-card--ok'}>
        <Text className="cz-text cz-heading party-block party-stats">{statsSentence(stats)}</Text>
        {stats.uncovered > 0 ? <Text className="cz-text party-red party-block">还有 {stats.uncovered} 个村民小组没有党小组</Text> : null}
        {stats.leaderToBeAppointed > 0 ? <Text className="cz-text party-red party-block">{stats.leaderToBeAppointed} 个党小组待指定党小组长</Text> : null}
        <Text className="cz-text cz-text--small party-block party-gap">
          {report.village.townName} · 计算时间 {villageDateTime(report.computedAt)}
        </Text>
      </Card>

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

      {report.uncovered.length > 0 ? (
        <Card title="没有党小组的村民小组" className="party-card--alert party-uncovered">
          {report.uncovered.map((u) => (
            <View key={u.group.id} className="party-reason">
              <Text className="cz-text party-red">{groupName(u.group)}</Text>
              <Text className="cz-text">{[...u.weaknesses.map((w) => w.message), u.reason.message].join('，')}</Text>
            </View>
          ))}
          <Text className="cz-text cz-text--small party-gap">请在花名册里补登党员或调整组长、相邻组后重新计算。</Text>
        </Card>
      ) : null}

      {report.overrideIssues.length > 0 ? (
        <Card title="没能生效的调整" className="party-card--warn party-issues">
          {report.overrideIssues.map((issue) => (
            <View key={`${issue.override.kind}-${issue.override.at}-${issue.code}`} className="party-reason">
              <Text className="cz-text party-strong">{overrideSentence(issue.override, report)}</Text>
              <Text className="cz-text">{issue.message}</Text>
              <Text className="cz-text cz-text--small">原因：{issue.override.why}</Text>
            </View>
          ))}
        </Card>
      ) : null}

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
