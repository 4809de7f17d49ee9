import { Text, View } from '@tarojs/components'
import Taro, { useDidShow } from '@tarojs/taro'
import { useCallback, useState } from 'react'
import { BigButton } from '../../../../components/button/BigButton'
import { Card } from '../../../../components/card/Card'
import { Screen } from '../../../../components/screen/Screen'
import { ListFooter, QueryView } from '../../../../components/status/QueryView'
import { usePullRefresh } from '../../../../lib/pull-refresh'
import { loadMe } from '../../../../lib/session'
import { usePaged, type CursorPage, type Paged } from '../../../../lib/use-paged'
import { useQuery } from '../../../../lib/use-query'
import { call } from '../../../../services/api'
import type { Body, MatterSummary } from '../../../../services/contract'
import { ROUTES } from '../../../../services/routes'
import { Chips } from '../../components/Chips'
import { BodyMatters } from '../../components/BodyMatters'
import { MatterRow } from '../../components/MatterRow'
import { CHAIR_TITLE } from '../../words'
import '../../councils.css'

/** The councils I sit on first (their matters are listed here); those I only run (a secretary's group councils) behind a button. */
async function loadBodies(): Promise<{ mine: Body[]; run: Body[]; sits: boolean }> {
  const [bodies, me] = await Promise.all([call('councils', 'bodies', {}), loadMe()])
  const sits = (body: Body) => body.members.some((m) => m.personId === me.personId)
  const mine = bodies.filter(sits)
  // A villager who sits on none: their own group's council first, the village's board behind the button.
  return mine.length > 0 ? { mine, run: bodies.filter((b) => !sits(b)), sits: true } : { mine: bodies.slice(0, 1), run: bodies.slice(1), sits: false }
}

/**
 * 议事表决: what waits for my vote first, then the matters of the councils I sit on (one at a
 * time), then 村务公开 — the results published to my group and village, with bars.
 */
export default function CouncilListPage() {
  // ?filter=to_vote (from 首页's 需要关注): only what waits for my vote, with 看全部 for the rest.
  const [onlyToVote, setOnlyToVote] = useState(() => Taro.getCurrentInstance().router?.params?.filter === 'to_vote')
  const toVote = usePaged(useCallback((cursor: string | undefined) => call('councils', 'matters', { filter: 'to_vote', cursor, limit: 20 }), []))
  const bodies = useQuery(loadBodies)
  const results = usePaged(useCallback((cursor: string | undefined) => call('councils', 'matters', { filter: 'results', cursor, limit: 10 }), []))
  // Each show (back from a vote) and each pull asks the chosen body's list again too.
  const [shown, setShown] = useState(0)
  useDidShow(() => setShown((n) => n + 1))
  const { refresh: refreshToVote } = toVote
  const { refresh: refreshBodies } = bodies
  const { refresh: refreshResults } = results
  const refreshAll = useCallback(() => {
    setShown((n) => n + 1)
    return Promise.all([refreshToVote(), refreshBodies(), refreshResults()])
  }, [refreshToVote, refreshBodies, refreshResults])
  usePullRefresh(refreshAll)

  return (
    <Screen back>
      <Text className="cz-text cz-title cz-page-title">议事表决</Text>

      <Text className="cz-text cz-heading cc-section">需要我表决</Text>
      <QueryView state={toVote.state} onRetry={toVote.reload} empty="目前没有等您表决的事。" emptyClassName="cc-to-vote-none" loadingText="正在查要您表决的事…">
        {() => (
          <View className="cc-to-vote">
            {toVote.items.map((matter) => (
              <MatterRow key={matter.id} matter={matter} />
            ))}
          </View>
        )}
      </QueryView>
      <ListFooter paged={toVote} />

      {onlyToVote ? (
        <BigButton className="cc-see-all" kind="plain" text="看全部（我的议事会、表决结果）" onClick={() => setOnlyToVote(false)} />
      ) : (
        <AllTheRest bodies={bodies} results={results} shown={shown} refreshAll={refreshAll} />
      )}
    </Screen>
  )
}

/** Below 「需要我表决」: the councils I sit on, those I run, and 村务公开. */
function AllTheRest({
  bodies,
  results,
  shown,
  refreshAll,
}: {
  bodies: ReturnType<typeof useQuery<Awaited<ReturnType<typeof loadBodies>>>>
  results: Paged<CursorPage<MatterSummary>>
  shown: number
  refreshAll: () => Promise<unknown>
}) {
  return (
    <View className="cc-all">
      <QueryView state={bodies.state} onRetry={bodies.reload}>
        {(list) => (list.mine.length > 0 ? <MyBodies bodies={list.mine} sits={list.sits} shown={shown} /> : null)}
      </QueryView>
      <QueryView state={bodies.state} onRetry={bodies.reload}>
        {(list) => (list.run.length > 0 ? <OtherBodies bodies={list.run} label={otherBodiesLabel(list)} /> : null)}
      </QueryView>

      <Text className="cz-text cz-heading cc-section">村务公开：表决结果</Text>
      <QueryView state={results.state} onRetry={results.reload} empty="本组、本村还没有公布的表决结果。" loadingText="正在加载表决结果…">
        {() => (
          <View className="cc-results">
            {results.items.map((matter) => (
              <MatterRow key={matter.id} matter={matter} withBars />
            ))}
          </View>
        )}
      </QueryView>
      <ListFooter paged={results} end={results.items.length > 0 ? '已经全部显示。' : undefined} />
      <BigButton className="cz-refresh" kind="plain" text={results.state.status === 'ready' && results.state.refreshing ? '正在刷新…' : '刷新'} onClick={() => void refreshAll()} />
    </View>
  )
}

/** The councils I sit on or run: pick one to see its matters; its page has members and 议题征集. */
function MyBodies({ bodies, sits, shown }: { bodies: Body[]; sits: boolean; shown: number }) {
  const [bodyId, setBodyId] = useState(bodies[0]!.id)
  const body = bodies.find((b) => b.id === bodyId) ?? bodies[0]!
  const chair = body.members.find((m) => m.seat === 'chair')
  return (
    <View className="cc-bodies">
      <Text className="cz-text cz-heading cc-section">{sits ? '我的议事会' : '本组议事会'}</Text>
      {bodies.length > 1 ? <Chips className="cc-body-chips" options={bodies.map((b) => ({ value: b.id, label: b.name }))} value={body.id} onChange={setBodyId} /> : null}
      <Card className="cc-body-card">
        <Text className="cz-text cz-heading cc-block">{body.name}</Text>
        <Text className="cz-text cc-block">
          {body.members.length} 位成员{chair ? `，${CHAIR_TITLE[body.kind]} ${chair.name}` : ''}
        </Text>
        <View className="cc-actions">
          <BigButton
            className="cc-open-body"
            kind="plain"
            text="成员和议题"
            onClick={() => void Taro.navigateTo({ url: `${ROUTES.councilBody}?id=${encodeURIComponent(body.id)}` })}
          />
          {body.can.createMatter ? (
            <BigButton className="cc-new-matter" text="发起表决" onClick={() => void Taro.navigateTo({ url: `${ROUTES.councilCreate}?bodyId=${encodeURIComponent(body.id)}` })} />
          ) : null}
        </View>
      </Card>
      {/* Keyed: switching body starts from that body's first page. */}
      <BodyMatters key={body.id} bodyId={body.id} shown={shown} />
    </View>
  )
}

/** Councils I run without sitting on them (a secretary: every group council of the village), one row each, behind a button. */
function OtherBodies({ bodies, label }: { bodies: Body[]; label: string }) {
  const [open, setOpen] = useState(false)
  return (
    <View className="cc-other-bodies">
      <BigButton
        className="cc-other-bodies-toggle"
        kind="plain"
        text={open ? '收起' : bodies.length > 1 ? `${label}（${bodies.length} 个）` : label}
        onClick={() => setOpen(!open)}
      />
      {open
        ? bodies.map((body) => (
            <View
              key={body.id}
              className="cz-tap cc-row cc-other-body"
              hoverClass="cz-pressed"
              onClick={() => void Taro.navigateTo({ url: `${ROUTES.councilBody}?id=${encodeURIComponent(body.id)}` })}
            >
              <Text className="cz-text cz-heading cc-row__title">{body.name}</Text>
              <Text className="cz-text cc-row__go">成员、事项和议题 ›</Text>
            </View>
          ))
        : null}
    </View>
  )
}

/** What the button over the other bodies says: those the person runs, or simply the village's others. */
function otherBodiesLabel(list: { run: Body[]; sits: boolean }): string {
  if (list.run.every((body) => body.can.manage)) return '我管的其他议事会'
  return list.run.length === 1 && list.run[0]!.kind === 'village_board' ? '本村理事会' : '本村其他议事会'
}
