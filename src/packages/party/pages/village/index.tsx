import Taro from '@tarojs/taro'
import { useState } from 'react'
import { Screen } from '../../../../components/screen/Screen'
import { QueryView } from '../../../../components/status/QueryView'
import { useBackGuard } from '../../../../lib/back-guard'
import { usePullRefresh } from '../../../../lib/pull-refresh'
import type { VillageReport } from '../../../../services/contract'
import type { Notice } from '../../words'
import { AppointPanel } from './AppointPanel'
import { ImportPanel } from './ImportPanel'
import { MovePanel } from './MovePanel'
import { useVillageActions } from './use-village-actions'
import { useVillage, type VillageData } from './use-village'
import { Report } from './VillageReportView'
import '../../party.css'
import './village.css'

type Mode = { kind: 'report' } | { kind: 'appoint'; partyGroupId: string } | { kind: 'move'; partyGroupId: string } | { kind: 'import' }

/** 党小组管理: the village secretary's view of every Party group, with the changes they may make. */
export default function PartyVillagePage() {
  const { state, reload, refresh, setReport } = useVillage()
  usePullRefresh(refresh, { withMe: true })
  const [mode, setModeState] = useState<Mode>({ kind: 'report' })
  const [notice, setNotice] = useState<Notice>()

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

  return (
    <Screen back onBack={panelOpen ? () => back() : undefined}>
      <QueryView state={state} onRetry={reload}>
        {(data) => (
          <VillageBody
            data={data}
            mode={mode}
            notice={notice}
            onNotice={setNotice}
            onMode={setMode}
            onBack={back}
            onReport={setReport}
            onImported={(words) => {
              back(words)
              // The import recomputed the Party groups on the server: show them as they now stand.
              reload()
            }}
          />
        )}
      </QueryView>
    </Screen>
  )
}

interface BodyProps {
  data: VillageData
  mode: Mode
  notice?: Notice
  onNotice: (notice?: Notice) => void
  onMode: (mode: Mode) => void
  onBack: (notice?: Notice) => void
  onReport: (report: VillageReport) => void
  onImported: (notice: Notice) => void
}

/** The report, or the one panel open over it (import, appoint, move). */
function VillageBody({ data, mode, notice, onNotice, onMode, onBack, onReport, onImported }: BodyProps) {
  const { villageId, report, rights } = data
  const actions = useVillageActions(villageId, onReport, onNotice)
  const partyGroup = mode.kind === 'appoint' || mode.kind === 'move' ? report.partyGroups.find((pg) => pg.id === mode.partyGroupId) : undefined
  const afterOverride = (next: VillageReport, words: Notice) => {
    onReport(next)
    onBack(words)
  }
  if (mode.kind === 'import') return <ImportPanel villageId={villageId} currentGroups={report.stats.groups} onDone={onImported} onCancel={() => onBack()} />
  if (partyGroup && mode.kind === 'appoint') return <AppointPanel villageId={villageId} partyGroup={partyGroup} onDone={afterOverride} onCancel={() => onBack()} />
  if (partyGroup && mode.kind === 'move') return <MovePanel villageId={villageId} report={report} partyGroup={partyGroup} onDone={afterOverride} onCancel={() => onBack()} />
  return (
    <Report
      rights={rights}
      villageId={villageId}
      report={report}
      notice={notice ?? (actions.error ? { kind: 'error', text: actions.error } : undefined)}
      busy={actions.busyWords}
      onRecompute={actions.recompute}
      onExport={actions.exportRoster}
      onImport={() => onMode({ kind: 'import' })}
      onAppoint={(id) => onMode({ kind: 'appoint', partyGroupId: id })}
      onMove={(id) => onMode({ kind: 'move', partyGroupId: id })}
    />
  )
}
