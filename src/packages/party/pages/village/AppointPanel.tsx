import { Text, View } from '@tarojs/components'
import { useCallback, useState } from 'react'
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

interface Candidate {
  id: string
  name: string
  age: number
  groupLabel: string
  /** Leads their villager group (村民小组长). */
  isGroupLeader: boolean
}

/** The Party group's members in one call (the server filters; no paging through every villager). */
async function partyMembersOf(villageId: string, partyGroup: PartyGroupView): Promise<Candidate[]> {
  const { items } = await call('partyGroups', 'members', { villageId, partyGroupId: partyGroup.id })
  return items.map((member) => ({ id: member.id, name: member.name, age: member.age, groupLabel: groupName(member.group), isGroupLeader: member.isGroupLeader }))
}

interface AppointPanelProps {
  villageId: string
  partyGroup: PartyGroupView
  onDone: (report: VillageReport, notice: Notice) => void
  onCancel: () => void
}

/** 指定党小组长: pick one of the Party group's Party members, say why, confirm. */
export function AppointPanel({ villageId, partyGroup, onDone, onCancel }: AppointPanelProps) {
  const candidates = useQuery(
    useCallback(() => partyMembersOf(villageId, partyGroup), [villageId, partyGroup]),
    { when: 'mount' },
  )
  const [chosen, setChosen] = useState<string>()
  const [why, setWhy] = useState('')
  const list = candidates.state.status === 'ready' ? candidates.state.data : undefined
  const others = list?.filter((c) => c.id !== partyGroup.leader?.id) ?? []
  const person = others.find((c) => c.id === chosen)

  const appoint = useAction(
    async (chosenPerson: Candidate) => {
      const report = await call('partyGroups', 'override', {
        villageId,
        override: { kind: 'APPOINT_LEADER', partyGroupId: partyGroup.id, leaderId: chosenPerson.id, why: why.trim() },
      })
      const appointed = report.partyGroups.find((pg) => pg.id === partyGroup.id)?.leader?.id === chosenPerson.id
      const issue = issueOf(report, (o) => o.kind === 'APPOINT_LEADER' && o.partyGroupId === partyGroup.id)
      onDone(
        report,
        appointed
          ? { kind: 'ok', text: `已指定 ${chosenPerson.name} 为${partyGroup.name}的党小组长` }
          : { kind: 'error', text: `没能指定：${issue ?? '被指定人不是这个党小组的党员'}` },
      )
    },
    { wordsFor: fieldWords('why') },
  )
  const busy = appoint.busy
  const error = appoint.error
  const ready = !!person && why.trim().length >= WHY_MIN && !busy

  return (
    <View className="party-appoint-panel">
      <Text className="cz-text cz-title cz-page-title">指定党小组长</Text>
      <Card>
        <Text className="cz-text cz-heading party-card__name">{partyGroup.name}</Text>
        <Text className="cz-text party-block">现在的党小组长：{partyGroup.leader?.name ?? '还没有'}</Text>
      </Card>
      <Text className="cz-text cz-heading party-step">第一步：选一位党员</Text>
      <QueryView state={candidates.state} onRetry={candidates.reload} loadingText="正在找本党小组的党员…">
        {(found) => <CandidateList candidates={found} others={others} partyGroup={partyGroup} chosen={chosen} onChoose={setChosen} />}
      </QueryView>
      <Text className="cz-text cz-heading party-step">第二步：写明原因</Text>
      <WhyInput value={why} onChange={setWhy} placeholder="例如：原组长不是党员，经支部研究指定" />
      {error ? <Text className="cz-text party-notice party-notice--error party-panel-error">{error}</Text> : null}
      <BigButton
        className="party-confirm"
        text={busy ? '正在保存…' : '确认指定'}
        disabled={!ready}
        onClick={() => {
          // WeChat asks for reminder consent only inside the tap itself, before anything is awaited.
          askToSubscribe()
          if (person) void appoint.run(person)
        }}
      />
      <BigButton kind="plain" text="取消" onClick={onCancel} />
    </View>
  )
}

interface CandidateListProps {
  candidates: Candidate[]
  others: Candidate[]
  partyGroup: PartyGroupView
  chosen?: string
  onChoose: (id: string) => void
}

/** The Party members to choose from; the current leader is listed (so the secretary sees who it is) but cannot be chosen again. */
function CandidateList({ candidates, others, partyGroup, chosen, onChoose }: CandidateListProps) {
  if (candidates.length === 0) {
    return (
      <Card className="party-card--warn">
        <Text className="cz-text">这个党小组的村民小组里没有登记党员。请先在花名册里登记党员，再来指定。</Text>
      </Card>
    )
  }
  return (
    <>
      {others.length === 0 ? (
        <Card className="party-card--warn">
          <Text className="cz-text">这个党小组只有现任党小组长一位党员，没有别人可以指定。</Text>
        </Card>
      ) : null}
      {candidates.map((c) => {
        const current = partyGroup.leader?.id === c.id
        return (
          <Choice
            key={c.id}
            chosen={c.id === chosen}
            onChoose={() => onChoose(c.id)}
            pick="选这位"
            disabled={current}
            disabledMark="现任"
            className={`party-candidate${current ? ' party-candidate--current' : ''}`}
          >
            <Text className="cz-text cz-heading">{c.name}</Text>
            <Text className="cz-text cz-text--small">
              {c.groupLabel} · {c.age}岁{c.isGroupLeader ? ' · 村民小组长' : ''}
              {current ? ' · 现任党小组长' : ''}
            </Text>
          </Choice>
        )
      })}
    </>
  )
}
