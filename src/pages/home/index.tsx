import { useCallback } from 'react'
import { CouncilsCard, useWaitingVotes, votesWaiting } from '../../components/councils/CouncilsCard'
import { Screen } from '../../components/screen/Screen'
import { QueryView } from '../../components/status/QueryView'
import { partyVillageEntry } from '../../lib/entries'
import { usePullRefresh } from '../../lib/pull-refresh'
import { loadMe } from '../../lib/session'
import { useQuery } from '../../lib/use-query'
import { call } from '../../services/api'
import type { HomeOverview, Me, VillageReport } from '../../services/contract'
import { AttentionCard, leadsWithAttention } from './AttentionCard'
import { CareOffer, CareSwitchRow } from './CareMode'
import { Overview } from './Overview'
import './index.css'

async function load(): Promise<{ overview: HomeOverview; me: Me }> {
  // Who I am comes from the session: asked once per sign-in, not on every show.
  const [overview, me] = await Promise.all([call('home', 'overview', {}), loadMe()])
  return { overview, me }
}

/**
 * The report of the village a secretary or village cadre looks after, for one red line on home.
 * Loaded beside the overview each time home shows; if it fails, home simply goes without the line.
 */
async function loadDuty(): Promise<VillageReport | null> {
  const villageId = partyVillageEntry(await loadMe())
  return villageId ? call('partyGroups', 'village', { villageId }).catch(() => null) : null
}

/** 首页: the villager's own group, its leader and size, and the Party group that covers it; an officer's work. */
export default function HomePage() {
  const { state, reload, refresh } = useQuery(load)
  const duty = useQuery(loadDuty)
  const refreshDuty = duty.refresh
  usePullRefresh(
    useCallback(() => Promise.all([refresh(), refreshDuty()]), [refresh, refreshDuty]),
    { withMe: true },
  )
  const report = duty.state.status === 'ready' ? (duty.state.data ?? undefined) : undefined
  // 议事表决: first when a vote waits for me, else under the rest (a cadre's 需要处理 already leads with it).
  const votes = useWaitingVotes()
  const votesFirst = votesWaiting(votes) && state.status === 'ready' && !leadsWithAttention(state.data.me.roles)
  return (
    <Screen tab="home">
      <AttentionCard />
      {state.status === 'ready' && votesFirst ? <CouncilsCard state={votes} className="home-councils" /> : null}
      {/* Offered once, on the first 首页 that shows who signed in. */}
      {state.status === 'ready' ? <CareOffer /> : null}
      <QueryView state={state} onRetry={reload} atHome>
        {(data) => <Overview data={data.overview} me={data.me} duty={report} />}
      </QueryView>
      {state.status === 'ready' && !votesFirst ? <CouncilsCard state={votes} className="home-councils" /> : null}
      {/* Also when loading failed: bigger text helps read the error too. */}
      <CareSwitchRow />
    </Screen>
  )
}
