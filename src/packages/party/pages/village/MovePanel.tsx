import { Text, View } from '@tarojs/components'
import { useCallback, useMemo, useState } from 'react'
import { BigButton } from '../../../../components/button/BigButton'
import { Card } from '../../../../components/card/Card'
import { QueryView } from '../../../../components/status/QueryView'
import { fieldWords, useAction } from '../../../../lib/use-action'
import { useQuery } from '../../../../lib/use-query'
import { call } from '../../../../services/api'
import type { PartyGroupView, VillageReport } from '../../../../services/contract'
import { Choice } from '../../components/Choice'
import { WHY_MIN, WhyInput } from '../../components/WhyInput'
import { groupName, issueOf, type Notice } from '../../words'
import { askToSubscribe } from '../../../../services/subscribe'

interface MovePanelProps {
  villageId: string
  report: VillageReport
  partyGroup: PartyGroupView
  onDone: (report: VillageReport, notice: Notice) => void
  onCancel: () => void
}

/**
 * 调整所属党小组: move one villager group of a cross-group Party group to a neighbouring Party
 * group. Only Party groups next to the chosen group are offered (adjacency from the roster); the
 * function still checks every rule and reports a move it cannot apply.
 */
export function MovePanel({ villageId, report, partyGroup, onDone, onCancel }: MovePanelProps) {
  const adjacency = useQuery(
    useCallback(async () => {
      const res = await call('roster', 'villageGroups', { villageId })
      return new Map(res.groups.map((g) => [g.id, g.neighbours]))
    }, [villageId]),
    { when: 'mount' },
  )
  const neighbours = adjacency.state.status === 'ready' ? adjacency.state.data : undefined
  const [groupId, setGroupId] = useState<string>()
  const [targetId, setTargetId] = useState<string>()
  const [why, setWhy] = useState('')

  /** Other Party groups touching the chosen group, each with the neighbour to join through. */
  const targets = useMemo(() => {
    if (!groupId || !neighbours) return []
    const next = new Set(neighbours.get(groupId) ?? [])
    for (const [id, list] of neighbours) if (list.includes(groupId)) next.add(id)
    return report.partyGroups
      .filter((pg) => pg.id !== partyGroup.id)
      .flatMap((pg) => {
        const via = pg.groups.filter((g) => next.has(g.id)).sort((a, b) => a.number - b.number)[0]
        return via ? [{ partyGroup: pg, via }] : []
      })
  }, [groupId, neighbours, report, partyGroup])

  const group = partyGroup.groups.find((g) => g.id === groupId)
  const target = targets.find((t) => t.partyGroup.id === targetId)
  const move = useAction(
    async (from: PartyGroupView['groups'][number], to: { partyGroup: PartyGroupView; via: PartyGroupView['groups'][number] }) => {
      const next = await call('partyGroups', 'override', {
        villageId,
        override: { kind: 'MOVE_GROUP', groupId: from.id, toGroupId: to.via.id, why: why.trim() },
      })
      const moved = next.partyGroups.find((pg) => pg.groups.some((g) => g.id === from.id))?.groups.some((g) => g.id === to.via.id)
      const issue = issueOf(next, (o) => o.kind === 'MOVE_GROUP' && o.groupId === from.id)
      onDone(next, moved ? { kind: 'ok', text: `已把${groupName(from)}调整到${to.partyGroup.name}` } : { kind: 'error', text: `没能调整：${issue ?? '不符合党小组的组建规定'}` })
    },
    { wordsFor: fieldWords('why') },
  )
  const { busy, error } = move
  const ready = !!group && !!target && why.trim().length >= WHY_MIN && !busy

  return (
    <View className="party-move-panel">
      <Text className="cz-text cz-title cz-page-title">调整所属党小组</Text>
      <Card>
        <Text className="cz-text cz-heading party-card__name">{partyGroup.name}</Text>
        <Text className="cz-text party-block">包括：{partyGroup.groups.map(groupName).join('、')}</Text>
      </Card>
      <Text className="cz-text cz-heading party-step">第一步：选要调整的村民小组</Text>
      {partyGroup.groups.map((g) => (
        <Choice
          key={g.id}
          chosen={g.id === groupId}
          onChoose={() => {
            setGroupId(g.id)
            setTargetId(undefined)
          }}
        >
          <Text className="cz-text cz-heading">{groupName(g)}</Text>
        </Choice>
      ))}
      <Text className="cz-text cz-heading party-step">第二步：调整到哪个党小组</Text>
      {!group ? (
        <Card>
          <Text className="cz-text party-move-wait">请先在第一步选一个村民小组，这里会列出它旁边的党小组。</Text>
        </Card>
      ) : (
        <>
          <QueryView state={adjacency.state} onRetry={adjacency.reload} loadingText="正在查相邻的组…">
            {() =>
              targets.length === 0 ? (
                <Card className="party-card--warn">
                  <Text className="cz-text">{groupName(group)}旁边没有别的党小组，不能调整。</Text>
                </Card>
              ) : null
            }
          </QueryView>
          {targets.map(({ partyGroup: pg, via }) => (
            <Choice key={pg.id} chosen={pg.id === targetId} onChoose={() => setTargetId(pg.id)}>
              <Text className="cz-text cz-heading">{pg.name}</Text>
              <Text className="cz-text cz-text--small">
                与{groupName(via)}相邻 · 党小组长 {pg.leader?.name ?? '还没有'}
              </Text>
            </Choice>
          ))}
        </>
      )}
      <Text className="cz-text cz-heading party-step">第三步：写明原因</Text>
      <WhyInput value={why} onChange={setWhy} placeholder="例如：该组与第5组同在一条路上，开会更方便" />
      {error ? <Text className="cz-text party-notice party-notice--error party-panel-error">{error}</Text> : null}
      <BigButton
        className="party-confirm"
        text={busy ? '正在保存…' : '确认调整'}
        disabled={!ready}
        onClick={() => {
          // WeChat asks for reminder consent only inside the tap itself, before anything is awaited.
          askToSubscribe()
          if (group && target) void move.run(group, target)
        }}
      />
      <BigButton kind="plain" text="取消" onClick={onCancel} />
    </View>
  )
}
