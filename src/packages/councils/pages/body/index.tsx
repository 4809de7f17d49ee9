import { Text, View } from '@tarojs/components'
import Taro, { useDidShow } from '@tarojs/taro'
import { useCallback, useState } from 'react'
import { BigButton } from '../../../../components/button/BigButton'
import { Card } from '../../../../components/card/Card'
import { Screen } from '../../../../components/screen/Screen'
import { ListFooter, QueryView } from '../../../../components/status/QueryView'
import { useBackGuard } from '../../../../lib/back-guard'
import { usePullRefresh } from '../../../../lib/pull-refresh'
import { useAction } from '../../../../lib/use-action'
import { usePaged } from '../../../../lib/use-paged'
import { useQuery } from '../../../../lib/use-query'
import { villageDateTime } from '../../../../lib/village-time'
import { call } from '../../../../services/api'
import { SEAT_LABEL, type Body, type Proposal } from '../../../../services/contract'
import { ROUTES } from '../../../../services/routes'
import { askToSubscribe } from '../../../../services/subscribe'
import { confirmStep } from '../../components/ask'
import { BodyMatters } from '../../components/BodyMatters'
import { openMatter } from '../../components/MatterRow'
import { AreaInput, LineInput } from '../../../../components/form/TextBox'
import { CHAIR_TITLE, limitWords } from '../../words'
import { Composition, SourcesLine } from './Composition'
import '../../councils.css'

const KIND_NOTE: Record<Body['kind'], string> = {
  group_council: '村民小组议事会：组长任议事长，连议事长最多 5 人。',
  village_board: '村民自治理事会：村党组织书记任理事长，常任成员最多 7 人，村党组织、村委会、小组议事长、村民代表都有人参加；每个事项还可以请最多 3 位非常任成员。',
}

const PROPOSAL_STATE: Record<Proposal['state'], string> = { open: '等主持人答复', adopted: '已采纳，列为议事事项', forwarded: '已转交村理事会', declined: '不采纳' }

/** 议事会 / 理事会: who sits where, its matters, and 议题征集 (villagers propose, neighbours support, the chair answers). */
export default function BodyPage() {
  const id = Taro.getCurrentInstance().router?.params?.id ?? ''
  const { state, reload, refresh } = useQuery(useCallback(() => call('councils', 'body', { bodyId: id }), [id]))
  const proposals = usePaged(useCallback((cursor: string | undefined) => call('councils', 'proposals', { bodyId: id, cursor, limit: 10 }), [id]))
  const [shown, setShown] = useState(0)
  useDidShow(() => setShown((n) => n + 1))
  // 调整成员 takes the whole page (back closes it); each change starts it afresh with a notice.
  const [composing, setComposing] = useState(false)
  const [changes, setChanges] = useState(0)
  const [notice, setNotice] = useState<string>()
  const closeComposition = useCallback(() => setComposing(false), [])
  useBackGuard(composing, closeComposition)
  const changed = (words: string) => {
    setNotice(words)
    setChanges((n) => n + 1)
    void Taro.pageScrollTo({ scrollTop: 0, duration: 0 }).catch(() => undefined)
    void refresh()
  }
  const { refresh: refreshProposals } = proposals
  usePullRefresh(
    useCallback(() => {
      setShown((n) => n + 1)
      return Promise.all([refresh(), refreshProposals()])
    }, [refresh, refreshProposals]),
  )
  return (
    <Screen back onBack={composing ? closeComposition : undefined}>
      <QueryView state={state} onRetry={reload}>
        {(body) =>
          composing && body.can.manage ? (
            <View className="cc-body-page">
              <Text className="cz-text cz-title cz-page-title">{body.name}</Text>
              {notice ? <Text className="cz-text cc-notice cc-notice--ok cc-done">{notice}</Text> : null}
              <Composition key={changes} body={body} onChanged={changed} onClose={closeComposition} />
            </View>
          ) : (
            <View className="cc-body-page">
              <Text className="cz-text cz-title cz-page-title">{body.name}</Text>
              {notice ? <Text className="cz-text cc-notice cc-notice--ok cc-done">{notice}</Text> : null}
              <Card title="成员" className="cc-members">
                <Text className="cz-text cz-text--small cc-block">{KIND_NOTE[body.kind]}</Text>
                <Text className="cz-text cc-block cc-limit">
                  {limitWords(body.kind)}，现在 {body.members.length} 人
                </Text>
                {body.can.manage ? <SourcesLine body={body} /> : null}
                {[...body.members]
                  .sort((a, b) => (a.seat === 'chair' ? -1 : b.seat === 'chair' ? 1 : 0))
                  .map((member) => (
                    <View key={member.personId} className="cc-member">
                      <Text className="cz-text cz-heading">{member.name}</Text>
                      <Text className={`cc-tag cz-text${member.seat === 'chair' ? ' cc-tag--voting' : ''}`}>
                        {member.seat === 'chair' ? CHAIR_TITLE[body.kind] : SEAT_LABEL[member.seat]}
                      </Text>
                    </View>
                  ))}
                {body.members.length === 0 ? <Text className="cz-text cc-block">还没有成员。</Text> : null}
                {body.can.manage ? (
                  <BigButton
                    className="cc-compose-start"
                    kind="plain"
                    text="调整成员"
                    onClick={() => {
                      setNotice(undefined)
                      setComposing(true)
                    }}
                  />
                ) : null}
              </Card>
              {body.can.createMatter ? (
                <BigButton
                  className="cc-new-matter"
                  text="发起表决"
                  onClick={() => void Taro.navigateTo({ url: `${ROUTES.councilCreate}?bodyId=${encodeURIComponent(body.id)}` })}
                />
              ) : null}
              <Text className="cz-text cz-heading cc-section">议事事项</Text>
              <BodyMatters bodyId={body.id} shown={shown} />
              <Text className="cz-text cz-heading cc-section">议题征集</Text>
              {body.can.propose ? <ProposeForm bodyId={body.id} onDone={() => void refreshProposals()} /> : null}
              <QueryView state={proposals.state} onRetry={proposals.reload} empty="还没有人提议题。" loadingText="正在加载议题…">
                {() => (
                  <View className="cc-proposals">
                    {proposals.items.map((p) => (
                      <ProposalCard key={p.id} proposal={p} body={body} onChanged={() => void refreshProposals()} />
                    ))}
                  </View>
                )}
              </QueryView>
              <ListFooter paged={proposals} />
            </View>
          )
        }
      </QueryView>
    </Screen>
  )
}

/** 提议题: a villager of the group asks their council to take something up. */
function ProposeForm({ bodyId, onDone }: { bodyId: string; onDone: () => void }) {
  const [open, setOpen] = useState(false)
  const [title, setTitle] = useState('')
  const [text, setText] = useState('')
  const [sent, setSent] = useState(false)
  const propose = useAction(async () => {
    await call('councils', 'propose', { bodyId, title: title.trim(), text: text.trim() })
    setTitle('')
    setText('')
    setOpen(false)
    setSent(true)
    onDone()
  })
  if (!open) {
    return (
      <View>
        {sent ? <Text className="cz-text cc-notice cc-notice--ok">议题已提交，主持人答复后会通知您。</Text> : null}
        <BigButton className="cc-propose-start" kind="plain" text="我要提议题" onClick={() => setOpen(true)} />
      </View>
    )
  }
  return (
    <Card title="我要提议题" className="cc-propose-form">
      <Text className="cz-text cc-label">议题</Text>
      <LineInput className="cc-propose-title" value={title} onChange={setTitle} placeholder="例如：3组路灯坏了要修" />
      <Text className="cz-text cc-label">具体说说</Text>
      <AreaInput maxlength={2000} className="cc-propose-text" value={text} onChange={setText} placeholder="在哪里、什么情况、希望怎么办" />
      {propose.error ? <Text className="cz-text cc-notice cc-notice--error">{propose.error}</Text> : null}
      <BigButton
        className="cc-propose-submit"
        text={propose.busy ? '正在提交…' : '提交'}
        disabled={title.trim().length < 2 || text.trim().length === 0 || propose.busy}
        onClick={() => {
          askToSubscribe()
          void propose.run()
        }}
      />
      <BigButton kind="plain" text="不提了" onClick={() => setOpen(false)} />
    </Card>
  )
}

/** A proposal: what, who, how many support it; 附议 for neighbours; the chair's answer (adopt, forward, decline with a reason). */
function ProposalCard({ proposal, body, onChanged }: { proposal: Proposal; body: Body; onChanged: () => void }) {
  const [declining, setDeclining] = useState(false)
  const [reason, setReason] = useState('')
  const support = useAction(async () => {
    await call('councils', 'support', { proposalId: proposal.id })
    onChanged()
  })
  const answer = useAction(async (decision: 'adopt' | 'forward' | 'decline') => {
    const res = await call('councils', 'answerProposal', { proposalId: proposal.id, decision, ...(decision === 'decline' ? { reason: reason.trim() } : {}) })
    setDeclining(false)
    onChanged()
    if (res.matterId) openMatter(res.matterId)
  })
  const ask = async (decision: 'adopt' | 'forward') => {
    const words = decision === 'adopt' ? ['采纳', '把这个议题列为议事事项（草稿），您再补充后开始表决？', '采纳'] : ['转交村理事会', '这件事本组定不了，转交村理事会？', '转交']
    if (await confirmStep(words[0]!, words[1]!, words[2]!)) await answer.run(decision)
  }
  const error = support.error ?? answer.error
  return (
    <Card className="cc-proposal">
      <Text className="cz-text cz-heading cc-block">{proposal.title}</Text>
      <Text className="cz-text cc-block">{proposal.text}</Text>
      <Text className="cz-text cz-text--small cc-gap">
        {proposal.proposer.name} 提出 · {villageDateTime(proposal.createdAt)} · {proposal.supporters} 人附议
      </Text>
      <View className="cc-tags">
        <Text className={`cc-tag cz-text${proposal.state === 'open' ? '' : proposal.state === 'declined' ? ' cc-tag--plain' : ' cc-tag--done'}`}>
          {PROPOSAL_STATE[proposal.state]}
        </Text>
      </View>
      {proposal.answer?.reason ? <Text className="cz-text cc-block">答复：{proposal.answer.reason}</Text> : null}
      {proposal.answer?.matterId ? <BigButton kind="plain" text="看议事事项" onClick={() => openMatter(proposal.answer!.matterId!)} /> : null}
      {error ? <Text className="cz-text cc-notice cc-notice--error">{error}</Text> : null}
      {proposal.state === 'open' && !body.can.manage ? (
        proposal.supportedByMe ? (
          <Text className="cz-text cc-green cc-block">您已附议</Text>
        ) : (
          <BigButton className="cc-support" kind="plain" text={support.busy ? '正在附议…' : '附议'} disabled={support.busy} onClick={() => void support.run()} />
        )
      ) : null}
      {proposal.state === 'open' && body.can.manage ? (
        declining ? (
          <View>
            <Text className="cz-text cc-label">不采纳的理由（会告诉提议的人）</Text>
            <AreaInput value={reason} onChange={setReason} maxlength={200} placeholder="例如：已列入明年计划" />
            <View className="cc-actions">
              <BigButton kind="plain" text="取消" onClick={() => setDeclining(false)} />
              <BigButton text="不采纳" disabled={reason.trim().length < 2 || answer.busy} onClick={() => void answer.run('decline')} />
            </View>
          </View>
        ) : (
          <View className="cc-actions">
            <BigButton className="cc-adopt" text="采纳" disabled={answer.busy} onClick={() => void ask('adopt')} />
            {body.kind === 'group_council' ? (
              <BigButton className="cc-forward" kind="plain" text="转交村理事会" disabled={answer.busy} onClick={() => void ask('forward')} />
            ) : null}
            <BigButton className="cc-decline" kind="plain" text="不采纳" disabled={answer.busy} onClick={() => setDeclining(true)} />
          </View>
        )
      ) : null}
    </Card>
  )
}
