import { Text, View } from '@tarojs/components'
import { useState } from 'react'
import { BigButton } from '../../../../components/button/BigButton'
import { Card } from '../../../../components/card/Card'
import { fieldWords, useAction } from '../../../../lib/use-action'
import { call } from '../../../../services/api'
import type { MatterDetail, MotionChoice } from '../../../../services/contract'
import { askToSubscribe } from '../../../../services/subscribe'
import { confirmStep } from '../../components/ask'
import { Choice } from '../../components/Choice'
import { AreaInput } from '../../../../components/form/TextBox'
import { CHOICE_WORDS, choiceText } from '../../words'

const REASON_MIN = 2

/**
 * The voting screen: one question and three large buttons (同意 / 反对 / 弃权), or the options of
 * a choice. After voting: what they chose, and 改一下 until closing (a secret ballot is final, and
 * says so before the vote).
 */
export function VoteCard({ matter, onVoted }: { matter: MatterDetail; onVoted: () => void }) {
  const mine = matter.mine!
  const [editing, setEditing] = useState(false)
  const [opposing, setOpposing] = useState(false)
  const [reason, setReason] = useState('')
  const [picked, setPicked] = useState<string[]>([])
  const secret = matter.ballot === 'secret'
  const vote = useAction(
    async (choice: MotionChoice | string[], why?: string) => {
      await call('councils', 'vote', { matterId: matter.id, choice, ...(why ? { reason: why } : {}) })
      setEditing(false)
      setOpposing(false)
      setPicked([])
      onVoted()
    },
    { wordsFor: fieldWords('reason') },
  )

  const cast = async (choice: MotionChoice | string[], why?: string) => {
    const words = choiceText(choice, matter.options)
    if (secret && !(await confirmStep('确认投票', `您选择了「${words}」。无记名投票投了就不能再改，确定吗？`, '确定投票'))) return
    await vote.run(choice, why)
  }

  if (mine.voted && !editing) {
    return (
      <Card title="我的表决" className="cc-vote-card cc-voted">
        {/* A secret ballot's choice is not kept with the voter: nobody, the voter included, can look it up later. */}
        <Text className="cc-mine cz-text">{secret ? '您已投票' : `您选择了：${choiceText(mine.choice, matter.options)}`}</Text>
        {mine.recordedByChair ? <Text className="cz-text cc-notice cc-recorded-mine">这一票是主持人按您当面表决的意思代为登记的。如果不对，截止前您可以自己改。</Text> : null}
        {mine.final ? (
          <Text className="cz-text cc-block">无记名投票，投了就不能再改。谁投了谁不记录，这里也不显示。</Text>
        ) : (
          <>
            <Text className="cz-text cc-block">表决结束前，您可以改。</Text>
            <BigButton className="cc-change-vote" kind="plain" text="改一下我的选择" onClick={() => setEditing(true)} />
          </>
        )}
      </Card>
    )
  }

  return (
    <Card title={mine.voted ? '改我的选择' : '请您表决'} className="cc-vote-card">
      {secret ? <Text className="cz-text cc-notice cc-secret-warning">这是无记名投票：投了就不能再改，别人也看不到您投了什么。</Text> : null}
      {matter.kind === 'motion' ? (
        opposing ? (
          <View className="cc-oppose-form">
            <Text className="cz-text cz-heading cc-block">您选择了：反对</Text>
            <Text className="cz-text cc-label">请写一下反对的理由（这件事要求写明理由）</Text>
            <AreaInput className="cc-oppose-reason" value={reason} onChange={setReason} maxlength={200} placeholder="例如：费用太高，希望先算清楚每户要出多少" />
            <BigButton
              className="cc-oppose-submit"
              text={vote.busy ? '正在提交…' : '提交反对票'}
              disabled={vote.busy || reason.trim().length < REASON_MIN}
              onClick={() => {
                askToSubscribe()
                void cast('oppose', reason.trim())
              }}
            />
            <BigButton kind="plain" text="不反对了，重新选" onClick={() => setOpposing(false)} />
          </View>
        ) : (
          <>
            <Text className="cz-text cz-heading cc-block cc-question">您同意这件事吗？</Text>
            <View className="cc-vote-buttons">
              {(['agree', 'oppose', 'abstain'] as const).map((choice) => (
                <BigButton
                  key={choice}
                  className={`cc-vote-button cc-vote-button--${choice}${mine.choice === choice ? ' is-chosen' : ''}`}
                  text={vote.busy ? '正在提交…' : CHOICE_WORDS[choice]}
                  disabled={vote.busy}
                  onClick={() => {
                    askToSubscribe()
                    if (choice === 'oppose' && matter.reasonToOppose) setOpposing(true)
                    else void cast(choice)
                  }}
                />
              ))}
            </View>
          </>
        )
      ) : (
        <>
          <Text className="cz-text cz-heading cc-block cc-question">
            {matter.kind === 'election'
              ? matter.maxChoices > 1
                ? `请选出您支持的候选人，最多 ${matter.maxChoices} 位`
                : '请选出您支持的一位候选人'
              : matter.maxChoices > 1
                ? `请选择，最多选 ${matter.maxChoices} 项`
                : '请选择一项'}
          </Text>
          {matter.options.map((option) => {
            const chosen = picked.includes(option.id)
            const full = !chosen && matter.maxChoices > 1 && picked.length >= matter.maxChoices
            return (
              <Choice
                key={option.id}
                className="cc-option"
                chosen={chosen}
                disabled={full}
                disabledMark="已选满"
                onChoose={() => setPicked((prev) => (chosen ? prev.filter((id) => id !== option.id) : matter.maxChoices === 1 ? [option.id] : [...prev, option.id]))}
              >
                <Text className="cz-text cz-heading">{option.label}</Text>
              </Choice>
            )
          })}
          <BigButton
            className="cc-choice-submit"
            text={vote.busy ? '正在提交…' : picked.length === 0 ? '请先选一项' : '投票'}
            disabled={vote.busy || picked.length === 0}
            onClick={() => {
              askToSubscribe()
              void cast(picked)
            }}
          />
        </>
      )}
      {vote.error ? <Text className="cz-text cc-notice cc-notice--error cc-vote-error">{vote.error}</Text> : null}
      {mine.voted ? <BigButton kind="plain" text="不改了" onClick={() => setEditing(false)} /> : null}
    </Card>
  )
}
