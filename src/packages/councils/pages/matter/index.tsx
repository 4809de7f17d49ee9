import { Button, Text, View } from '@tarojs/components'
import Taro, { useShareAppMessage } from '@tarojs/taro'
import { useCallback, useState } from 'react'
import { BigButton } from '../../../../components/button/BigButton'
import { Card } from '../../../../components/card/Card'
import { Field } from '../../../../components/field/Field'
import { Screen } from '../../../../components/screen/Screen'
import { QueryView } from '../../../../components/status/QueryView'
import { useBackGuard } from '../../../../lib/back-guard'
import { usePullRefresh } from '../../../../lib/pull-refresh'
import { useQuery } from '../../../../lib/use-query'
import { villageDateTime } from '../../../../lib/village-time'
import { call } from '../../../../services/api'
import type { MatterDetail } from '../../../../services/contract'
import { ROUTES } from '../../../../services/routes'
import { copyText } from '../../components/ask'
import { BALLOT_WORDS, KIND_WORDS, RULE_WORDS, STATE_WORDS, timeLeft } from '../../words'
import { Comments } from './Comments'
import { ManageCard, type Panel } from './ManageCard'
import { ChainCard, MinutesCard, ResultCard, SlotsCard } from './Record'
import { VoteCard } from './VoteCard'
import '../../councils.css'

const pathOf = (id: string) => `${ROUTES.councilMatter}?id=${encodeURIComponent(id)}`

/** A matter: what it is, where it stands, my vote, the result and its record, the discussion, and the chair's steps. */
export default function MatterPage() {
  const id = Taro.getCurrentInstance().router?.params?.id ?? ''
  const { state, reload, refresh } = useQuery(useCallback(() => call('councils', 'matter', { matterId: id }), [id]))
  usePullRefresh(refresh)
  const [panel, setPanel] = useState<Panel | null>(null)
  const [notice, setNotice] = useState<string>()
  const closePanel = useCallback(() => setPanel(null), [])
  useBackGuard(panel !== null, closePanel)
  const title = state.status === 'ready' ? state.data.title : '议事事项'
  useShareAppMessage(() => ({ title: `议事表决：${title}`, path: pathOf(id) }))
  const changed = (words: string) => {
    setPanel(null)
    setNotice(words)
    void Taro.pageScrollTo({ scrollTop: 0, duration: 0 }).catch(() => undefined)
    reload()
  }

  return (
    <Screen back onBack={panel ? closePanel : undefined}>
      <QueryView state={state} onRetry={reload}>
        {(matter) =>
          panel ? (
            <ManageCard matter={matter} panel={panel} setPanel={setPanel} onChanged={changed} />
          ) : (
            <View className="cc-matter-page">
              <Text className="cz-text cz-title cz-page-title cc-matter-title">{matter.title}</Text>
              {notice ? <Text className="cz-text cc-notice cc-notice--ok cc-done">{notice}</Text> : null}
              <Header matter={matter} />
              {/* Once closed, the result first: it is what most readers came for. */}
              <ResultCard matter={matter} />
              <Card title="内容" className="cc-text">
                <Text className="cz-text cc-block cc-matter-text">{matter.text}</Text>
                {matter.kind !== 'motion' ? (
                  <View className="cc-options">
                    <Text className="cz-text cc-strong cc-gap">
                      {matter.kind === 'election' ? `候选人（选出 ${matter.maxChoices} 位）` : `选项（最多选 ${matter.maxChoices} 项）`}
                    </Text>
                    {matter.options.map((o) => (
                      <Text key={o.id} className="cz-text cc-block">
                        · {o.label}
                      </Text>
                    ))}
                  </View>
                ) : null}
              </Card>
              {/* A secret ballot once cast no longer votes, but its card still says it was cast (and is final). */}
              {matter.state === 'voting' && matter.mine && (matter.can.vote || matter.mine.voted) ? (
                <VoteCard
                  matter={matter}
                  onVoted={() => {
                    setNotice(undefined)
                    reload()
                  }}
                />
              ) : null}
              {(matter.state === 'draft' || matter.state === 'published') && matter.mine ? <Text className="cz-text cc-notice">还没开始表决。开始后您可以在这里投票。</Text> : null}
              {matter.state !== 'draft' && matter.state !== 'published' ? <SlotsCard matter={matter} /> : null}
              <MinutesCard matter={matter} />
              {matter.can.manage ? <ManageCard matter={matter} panel={null} setPanel={setPanel} onChanged={changed} /> : null}
              {matter.state !== 'draft' ? <ShareCard matter={matter} /> : null}
              {matter.state !== 'draft' ? <Comments matterId={matter.id} canPost={matter.can.comment} /> : null}
              <ChainCard matter={matter} />
            </View>
          )
        }
      </QueryView>
    </Screen>
  )
}

/** Where it stands: state, closing time in plain words, counts and quorum, and the rule. */
function Header({ matter }: { matter: MatterDetail }) {
  const voting = matter.state === 'voting'
  return (
    <Card className="cc-header">
      <Text className="cz-text cz-text--small cc-block">{matter.bodyName}</Text>
      <Text className={`cz-text cz-heading cc-block cc-state ${voting ? 'cc-red' : ''}`}>{STATE_WORDS[matter.state]}</Text>
      {voting ? <Text className="cz-text cz-heading cc-block cc-time-left">{timeLeft(matter.closesAt)}</Text> : null}
      <Field label={voting || matter.state === 'published' || matter.state === 'draft' ? '截止时间' : '截止'} value={villageDateTime(matter.closesAt)} />
      {matter.state !== 'draft' && matter.state !== 'published' ? (
        <Field className="cc-counts" label="投票人数" value={`应投 ${matter.eligible} 人，已投 ${matter.voted} 人`} />
      ) : null}
      {voting ? (
        matter.quorumNeeds > 0 ? (
          <Text className="cz-text cc-red cc-block cc-quorum">还差 {matter.quorumNeeds} 票达到法定人数</Text>
        ) : (
          <Text className="cz-text cc-green cc-block cc-quorum">已达到法定人数</Text>
        )
      ) : null}
      <Field label="方式" value={KIND_WORDS[matter.kind]} />
      <Field label="投票" value={BALLOT_WORDS[matter.ballot]} />
      <Field
        label="规则"
        value={`过半数的人投票才有效；${matter.kind === 'motion' ? RULE_WORDS[matter.rule] : RULE_WORDS.plurality}${matter.reasonToOppose ? '；反对要写理由' : ''}`}
      />
      {matter.nonStanding.length > 0 ? <Field label="非常任成员" value={matter.nonStanding.map((n) => `${n.name}（${n.role}）`).join('、')} /> : null}
      <Field label="发起人" value={matter.createdBy.name} />
    </Card>
  )
}

/** 分享: WeChat's own share (a card that opens this page); in the browser, a link to copy. */
function ShareCard({ matter }: { matter: MatterDetail }) {
  const done = matter.state === 'closed' || matter.state === 'minuted'
  return (
    <Card title={done ? '把结果发到群里' : '把这件事发到群里'} className="cc-share">
      {process.env.TARO_ENV === 'weapp' ? (
        <Button className="cz-button cz-tap cz-button--plain cc-share-button" openType="share" hoverClass="cz-pressed">
          <Text className="cz-button__text cz-text">分享到微信群</Text>
        </Button>
      ) : (
        <BigButton
          className="cc-copy-link"
          kind="plain"
          text="复制链接"
          onClick={() => void copyText(`议事表决：${matter.title}\n${window.location.origin}${window.location.pathname}#${pathOf(matter.id)}`, '链接已复制，可以粘贴到群里')}
        />
      )}
    </Card>
  )
}
