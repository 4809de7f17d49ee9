import { Text, View } from '@tarojs/components'
import { useState } from 'react'
import { BigButton } from '../../../../components/button/BigButton'
import { Card } from '../../../../components/card/Card'
import { useAction } from '../../../../lib/use-action'
import { villageDateTime } from '../../../../lib/village-time'
import { call } from '../../../../services/api'
import type { MatterDetail, OutputOf } from '../../../../services/contract'
import { Bars } from '../../components/Bars'
import { barsOf, choiceText, RULE_WORDS, verdictOf } from '../../words'

/** 表决结果: the verdict, the bars per choice, the rule that applied, in the function's own words. */
export function ResultCard({ matter }: { matter: MatterDetail }) {
  const result = matter.result
  if (!result) return null
  const winners = result.winners?.map((id) => matter.options.find((o) => o.id === id)?.label ?? id)
  return (
    <Card title="表决结果" className="cc-result">
      <Text className={`cc-verdict cz-text ${result.passed || (winners && winners.length > 0) ? 'cc-verdict--passed' : 'cc-verdict--failed'}`}>{verdictOf(result)}</Text>
      {winners && winners.length > 0 ? (
        <Text className="cz-text cz-heading cc-block cc-winners">
          {matter.kind === 'election' ? '当选' : '选中'}：{winners.join('、')}
        </Text>
      ) : null}
      <Bars bars={barsOf(matter)} of={matter.eligible} />
      <Text className="cz-text cc-block cc-statement">{result.statement}</Text>
      <Text className="cz-text cz-text--small cc-gap">
        规则：{RULE_WORDS[result.rule]}。应参加 {matter.eligible} 人，实际投票 {matter.voted} 人。
      </Text>
    </Card>
  )
}

/**
 * Who has a vote and where it stands: while voting, who has voted and who not yet (exact, one
 * line each); once closed, for a named ballot, who chose what (with the reason and 代登记 marks).
 * A secret ballot shows only that each person voted.
 */
export function SlotsCard({ matter }: { matter: MatterDetail }) {
  const done = matter.state === 'closed' || matter.state === 'minuted'
  const title = done && matter.ballot === 'named' ? '谁投了什么' : '谁投了票'
  return (
    <Card title={title} className="cc-slots">
      {matter.slots.map((slot) => (
        <View key={slot.voterId} className={`cc-slot${slot.lost ? ' cc-slot--lost' : ''}`} data-voter={slot.voterId}>
          <View className="cc-slot__line">
            <Text className="cz-text cc-strong cc-slot__name">{slot.name}</Text>
            <Text className={`cz-text cc-slot__choice ${slot.voted ? 'cc-strong' : 'cc-red'}`}>
              {slot.choice !== null ? choiceText(slot.choice, matter.options) : slot.voted ? '已投' : done ? '没投' : '还没投'}
            </Text>
          </View>
          {slot.reason ? <Text className="cz-text cz-text--small cc-block">理由：{slot.reason}</Text> : null}
          {slot.recordedByChair ? <Text className="cz-text cz-text--small cc-block cc-slot__chair">主持人代为登记的当面表决</Text> : null}
          {slot.lost ? <Text className="cz-text cz-text--small cc-block cc-red">不计入：{slot.lost}</Text> : null}
        </View>
      ))}
      {matter.recusals.length > 0 ? (
        <View className="cc-recusals">
          <Text className="cz-text cz-heading cc-gap">回避</Text>
          {matter.recusals.map((r) => (
            <Text key={r.personId} className="cz-text cc-block">
              {r.name}：{r.reason}
            </Text>
          ))}
        </View>
      ) : null}
    </Card>
  )
}

/** 会议纪要 and the notes appended after it (never edits: corrections are added below). */
export function MinutesCard({ matter }: { matter: MatterDetail }) {
  const { minutes, notes } = matter
  if (!minutes && notes.length === 0) return null
  return (
    <Card title="会议纪要" className="cc-minutes">
      {minutes ? (
        <>
          <Text className="cz-text cc-block">
            <Text className="cc-strong">参会人：</Text>
            {minutes.attendees.join('、')}
          </Text>
          <Text className="cz-text cc-strong cc-gap">会议情况</Text>
          <Text className="cz-text cc-block cc-minutes-summary">{minutes.summary}</Text>
          <Text className="cz-text cc-strong cc-gap">决定事项</Text>
          <Text className="cz-text cc-block cc-minutes-decisions">{minutes.decisions}</Text>
          <Text className="cz-text cz-text--small cc-gap">
            {minutes.recordedBy} 记录于 {villageDateTime(minutes.recordedAt)}，已锁定，更正只能追加说明。
          </Text>
        </>
      ) : null}
      {notes.map((note, index) => (
        <View key={`${note.at}-${index}`} className="cc-note">
          <Text className="cz-text cc-strong cc-gap">
            追加说明（{villageDateTime(note.at)}，{note.by}）
          </Text>
          <Text className="cz-text cc-block">{note.text}</Text>
        </View>
      ))}
    </Card>
  )
}

type Verified = OutputOf<'councils', 'verify'>

/** The chain's head, short, and 核验: the function recomputes every step from what is stored. */
export function ChainCard({ matter }: { matter: MatterDetail }) {
  const [verified, setVerified] = useState<Verified>()
  const verify = useAction(async () => setVerified(await call('councils', 'verify', { matterId: matter.id })))
  return (
    <Card title="防篡改核验" className="cc-chain-card">
      <Text className="cz-text cc-block">每一次状态变化和每一张票都记在一条环环相扣的记录上，改动任何一条都能查出来。</Text>
      <Text className="cz-text cc-gap">核验码（共 {matter.chainLength} 条记录）：</Text>
      <Text className="cz-text cc-chain">{matter.chainHead.slice(0, 12)}</Text>
      {verified ? (
        verified.ok ? (
          <Text className="cz-text cc-notice cc-notice--ok cc-verify-ok">核验通过：{verified.length} 条记录都对得上，没有被改动。</Text>
        ) : (
          <Text className="cz-text cc-notice cc-notice--error cc-verify-bad">核验没通过：{verified.problems.join('；') || '记录对不上'}</Text>
        )
      ) : null}
      {verify.error ? <Text className="cz-text cc-notice cc-notice--error">{verify.error}</Text> : null}
      <BigButton className="cc-verify" kind="plain" text={verify.busy ? '正在核验…' : '核验'} disabled={verify.busy} onClick={() => void verify.run()} />
    </Card>
  )
}
