import { Text, View } from '@tarojs/components'
import { useState } from 'react'
import { BigButton } from '../../../../components/button/BigButton'
import { Card } from '../../../../components/card/Card'
import { fieldWords, useAction } from '../../../../lib/use-action'
import { call } from '../../../../services/api'
import type { ErrandDetail, Rating } from '../../../../services/contract'
import { confirmStep, said } from '../../components/ask'
import { PhotoPicker } from '../../components/Photos'
import { AreaInput } from '../../../../components/form/TextBox'
import { RATINGS_SHOWN } from '../../words'

interface Props {
  errand: ErrandDetail
  onChanged: () => Promise<void>
}

/** 组长代办: the villager confirms in the app, or withdraws (what is not handed on yet is cancelled). */
export function ConsentCard({ errand, onChanged }: Props) {
  const consent = errand.consent!
  const act = useAction(async (decision: 'confirm' | 'withdraw') => {
    if (decision === 'withdraw') {
      const sure = await confirmStep('撤回同意', '撤回后，这件事还没转出去的就不办了。确定撤回吗？', '撤回')
      if (!sure) return
    }
    await call('errands', 'consent', { requestId: errand.id, decision })
    said(decision === 'confirm' ? '已同意' : '已撤回')
    await onChanged()
  })
  return (
    <Card title="组长替您代办" className="eu-consent-card">
      <Text className="cz-text eu-block">
        组长 {errand.filedBy.name} 替您申请办「{errand.itemName}」。
        {consent.state === 'pending' ? '您同意吗？' : consent.state === 'given' ? '您已经同意。如果不想办了，可以撤回。' : '您已经撤回了同意。'}
      </Text>
      {consent.state === 'pending' ? (
        <BigButton className="eu-consent-confirm" text={act.busy ? '正在提交…' : '同意，请组长代办'} disabled={act.busy} onClick={() => void act.run('confirm')} />
      ) : null}
      {consent.state !== 'withdrawn' ? (
        <BigButton
          className="eu-consent-withdraw"
          kind="plain"
          text={consent.state === 'pending' ? '不同意' : '撤回同意'}
          disabled={act.busy}
          onClick={() => void act.run('withdraw')}
        />
      ) : null}
      {act.error ? <Text className="cz-text eu-problem">{act.error}</Text> : null}
    </Card>
  )
}

/** 退回补充: the villager answers with words and photos; the request goes back to where it was. */
export function RespondCard({ errand, onChanged }: Props) {
  const [note, setNote] = useState('')
  const [photoIds, setPhotoIds] = useState<string[]>([])
  const reason = [...errand.steps].reverse().find((step) => step.kind === 'returned')?.note
  const respond = useAction(
    async () => {
      await call('errands', 'respond', { requestId: errand.id, note: note.trim() || undefined, photoIds: photoIds.length > 0 ? photoIds : undefined })
      setNote('')
      setPhotoIds([])
      said('已回复，继续办理')
      await onChanged()
    },
    { wordsFor: fieldWords('note') },
  )
  return (
    <Card title="退回给您补充" className="eu-respond">
      {reason ? <Text className="cz-text cz-heading eu-block eu-return-reason">原因：{reason}</Text> : null}
      <Text className="cz-text eu-block">补充好了告诉组长。等您的这几天不算在办理时间里。</Text>
      <AreaInput className="eu-respond-note" value={note} onChange={setNote} placeholder="写上补充的情况（可不填）" />
      <PhotoPicker value={photoIds} onChange={setPhotoIds} />
      {respond.error ? <Text className="cz-text eu-problem">{respond.error}</Text> : null}
      <BigButton className="eu-respond-submit" text={respond.busy ? '正在提交…' : '补充好了，继续办'} disabled={respond.busy} onClick={() => void respond.run()} />
    </Card>
  )
}

/** After 办好了: three big buttons; 不满意 goes back to the same handler with the note. */
export function RateCard({ errand, onChanged }: Props) {
  const [note, setNote] = useState('')
  const [chosen, setChosen] = useState<Rating>()
  const rate = useAction(
    async (rating: Rating) => {
      setChosen(rating)
      await call('errands', 'rate', { requestId: errand.id, rating, note: note.trim() || undefined })
      said(rating === 'unsatisfied' ? '已退回组长重新办' : '谢谢您的评价')
      setNote('')
      await onChanged()
    },
    { wordsFor: fieldWords('note') },
  )
  return (
    <Card title="办好了，您满意吗？" className="eu-rate">
      <Text className="cz-text eu-block">点一下就行。选「不满意」，这件事会退回给组长重新办。</Text>
      <AreaInput className="eu-rate-note" value={note} onChange={setNote} placeholder="想说的话（可不填）" />
      <View className="eu-rate-buttons">
        {RATINGS_SHOWN.map((option) => (
          <BigButton
            key={option.value}
            className={`eu-rate-button eu-rate-button--${option.value}`}
            kind={option.value === 'satisfied' ? 'primary' : 'plain'}
            text={rate.busy && chosen === option.value ? '正在提交…' : option.label}
            disabled={rate.busy}
            onClick={() => void rate.run(option.value)}
          />
        ))}
      </View>
      {rate.error ? <Text className="cz-text eu-problem">{rate.error}</Text> : null}
    </Card>
  )
}
