import { Text, View } from '@tarojs/components'
import { useState } from 'react'
import { BigButton } from '../../../../components/button/BigButton'
import { Card } from '../../../../components/card/Card'
import { fieldWords, useAction } from '../../../../lib/use-action'
import { refreshTodo } from '../../../../lib/errands-todo'
import { ApiError, call } from '../../../../services/api'
import type { ErrandDetail, ErrandState, Rating } from '../../../../services/contract'
import { confirmStep, said } from '../../components/ask'
import { Chips } from '../../components/Chips'
import { PhotoPicker } from '../../components/Photos'
import { AreaInput } from '../../../../components/form/TextBox'
import { forwardSteps, RATINGS_SHOWN, STATE_TAG, STEP_BUTTON } from '../../words'

interface Props {
  errand: ErrandDetail
  onChanged: () => Promise<void>
}

const missing = (message: string) => new ApiError({ code: 'INVALID_INPUT', message, requestId: 'client' })

type Panel = 'none' | 'return' | 'cancel'

/**
 * 办理 for the leader or the village cadre: the next step in one tap (签收 → 材料收齐 → 办好了, or
 * 转村／转镇办理), with an optional note and photos; 退回 with a reason; 取消 with a reason.
 */
export function HandlerCard({ errand, onChanged }: Props) {
  const [note, setNote] = useState('')
  const [photoIds, setPhotoIds] = useState<string[]>([])
  const [handedTo, setHandedTo] = useState<'village' | 'town'>(errand.item.handledBy)
  const [panel, setPanel] = useState<Panel>('none')
  const steps = forwardSteps(errand.next)
  const step = useAction(
    async (to: ErrandState) => {
      const words = note.trim()
      if ((to === 'returned' || to === 'cancelled') && !words) throw missing(to === 'returned' ? '请写上退回的原因，村民要知道补什么' : '请写上取消的原因')
      if (to === 'cancelled' && !(await confirmStep('取消申请', '取消后这件事就不办了，村民会收到通知。确定取消吗？', '取消申请'))) return
      await call('errands', 'advance', {
        requestId: errand.id,
        to,
        note: words || undefined,
        photoIds: photoIds.length > 0 ? photoIds : undefined,
        ...(to === 'handed_on' ? { handedTo } : {}),
      })
      setNote('')
      setPhotoIds([])
      setPanel('none')
      said(STATE_TAG[to])
      refreshTodo()
      await onChanged()
    },
    { wordsFor: fieldWords('note') },
  )
  return (
    <Card title="办理" className="eu-handle">
      <AreaInput
        className="eu-step-note"
        value={note}
        onChange={setNote}
        placeholder={panel === 'return' ? '退回的原因：缺什么材料、要村民做什么' : panel === 'cancel' ? '取消的原因' : '说明（可不填）：比如约好哪天去拿材料'}
      />
      <PhotoPicker value={photoIds} onChange={setPhotoIds} />
      {panel === 'none' ? (
        <>
          {steps.includes('handed_on') ? (
            <Chips
              className="eu-handed-to"
              options={[
                { value: 'village', label: '转村里办' },
                { value: 'town', label: '转镇上办' },
              ]}
              value={handedTo}
              onChange={setHandedTo}
            />
          ) : null}
          {steps.map((to, index) => (
            <BigButton
              key={to}
              className={`eu-step-button eu-step-button--${to}`}
              kind={index === 0 ? 'primary' : 'plain'}
              text={to === 'handed_on' ? (handedTo === 'town' ? '转镇上办理' : '转村里办理') : STEP_BUTTON[to]}
              disabled={step.busy}
              onClick={() => void step.run(to)}
            />
          ))}
          <View className="eu-side-actions">
            {errand.next.includes('returned') ? <BigButton className="eu-return-start" kind="plain" text="退回给村民补充" onClick={() => setPanel('return')} /> : null}
            {errand.next.includes('cancelled') ? <BigButton className="eu-cancel-start" kind="plain" text="取消这件事" onClick={() => setPanel('cancel')} /> : null}
          </View>
        </>
      ) : (
        <>
          <Text className="cz-text eu-block">{panel === 'return' ? '退回后不计时，村民补充好了会接着办。' : '只有村民不办了、或者办不了，才取消。'}</Text>
          <BigButton
            className={panel === 'return' ? 'eu-return-submit' : 'eu-cancel-submit'}
            text={step.busy ? '正在提交…' : panel === 'return' ? '确定退回' : '确定取消'}
            disabled={step.busy}
            onClick={() => void step.run(panel === 'return' ? 'returned' : 'cancelled')}
          />
          <BigButton className="eu-panel-back" kind="plain" text="不了，回去" onClick={() => setPanel('none')} />
        </>
      )}
      {step.error ? <Text className="cz-text eu-problem eu-step-problem">{step.error}</Text> : null}
    </Card>
  )
}

/** 电话回访: the villager did not rate it within 3 working days; the leader calls and records what they said. */
export function CallbackCard({ errand, onChanged }: Props) {
  const [rating, setRating] = useState<Rating>()
  const [note, setNote] = useState('')
  const save = useAction(
    async () => {
      if (!rating) throw missing('请选村民在电话里说的：满意、基本满意还是不满意')
      if (!note.trim()) throw missing('请写上回访的情况：什么时候打的、村民怎么说')
      await call('errands', 'callback', { requestId: errand.id, rating, note: note.trim() })
      said('已记录回访')
      refreshTodo()
      await onChanged()
    },
    { wordsFor: fieldWords('note') },
  )
  return (
    <Card title="电话回访" className="eu-callback">
      <Text className="cz-text eu-block">村民 3 个工作日没有评价。请打电话问一问，把村民的话记下来。</Text>
      <Chips className="eu-callback-rating" options={RATINGS_SHOWN} value={rating} onChange={setRating} />
      <AreaInput className="eu-callback-note" value={note} onChange={setNote} placeholder="回访情况：几点打的电话，村民怎么说" />
      {save.error ? <Text className="cz-text eu-problem">{save.error}</Text> : null}
      <BigButton className="eu-callback-submit" text={save.busy ? '正在保存…' : '记录回访'} disabled={save.busy} onClick={() => void save.run()} />
    </Card>
  )
}

const EXTEND_DAYS = [
  { value: '1', label: '1 天' },
  { value: '2', label: '2 天' },
  { value: '3', label: '3 天' },
  { value: '5', label: '5 天' },
] as const

/** 延期: the leader asks before the deadline with a reason; the village cadre approves or refuses it. */
export function ExtensionCards({ errand, onChanged }: Props) {
  const [open, setOpen] = useState(false)
  const [days, setDays] = useState<(typeof EXTEND_DAYS)[number]['value']>('2')
  const [reason, setReason] = useState('')
  const ask = useAction(
    async () => {
      if (!reason.trim()) throw missing('请写上为什么要延期，村民会看到')
      await call('errands', 'extend', { requestId: errand.id, days: Number(days), reason: reason.trim() })
      setOpen(false)
      setReason('')
      said('已申请延期')
      await onChanged()
    },
    { wordsFor: fieldWords('reason') },
  )
  const [decideNote, setDecideNote] = useState('')
  const decide = useAction(async (approve: boolean) => {
    await call('errands', 'decideExtension', { requestId: errand.id, approve, note: decideNote.trim() || undefined })
    said(approve ? '已批准延期' : '没有批准')
    await onChanged()
  })
  const requested = errand.extension?.state === 'requested'
  return (
    <>
      {errand.can.extend && !requested ? (
        open ? (
          <Card title="申请延期" className="eu-extend">
            <Text className="cz-text eu-block">截止前才能申请，要村里批准，村民会收到通知。延长几个工作日？</Text>
            <Chips className="eu-extend-days" options={EXTEND_DAYS} value={days} onChange={setDays} />
            <AreaInput className="eu-extend-reason" value={reason} onChange={setReason} placeholder="为什么要延期" />
            {ask.error ? <Text className="cz-text eu-problem">{ask.error}</Text> : null}
            <BigButton className="eu-extend-submit" text={ask.busy ? '正在提交…' : '申请延期'} disabled={ask.busy} onClick={() => void ask.run()} />
            <BigButton className="eu-panel-back" kind="plain" text="不了" onClick={() => setOpen(false)} />
          </Card>
        ) : (
          <BigButton className="eu-extend-start" kind="plain" text="来不及？申请延期" onClick={() => setOpen(true)} />
        )
      ) : null}
      {errand.can.decideExtension && requested ? (
        <Card title="延期申请" className="eu-decide">
          <Text className="cz-text eu-block">
            组长申请延期 {errand.extension!.days} 个工作日：{errand.extension!.reason}
          </Text>
          <AreaInput className="eu-decide-note" value={decideNote} onChange={setDecideNote} placeholder="说明（可不填）" />
          {decide.error ? <Text className="cz-text eu-problem">{decide.error}</Text> : null}
          <BigButton className="eu-decide-approve" text="批准延期" disabled={decide.busy} onClick={() => void decide.run(true)} />
          <BigButton className="eu-decide-refuse" kind="plain" text="不批准" disabled={decide.busy} onClick={() => void decide.run(false)} />
        </Card>
      ) : null}
    </>
  )
}
