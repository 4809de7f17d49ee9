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
 * group. Groups the rules keep where they are are greyed with the reason before any tap, and only
 * the Party groups the report's `movable` allows are offered (joined through a neighbouring group
 * from the roster); the function still checks every rule and reports a move it cannot apply.
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

  /** Whether each group may move and where to (the report's `movable`: the very rules a move is refused by). */
  const options = useMemo(() => new Map(report.movable.map((m) => [m.groupId, m])), [report])
  const optionOf = (id: string) => options.get(id) ?? { groupId: id, canMove: false, reason: '暂时不能调整', targets: [] }

  /** The Party groups the chosen group may join, each with a neighbouring group to join through. */
  const targets = useMemo(() => {
    if (!groupId) return []
    const near = new Set(neighbours?.get(groupId) ?? [])
    if (neighbours) for (const [id, list] of neighbours) if (list.includes(groupId)) near.add(id)
    return (options.get(groupId)?.targets ?? []).flatMap((targetId) => {
      const pg = report.partyGroups.find((p) => p.id === targetId)
      if (!pg) return []
      const sorted = [...pg.groups].sort((a, b) => a.number - b.number)
      const via = sorted.find((g) => near.has(g.id)) ?? sorted[0]
      return via ? [{ partyGroup: pg, via, adjacent: near.has(via.id) }] : []
    })
  }, [groupId, neighbours, options, report])
  const movableCount = partyGroup.groups.filter((g) => optionOf(g.id).canMove).length

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
      {movableCount === 0 ? (
        <Card className="party-card--warn party-move-none">
          <Text className="cz-text">这个党小组里没有可以调整的村民小组，原因写在每个组下面。</Text>
        </Card>
      ) : null}
      {partyGroup.groups.map((g) => {
        const option = optionOf(g.id)
        return (
          <Choice
            key={g.id}
            className={`party-move-group${option.canMove ? '' : ' party-move-group--blocked'}`}
            chosen={g.id === groupId}
            disabled={!option.canMove}
            disabledMark="不能调"
            onChoose={() => {
              setGroupId(g.id)
              setTargetId(undefined)
            }}
          >
            <Text className="cz-text cz-heading">{groupName(g)}</Text>
            {option.canMove ? null : <Text className="cz-text party-move-reason">{option.reason ?? '暂时不能调整'}</Text>}
          </Choice>
        )
      })}
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
                  <Text className="cz-text">{groupName(group)}旁边没有能加入的党小组，不能调整。</Text>
                </Card>
              ) : null
            }
          </QueryView>
          {neighbours
            ? targets.map(({ partyGroup: pg, via, adjacent }) => (
                <Choice key={pg.id} className="party-move-target" chosen={pg.id === targetId} onChoose={() => setTargetId(pg.id)}>
                  <Text className="cz-text cz-heading">{pg.name}</Text>
                  <Text className="cz-text cz-text--small">
                    {adjacent ? `与${groupName(via)}相邻 · ` : ''}党小组长 {pg.leader?.name ?? '还没有'}
                  </Text>
                </Choice>
              ))
            : null}
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
