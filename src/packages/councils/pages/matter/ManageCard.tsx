import { Text, View } from '@tarojs/components'
import { useState } from 'react'
import { BigButton } from '../../../../components/button/BigButton'
import { Card } from '../../../../components/card/Card'
import { useAction } from '../../../../lib/use-action'
import { call } from '../../../../services/api'
import type { MatterDetail, MotionChoice } from '../../../../services/contract'
import { askToSubscribe } from '../../../../services/subscribe'
import { confirmStep } from '../../components/ask'
import { Chips } from '../../components/Chips'
import { Choice } from '../../components/Choice'
import { AreaInput, LineInput } from '../../../../components/form/TextBox'
import { CHOICE_WORDS } from '../../words'

export type Panel = 'record' | 'recuse' | 'minutes' | 'note' | 'tie'

const MIN = 2

/**
 * What the chair and the village's cadres do on a matter, by its state: 发布, 开始表决, 结束表决
 * (each asked first), and the forms — 代为登记当面表决, 登记回避, 记录纪要, 追加说明, 决定并列.
 */
export function ManageCard({
  matter,
  panel,
  setPanel,
  onChanged,
}: {
  matter: MatterDetail
  panel: Panel | null
  setPanel: (panel: Panel | null) => void
  onChanged: (notice: string) => void
}) {
  const step = useAction(async (kind: 'publish' | 'open' | 'close') => {
    await call('councils', kind, { matterId: matter.id })
    onChanged(kind === 'publish' ? '已发布，成员和村民可以看到并讨论了。' : kind === 'open' ? '已开始表决，已通知有表决权的人。' : '表决已结束，结果已公布。')
  })
  const ask = async (kind: 'publish' | 'open' | 'close') => {
    askToSubscribe()
    const words = {
      publish: ['发布这件事', '发布后成员都能看到，公开的事项本组（本村）村民也能看到并留言讨论。', '发布'],
      open: ['开始表决', `开始后有表决权的人就能投票，截止时间到了自动结束。应参加的人从现在起确定。`, '开始表决'],
      close: ['结束表决', `现在结束表决？已投 ${matter.voted} / ${matter.eligible} 人，结束后不能再投票，结果会公布。`, '结束表决'],
    }[kind]
    if (await confirmStep(words[0]!, words[1]!, words[2]!)) await step.run(kind)
  }
  if (panel === 'record') return <RecordForm matter={matter} onDone={onChanged} onCancel={() => setPanel(null)} />
  if (panel === 'recuse') return <RecuseForm matter={matter} onDone={onChanged} onCancel={() => setPanel(null)} />
  if (panel === 'minutes') return <MinutesForm matter={matter} onDone={onChanged} onCancel={() => setPanel(null)} />
  if (panel === 'note') return <NoteForm matter={matter} onDone={onChanged} onCancel={() => setPanel(null)} />
  if (panel === 'tie') return <TieForm matter={matter} onDone={onChanged} onCancel={() => setPanel(null)} />
  const { state } = matter
  const tie = matter.result?.tie ?? []
  return (
    <Card title="主持和管理" className="cc-manage">
      {step.error ? <Text className="cz-text cc-notice cc-notice--error">{step.error}</Text> : null}
      {state === 'draft' ? <BigButton className="cc-publish" kind="plain" text="发布，先讨论" onClick={() => void ask('publish')} /> : null}
      {state === 'draft' || state === 'published' ? <BigButton className="cc-open" text="开始表决" onClick={() => void ask('open')} /> : null}
      {state === 'voting' ? (
        <>
          {matter.can.recordFor && matter.ballot === 'named' ? (
            <BigButton className="cc-record-start" kind="plain" text="代为登记当面表决" onClick={() => setPanel('record')} />
          ) : null}
          <BigButton className="cc-recuse-start" kind="plain" text="登记回避" onClick={() => setPanel('recuse')} />
          <BigButton className="cc-close" text="结束表决" onClick={() => void ask('close')} />
        </>
      ) : null}
      {state === 'closed' && tie.length > 0 ? <BigButton className="cc-tie-start" text="票数相同，由主持人决定" onClick={() => setPanel('tie')} /> : null}
      {state === 'closed' ? <BigButton className="cc-minutes-start" kind={tie.length > 0 ? 'plain' : 'primary'} text="记录会议纪要" onClick={() => setPanel('minutes')} /> : null}
      {state === 'minuted' ? <BigButton className="cc-note-start" kind="plain" text="追加说明" onClick={() => setPanel('note')} /> : null}
      {step.busy ? <Text className="cz-text cc-block">正在办理…</Text> : null}
    </Card>
  )
}

interface FormProps {
  matter: MatterDetail
  onDone: (notice: string) => void
  onCancel: () => void
}

/** 代为登记当面表决: the chair records the vote of a member without a phone (an elder), with the reason; the member is told and may change it. */
function RecordForm({ matter, onDone, onCancel }: FormProps) {
  const waiting = matter.slots.filter((s) => !s.voted && !s.lost)
  const [voterId, setVoterId] = useState<string>()
  const [choice, setChoice] = useState<MotionChoice>()
  const [picked, setPicked] = useState<string[]>([])
  const [reason, setReason] = useState('')
  const [note, setNote] = useState('')
  const who = waiting.find((s) => s.voterId === voterId)
  const needsReason = matter.kind === 'motion' && choice === 'oppose' && matter.reasonToOppose
  const record = useAction(async () => {
    await call('councils', 'vote', {
      matterId: matter.id,
      choice: matter.kind === 'motion' ? choice! : picked,
      onBehalfOf: voterId!,
      note: note.trim(),
      ...(needsReason || (choice === 'oppose' && reason.trim()) ? { reason: reason.trim() } : {}),
    })
    onDone(`已登记 ${who?.name ?? ''} 的当面表决，会通知本人，截止前本人可以自己改。`)
  })
  const chosen = matter.kind === 'motion' ? !!choice : picked.length > 0
  const ready = !!who && chosen && note.trim().length >= MIN && (!needsReason || reason.trim().length >= MIN) && !record.busy
  return (
    <Card title="代为登记当面表决" className="cc-record-form">
      <Text className="cz-text cc-block">为不会用手机的成员登记他当面说的表决意见。会标明“主持人代为登记”，并通知本人。</Text>
      <Text className="cz-text cz-heading cc-label">第一步：选成员（只列还没投票的）</Text>
      {waiting.length === 0 ? <Text className="cz-text cc-notice">每个人都已经投过票了。</Text> : null}
      {waiting.map((slot) => (
        <Choice key={slot.voterId} className="cc-record-member" chosen={slot.voterId === voterId} pick="选这位" onChoose={() => setVoterId(slot.voterId)}>
          <Text className="cz-text cz-heading">{slot.name}</Text>
        </Choice>
      ))}
      <Text className="cz-text cz-heading cc-label">第二步：他的意见</Text>
      {matter.kind === 'motion' ? (
        <Chips
          className="cc-record-choice"
          options={(['agree', 'oppose', 'abstain'] as const).map((c) => ({ value: c, label: CHOICE_WORDS[c] }))}
          value={choice}
          onChange={setChoice}
        />
      ) : (
        matter.options.map((option) => {
          const on = picked.includes(option.id)
          return (
            <Choice
              key={option.id}
              chosen={on}
              disabled={!on && matter.maxChoices > 1 && picked.length >= matter.maxChoices}
              disabledMark="已选满"
              onChoose={() => setPicked((prev) => (on ? prev.filter((id) => id !== option.id) : matter.maxChoices === 1 ? [option.id] : [...prev, option.id]))}
            >
              <Text className="cz-text cz-heading">{option.label}</Text>
            </Choice>
          )
        })
      )}
      {choice === 'oppose' ? (
        <>
          <Text className="cz-text cc-label">反对的理由{matter.reasonToOppose ? '（必填）' : '（可不填）'}</Text>
          <AreaInput className="cc-record-reason" value={reason} onChange={setReason} maxlength={200} placeholder="他说的反对理由" />
        </>
      ) : null}
      <Text className="cz-text cz-heading cc-label">第三步：为什么代登记</Text>
      <AreaInput className="cc-record-note" value={note} onChange={setNote} maxlength={200} placeholder="例如：本人不会用手机，在村委会当面表决" />
      {record.error ? <Text className="cz-text cc-notice cc-notice--error">{record.error}</Text> : null}
      <BigButton className="cc-record-submit" text={record.busy ? '正在登记…' : '登记'} disabled={!ready} onClick={() => void record.run()} />
      <BigButton kind="plain" text="不登记了" onClick={onCancel} />
    </Card>
  )
}

/** 登记回避: a member with an interest in the matter gives up their vote, with the reason. */
function RecuseForm({ matter, onDone, onCancel }: FormProps) {
  const members = matter.slots.filter((s) => !s.lost && !s.voterId.startsWith('ns:'))
  const [personId, setPersonId] = useState<string>()
  const [reason, setReason] = useState('')
  const who = members.find((s) => s.voterId === personId)
  const recuse = useAction(async () => {
    const res = await call('councils', 'recuse', { matterId: matter.id, personId: personId!, reason: reason.trim() })
    onDone(`已登记 ${who?.name ?? ''} 回避，现在应参加表决 ${res.eligible} 人。`)
  })
  return (
    <Card title="登记回避" className="cc-recuse-form">
      <Text className="cz-text cc-block">和这件事有利害关系的成员不参加表决。他的票（如果投了）不再计入，法定人数按其余的人重新算。</Text>
      {members.map((slot) => (
        <Choice key={slot.voterId} className="cc-recuse-member" chosen={slot.voterId === personId} pick="选这位" onChoose={() => setPersonId(slot.voterId)}>
          <Text className="cz-text cz-heading">{slot.name}</Text>
        </Choice>
      ))}
      <Text className="cz-text cc-label">回避的原因</Text>
      <AreaInput className="cc-recuse-reason" value={reason} onChange={setReason} maxlength={200} placeholder="例如：本人是这个项目的承包方" />
      {recuse.error ? <Text className="cz-text cc-notice cc-notice--error">{recuse.error}</Text> : null}
      <BigButton
        className="cc-recuse-submit"
        text={recuse.busy ? '正在登记…' : '登记回避'}
        disabled={!who || reason.trim().length < MIN || recuse.busy}
        onClick={() => void recuse.run()}
      />
      <BigButton kind="plain" text="不登记了" onClick={onCancel} />
    </Card>
  )
}

/** The names typed, split at 、 ， , or spaces. */
const namesIn = (text: string) =>
  text
    .split(/[、,，;；\s]+/)
    .map((name) => name.trim())
    .filter(Boolean)

/** 记录会议纪要: attendees (filled in with the members), what was said, what was decided. Locked once saved. */
function MinutesForm({ matter, onDone, onCancel }: FormProps) {
  const [attendees, setAttendees] = useState(() =>
    matter.slots
      .filter((s) => !s.lost)
      .map((s) => s.name)
      .join('、'),
  )
  const [summary, setSummary] = useState('')
  const [decisions, setDecisions] = useState(() => (matter.result ? matter.result.statement : ''))
  const save = useAction(async () => {
    await call('councils', 'recordMinutes', { matterId: matter.id, attendees: namesIn(attendees), summary: summary.trim(), decisions: decisions.trim() })
    onDone('纪要已记录并公开。以后要更正，只能追加说明。')
  })
  const ready = namesIn(attendees).length > 0 && summary.trim().length > 0 && decisions.trim().length > 0 && !save.busy
  return (
    <Card title="记录会议纪要" className="cc-minutes-form">
      <Text className="cz-text cc-label">参会人（用“、”隔开）</Text>
      <AreaInput className="cc-minutes-attendees" value={attendees} onChange={setAttendees} maxlength={600} placeholder="例如：张三、李四" />
      <Text className="cz-text cc-label">会议情况</Text>
      <AreaInput maxlength={2000} className="cc-minutes-summary-input" value={summary} onChange={setSummary} tall placeholder="大家讨论了什么，有哪些意见" />
      <Text className="cz-text cc-label">决定事项</Text>
      <AreaInput maxlength={2000} className="cc-minutes-decisions-input" value={decisions} onChange={setDecisions} tall placeholder="决定怎么办，谁负责，什么时候完成" />
      <Text className="cz-text cz-text--small cc-gap">保存后纪要就锁定了，不能修改，只能追加说明。</Text>
      {save.error ? <Text className="cz-text cc-notice cc-notice--error">{save.error}</Text> : null}
      <BigButton className="cc-minutes-submit" text={save.busy ? '正在保存…' : '保存纪要'} disabled={!ready} onClick={() => void save.run()} />
      <BigButton kind="plain" text="先不记" onClick={onCancel} />
    </Card>
  )
}

/** 追加说明: a correction after the minutes, added below them (the minutes are never edited). */
function NoteForm({ matter, onDone, onCancel }: FormProps) {
  const [text, setText] = useState('')
  const add = useAction(async () => {
    await call('councils', 'appendNote', { matterId: matter.id, text: text.trim() })
    onDone('说明已追加在纪要后面。')
  })
  return (
    <Card title="追加说明" className="cc-note-form">
      <AreaInput maxlength={2000} className="cc-note-input" value={text} onChange={setText} placeholder="要补充或更正的内容" />
      {add.error ? <Text className="cz-text cc-notice cc-notice--error">{add.error}</Text> : null}
      <BigButton className="cc-note-submit" text={add.busy ? '正在保存…' : '追加'} disabled={text.trim().length === 0 || add.busy} onClick={() => void add.run()} />
      <BigButton kind="plain" text="不追加了" onClick={onCancel} />
    </Card>
  )
}

/** 决定并列: votes tied at the last place; the chair decides, with the reason recorded. */
function TieForm({ matter, onDone, onCancel }: FormProps) {
  const tied = matter.result?.tie ?? []
  const [winners, setWinners] = useState<string[]>([])
  const [note, setNote] = useState('')
  const settle = useAction(async () => {
    await call('councils', 'settleTie', { matterId: matter.id, winners, note: note.trim() })
    onDone('已记录主持人的决定。')
  })
  return (
    <Card title="票数相同，由主持人决定" className="cc-tie-form">
      <Text className="cz-text cc-block">下面几项票数相同，请选出当选的，并写明怎么决定的。</Text>
      <View>
        {tied.map((id) => {
          const on = winners.includes(id)
          return (
            <Choice key={id} chosen={on} onChoose={() => setWinners((prev) => (on ? prev.filter((w) => w !== id) : [...prev, id]))}>
              <Text className="cz-text cz-heading">{matter.options.find((o) => o.id === id)?.label ?? id}</Text>
            </Choice>
          )
        })}
      </View>
      <Text className="cz-text cc-label">怎么决定的</Text>
      <LineInput value={note} onChange={setNote} maxlength={200} placeholder="例如：议事会当场抽签" />
      {settle.error ? <Text className="cz-text cc-notice cc-notice--error">{settle.error}</Text> : null}
      <BigButton text={settle.busy ? '正在保存…' : '确定'} disabled={winners.length === 0 || note.trim().length < MIN || settle.busy} onClick={() => void settle.run()} />
      <BigButton kind="plain" text="先不定" onClick={onCancel} />
    </Card>
  )
}
