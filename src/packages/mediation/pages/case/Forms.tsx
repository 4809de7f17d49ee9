import { Picker, Text, View } from '@tarojs/components'
import { useCallback, useState, type ReactNode } from 'react'
import { BigButton } from '../../../../components/button/BigButton'
import { Card } from '../../../../components/card/Card'
import { Chips } from '../../../../components/form/Chips'
import { AreaInput, LineInput } from '../../../../components/form/TextBox'
import { ListFooter, QueryView } from '../../../../components/status/QueryView'
import { said } from '../../../../lib/ask'
import { fieldWords, useAction } from '../../../../lib/use-action'
import { usePaged } from '../../../../lib/use-paged'
import { villageDateTime } from '../../../../lib/village-time'
import { ApiError, call } from '../../../../services/api'
import { FOLLOW_UP_RESULTS, LOG_KINDS, OUTCOMES, type CaseDetail, type Outcome, type Risk } from '../../../../services/contract'
import { chooseAndUploadPhotos } from '../../../../services/files'
import { RiskChecks } from '../../components/RiskChecks'
import { beijingDate, dayWords, FOLLOW_UP_RESULT_LABEL, LOG_KIND_LABEL, NEXT_WORDS, OUTCOME_LABEL } from '../../words'

interface FormProps {
  found: CaseDetail
  onDone: () => Promise<void>
  onCancel: () => void
}

const missing = (message: string) => new ApiError({ code: 'INVALID_INPUT', message, requestId: 'client' })

/** A form's frame: the title, the fields, the error, 保存 and 不了. */
function Form({
  title,
  className,
  busy,
  error,
  submit,
  onSubmit,
  onCancel,
  children,
}: {
  title: string
  className: string
  busy: boolean
  error?: string
  submit: string
  onSubmit: () => void
  onCancel: () => void
  children: ReactNode
}) {
  return (
    <Card title={title} className={`md-form ${className}`}>
      {children}
      {error ? <Text className="cz-text md-problem">{error}</Text> : null}
      <BigButton className="md-submit" text={busy ? '正在保存…' : submit} disabled={busy} onClick={onSubmit} />
      <BigButton className="md-cancel" kind="plain" text="不了，回去" onClick={onCancel} />
    </Card>
  )
}

function Label({ text }: { text: string }) {
  return <Text className="cz-text md-block md-label">{text}</Text>
}

const LOG_OPTIONS = LOG_KINDS.map((value) => ({ value, label: LOG_KIND_LABEL[value] }))
const names = (text: string) =>
  text
    .split(/[、，,；;\s]+/)
    .map((name) => name.trim())
    .filter(Boolean)

/** 记一笔: a contact, a mediation session (who came, where, how it went), 已告知, or a note. */
export function LogForm({ found, onDone, onCancel }: FormProps) {
  const [kind, setKind] = useState<(typeof LOG_KINDS)[number]>(found.informedAt ? 'contact' : 'informed')
  const [note, setNote] = useState('')
  const [attendees, setAttendees] = useState('')
  const [place, setPlace] = useState('')
  const [outcome, setOutcome] = useState('')
  const save = useAction(
    async () => {
      if ((kind === 'contact' || kind === 'note') && !note.trim()) throw missing(kind === 'contact' ? '请写上怎么联系的、当事人怎么说' : '请写上要记的事')
      if (kind === 'session' && names(attendees).length === 0) throw missing('请写上谁参加了调解会')
      await call('mediation', 'log', {
        caseId: found.id,
        kind,
        note: note.trim() || (kind === 'informed' ? '已告知当事人调解的性质、原则和效力' : undefined),
        ...(kind === 'session' ? { attendees: names(attendees), place: place.trim() || undefined, outcome: outcome.trim() || undefined } : {}),
      })
      said('已记下')
      await onDone()
    },
    { wordsFor: fieldWords('note') },
  )
  return (
    <Form title="记工作记录" className="md-log-form" busy={save.busy} error={save.error} submit="记下来" onSubmit={() => void save.run()} onCancel={onCancel}>
      <Chips className="md-log-kind" chipClassName="md-chip" options={LOG_OPTIONS} value={kind} onChange={setKind} />
      {kind === 'informed' ? <Text className="cz-text md-block md-hint">调解前告诉当事人：调解是自愿的，不收费；达成的协议有法律约束力，可以申请法院司法确认。</Text> : null}
      {kind === 'session' ? (
        <>
          <Label text="谁参加了（名字用顿号隔开）" />
          <LineInput className="md-attendees" value={attendees} onChange={setAttendees} maxlength={300} placeholder="如：张三、李四、组长" />
          <Label text="在哪里" />
          <LineInput className="md-place" value={place} onChange={setPlace} maxlength={60} placeholder="如：村委会" />
          <Label text="结果怎么样" />
          <LineInput className="md-outcome" value={outcome} onChange={setOutcome} maxlength={60} placeholder="如：基本同意赔偿方案" />
        </>
      ) : null}
      <Label text={kind === 'contact' ? '怎么联系的，当事人怎么说' : kind === 'note' ? '要记的事' : '说明（可不填）'} />
      <AreaInput className="md-note" value={note} onChange={setNote} maxlength={1000} placeholder="写在这里" />
    </Form>
  )
}

/** 上报: to the next level, with the reason (they will read it first). */
export function EscalateForm({ found, onDone, onCancel }: FormProps) {
  const [reason, setReason] = useState('')
  const save = useAction(
    async () => {
      if (reason.trim().length < 2) throw missing('请写上为什么要上报，上一级会先看这个')
      await call('mediation', 'escalate', { caseId: found.id, reason: reason.trim() })
      said('已上报')
      await onDone()
    },
    { wordsFor: fieldWords('reason') },
  )
  return (
    <Form
      title={found.level === 'group' ? '上报到村里' : '上报到镇里'}
      className="md-escalate-form"
      busy={save.busy}
      error={save.error}
      submit="上报"
      onSubmit={() => void save.run()}
      onCancel={onCancel}
    >
      <Label text="为什么上报" />
      <AreaInput className="md-reason" value={reason} onChange={setReason} maxlength={200} placeholder="如：双方差距太大，组里调不下来" />
    </Form>
  )
}

/** 标记风险: the risks in plain words; 扬言越级上访, 可能动手, 牵涉人多 send it up at once. */
export function FlagForm({ found, onDone, onCancel }: FormProps) {
  const [risks, setRisks] = useState<Risk[]>(found.risks)
  const [note, setNote] = useState('')
  const save = useAction(async () => {
    if (risks.length === 0) throw missing('请选一项风险')
    await call('mediation', 'flag', { caseId: found.id, risks, note: note.trim() || undefined })
    said('已标记')
    await onDone()
  })
  return (
    <Form title="标记风险" className="md-flag-form" busy={save.busy} error={save.error} submit="标记" onSubmit={() => void save.run()} onCancel={onCancel}>
      <RiskChecks value={risks} onChange={setRisks} />
      <Text className="cz-text md-block md-hint">扬言越级上访、可能动手、牵涉人多：马上交到村里，并告诉镇里；可能动手的还会告诉社区民警。</Text>
      <Label text="说明（可不填）" />
      <AreaInput className="md-note" value={note} onChange={setNote} maxlength={500} placeholder="如：申请人说调不好就去北京" />
    </Form>
  )
}

interface Duty {
  party: string
  duty: string
  how: string
  where: string
  by: string
}

const FORMS = [
  { value: 'written', label: '书面协议' },
  { value: 'oral', label: '口头协议' },
] as const

/** A date with a big button to change it (the phone's own date wheel). */
function DateField({ value, onChange, className, empty }: { value: string; onChange: (date: string) => void; className?: string; empty?: string }) {
  return (
    <Picker mode="date" value={value || beijingDate()} start={beijingDate()} onChange={(e) => onChange(String(e.detail.value))}>
      <View className={`cz-tap md-date${className ? ` ${className}` : ''}`} hoverClass="cz-pressed">
        <Text className="cz-text md-date__text">{value ? `${dayWords(`${value}T04:00:00Z`)}（点这里改）` : (empty ?? '选日期')}</Text>
      </View>
    </Picker>
  )
}

/**
 * 记录调解协议: written (a .docx to print and sign) or oral; the facts, what is in dispute, what each
 * side will do (who, what, how, where, by when) and the last day to perform it.
 */
export function AgreementForm({ found, onDone, onCancel }: FormProps) {
  const parties = found.parties.map((party) => party.name)
  const [form, setForm] = useState<'written' | 'oral'>('written')
  const [facts, setFacts] = useState(found.description)
  const [dispute, setDispute] = useState('')
  const [duties, setDuties] = useState<Duty[]>([{ party: parties[parties.length - 1] ?? '', duty: '', how: '', where: '', by: '' }])
  const [performBy, setPerformBy] = useState(beijingDate(14))
  const change = (index: number, patch: Partial<Duty>) => setDuties(duties.map((duty, at) => (at === index ? { ...duty, ...patch } : duty)))
  const save = useAction(async () => {
    if (!facts.trim()) throw missing('请写上纠纷的事实')
    if (!dispute.trim()) throw missing('请写上双方争的是什么')
    const filled = duties.filter((duty) => duty.duty.trim())
    if (filled.length === 0) throw missing('请至少写一项：谁、要做什么')
    if (filled.some((duty) => !duty.party)) throw missing('每一项都要选是哪一方做')
    await call('mediation', 'recordAgreement', {
      caseId: found.id,
      form,
      terms: {
        facts: facts.trim(),
        dispute: dispute.trim(),
        obligations: filled.map((duty) => ({
          party: duty.party,
          duty: duty.duty.trim(),
          how: duty.how.trim() || undefined,
          where: duty.where.trim() || undefined,
          by: duty.by || undefined,
        })),
      },
      performBy,
    })
    said(form === 'written' ? '已生成协议书' : '已记录协议')
    await onDone()
  })
  const partyOptions = parties.map((name) => ({ value: name, label: name }))
  return (
    <Form
      title="记录调解协议"
      className="md-agreement-form"
      busy={save.busy}
      error={save.error}
      submit={form === 'written' ? '生成协议书' : '记录协议'}
      onSubmit={() => void save.run()}
      onCancel={onCancel}
    >
      <Chips className="md-agreement-kind" chipClassName="md-chip" options={FORMS} value={form} onChange={setForm} />
      <Text className="cz-text md-block md-hint">{form === 'written' ? '生成协议书后打印出来，双方签字按手印，再拍照上传。' : '口头协议当场生效，也要记清楚各方要做什么。'}</Text>
      <Label text="纠纷事实" />
      <AreaInput className="md-facts" value={facts} onChange={setFacts} maxlength={2000} placeholder="发生了什么事" />
      <Label text="争议的事情" />
      <AreaInput className="md-dispute" value={dispute} onChange={setDispute} maxlength={1000} placeholder="双方争的是什么，如：补偿多少" />
      {duties.map((duty, index) => (
        <View key={index} className="md-duty-form" data-index={index}>
          <Text className="cz-text cz-heading md-block">第 {index + 1} 项</Text>
          <Label text="哪一方做" />
          <Chips className="md-duty-party" chipClassName="md-chip" options={partyOptions} value={duty.party || undefined} onChange={(party) => change(index, { party })} />
          <Label text="要做什么" />
          <AreaInput className="md-duty-text" value={duty.duty} onChange={(text) => change(index, { duty: text })} maxlength={500} placeholder="如：赔偿青苗费 3000 元" />
          <Label text="怎么做（可不填）" />
          <LineInput className="md-duty-how" value={duty.how} onChange={(how) => change(index, { how })} maxlength={60} placeholder="如：现金一次付清" />
          <Label text="在哪里（可不填）" />
          <LineInput className="md-duty-where" value={duty.where} onChange={(where) => change(index, { where })} maxlength={60} placeholder="如：村委会" />
          <Label text="什么时候前做到（可不选）" />
          <DateField className="md-duty-by" value={duty.by} onChange={(by) => change(index, { by })} empty="选日期（可不选）" />
          {duties.length > 1 ? <BigButton className="md-duty-remove" kind="plain" text="删掉这一项" onClick={() => setDuties(duties.filter((_, at) => at !== index))} /> : null}
        </View>
      ))}
      <BigButton className="md-duty-add" kind="plain" text="再加一项" onClick={() => setDuties([...duties, { party: '', duty: '', how: '', where: '', by: '' }])} />
      <Label text="全部履行完的期限" />
      <DateField className="md-perform-by" value={performBy} onChange={setPerformBy} />
    </Form>
  )
}

/** 上传签字件: a photo of the paper both sides signed; the agreement takes effect then. */
export function AttachSigned({ found, onDone }: { found: CaseDetail; onDone: () => Promise<void> }) {
  const attach = useAction(async () => {
    const [fileId] = await chooseAndUploadPhotos(1)
    if (!fileId) return
    await call('mediation', 'attachSigned', { caseId: found.id, fileId })
    said('协议已生效')
    await onDone()
  })
  return (
    <>
      <BigButton className="md-attach-signed" text={attach.busy ? '正在上传…' : '上传签字的协议书（拍照）'} disabled={attach.busy} onClick={() => void attach.run()} />
      {attach.error ? <Text className="cz-text md-problem">{attach.error}</Text> : null}
    </>
  )
}

const OUTCOME_OPTIONS = OUTCOMES.map((value) => ({ value, label: OUTCOME_LABEL[value] }))

/** 办结: how it ended and a note. */
export function CloseForm({ found, onDone, onCancel }: FormProps) {
  const [outcome, setOutcome] = useState<Outcome | undefined>(found.agreement ? 'resolved' : undefined)
  const [note, setNote] = useState('')
  const save = useAction(
    async () => {
      if (!outcome) throw missing('请选调解的结果')
      if (note.trim().length < 2) throw missing('请写上办结的情况')
      await call('mediation', 'close', { caseId: found.id, outcome, note: note.trim() })
      said('已办结')
      await onDone()
    },
    { wordsFor: fieldWords('note') },
  )
  return (
    <Form title="办结" className="md-close-form" busy={save.busy} error={save.error} submit="办结" onSubmit={() => void save.run()} onCancel={onCancel}>
      <Chips className="md-outcome-choice" chipClassName="md-chip" options={OUTCOME_OPTIONS} value={outcome} onChange={setOutcome} />
      <Label text="办结的情况" />
      <AreaInput className="md-close-note" value={note} onChange={setNote} maxlength={1000} placeholder="如：双方已签字，赔偿当场付清" />
    </Form>
  )
}

const WHEN = [
  { value: '7', label: '7 天后' },
  { value: '15', label: '15 天后' },
  { value: '30', label: '30 天后' },
] as const

/** 安排回访: when to go back and see whether the agreement is kept. */
export function ScheduleForm({ found, onDone, onCancel }: FormProps) {
  const [days, setDays] = useState<(typeof WHEN)[number]['value']>('15')
  const [note, setNote] = useState('')
  const save = useAction(async () => {
    await call('mediation', 'scheduleFollowUp', { caseId: found.id, at: `${beijingDate(Number(days))}T09:00:00+08:00`, note: note.trim() || undefined })
    said('已安排回访')
    await onDone()
  })
  return (
    <Form title="安排回访" className="md-schedule-form" busy={save.busy} error={save.error} submit="安排回访" onSubmit={() => void save.run()} onCancel={onCancel}>
      <Text className="cz-text md-block md-hint">到时候去看看协议有没有做到。到期那天会提醒您。</Text>
      <Chips className="md-schedule-when" chipClassName="md-chip" options={WHEN} value={days} onChange={setDays} />
      <Label text="要看什么（可不填）" />
      <AreaInput className="md-note" value={note} onChange={setNote} maxlength={500} placeholder="如：看赔偿款有没有付清" />
    </Form>
  )
}

const RESULT_OPTIONS = FOLLOW_UP_RESULTS.map((value) => ({ value, label: FOLLOW_UP_RESULT_LABEL[value] }))
const NEXT_OPTIONS = (['urge', 'reopen', 'court'] as const).map((value) => ({ value, label: NEXT_WORDS[value] }))

/** 记录回访: performed, partly or not; if not: urge, reopen, or tell them they may go to court and close. */
export function FollowUpForm({ found, onDone, onCancel }: FormProps) {
  const visit = found.followUps.find((one) => !one.doneAt)
  const [result, setResult] = useState<(typeof FOLLOW_UP_RESULTS)[number]>()
  const [next, setNext] = useState<(typeof NEXT_OPTIONS)[number]['value']>()
  const [note, setNote] = useState('')
  const save = useAction(
    async () => {
      if (!visit) throw missing('没有要回访的')
      if (!result) throw missing('请选协议做到了没有')
      if (result !== 'performed' && !next) throw missing('没有做到：请选接下来怎么办')
      if (note.trim().length < 2) throw missing('请写上回访的情况')
      await call('mediation', 'followUp', { caseId: found.id, followUpId: visit.id, result, next: result === 'performed' ? undefined : next, note: note.trim() })
      said('已记录回访')
      await onDone()
    },
    { wordsFor: fieldWords('note') },
  )
  return (
    <Form title="记录回访" className="md-follow-up-form" busy={save.busy} error={save.error} submit="记下来" onSubmit={() => void save.run()} onCancel={onCancel}>
      {visit ? <Text className="cz-text md-block">原定 {dayWords(visit.dueAt)} 回访</Text> : null}
      <Label text="协议做到了没有" />
      <Chips className="md-result" chipClassName="md-chip" options={RESULT_OPTIONS} value={result} onChange={setResult} />
      {result && result !== 'performed' ? (
        <>
          <Label text="接下来怎么办" />
          <Chips className="md-next" chipClassName="md-chip" options={NEXT_OPTIONS} value={next} onChange={setNext} />
        </>
      ) : null}
      <Label text="回访情况" />
      <AreaInput className="md-note" value={note} onChange={setNote} maxlength={1000} placeholder="如：赔偿款已付 2000 元，还差 1000 元" />
    </Form>
  )
}

const EXTEND = [
  { value: '7', label: '7 天' },
  { value: '15', label: '15 天' },
  { value: '30', label: '30 天' },
] as const

/** 延长调解期限: only when both parties agree; say how they agreed. */
export function ExtendForm({ found, onDone, onCancel }: FormProps) {
  const [days, setDays] = useState<(typeof EXTEND)[number]['value']>('15')
  const [note, setNote] = useState('')
  const save = useAction(
    async () => {
      if (note.trim().length < 4) throw missing('请写上双方怎么同意延长的')
      await call('mediation', 'extend', { caseId: found.id, days: Number(days), note: note.trim() })
      said('已延长')
      await onDone()
    },
    { wordsFor: fieldWords('note') },
  )
  return (
    <Form title="延长调解期限" className="md-extend-form" busy={save.busy} error={save.error} submit="延长" onSubmit={() => void save.run()} onCancel={onCancel}>
      <Text className="cz-text md-block md-hint">现在的期限：{dayWords(found.mustEndBy)}。延长要双方当事人都同意。</Text>
      <Chips className="md-extend-days" chipClassName="md-chip" options={EXTEND} value={days} onChange={setDays} />
      <Label text="双方怎么同意的" />
      <AreaInput className="md-note" value={note} onChange={setNote} maxlength={1000} placeholder="如：12月1日在村委会，双方当面同意再调 15 天" />
    </Form>
  )
}

/** 谁看过: every look at the case, newest first (only its handlers see this). */
export function Views({ found }: { found: CaseDetail }) {
  const [open, setOpen] = useState(false)
  return (
    <Card title="谁看过这个案件" className="md-views">
      {open ? <ViewsList caseId={found.id} /> : <BigButton className="md-views-open" kind="plain" text="看谁看过" onClick={() => setOpen(true)} />}
    </Card>
  )
}

function ViewsList({ caseId }: { caseId: string }) {
  const views = usePaged(
    useCallback((cursor: string | undefined) => call('mediation', 'views', { caseId, cursor, limit: 20 }), [caseId]),
    { when: 'mount' },
  )
  return (
    <>
      <QueryView state={views.state} onRetry={views.reload} empty="还没有人看过。" loadingText="正在加载…">
        {() => (
          <View className="md-views-list">
            {views.items.map((view, index) => (
              <View key={index} className="md-view-row">
                <Text className="cz-text md-strong cz-name">{view.person.name}</Text>
                <Text className="cz-text cz-text--small">
                  （{view.as}） {villageDateTime(view.at)}
                </Text>
              </View>
            ))}
          </View>
        )}
      </QueryView>
      <ListFooter paged={views} />
    </>
  )
}
