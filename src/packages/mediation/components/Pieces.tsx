import { Text, View } from '@tarojs/components'
import type { ReactNode } from 'react'
import { BigButton } from '../../../components/button/BigButton'
import { Card } from '../../../components/card/Card'
import { Field } from '../../../components/field/Field'
import { useAction } from '../../../lib/use-action'
import type { CaseDetail } from '../../../services/contract'
import { openCaseFile } from './files'
import { countdownWords, dayWords, FOLLOW_UP_RESULT_LABEL, NEXT_WORDS, PARTY_ROLE_LABEL } from '../words'

type Agreement = NonNullable<CaseDetail['agreement']>

/** A deadline with its countdown: the date, then 还剩 N 天 (red once passed). */
export function Clock({ label, iso, className, note }: { label: string; iso: string; className?: string; note?: string }) {
  const left = countdownWords(iso)
  return (
    <View className={`md-clock${left.late ? ' md-clock--late' : ''}${className ? ` ${className}` : ''}`}>
      <Text className="cz-text md-block md-clock__label">{label}</Text>
      <Text className="cz-text md-block">{dayWords(iso)}前</Text>
      <Text className={`cz-text cz-heading md-block md-clock__left${left.late ? ' md-red' : ''}`}>{left.text}</Text>
      {note ? <Text className="cz-text cz-text--small md-block">{note}</Text> : null}
    </View>
  )
}

/** 司法确认: the 30 days from the agreement taking effect in which both parties may ask a court to confirm it. */
export function ConfirmClock({ agreement }: { agreement: Agreement }) {
  if (!agreement.confirmBy) {
    return agreement.form === 'written' ? (
      <Text className="cz-text md-block md-confirm-wait">书面协议双方签字、上传签字件后生效，从那天起 30 天内可以一起去法院申请司法确认。</Text>
    ) : null
  }
  const left = agreement.confirmDaysLeft
  return (
    <View className={`md-clock md-confirm${left !== null && left < 0 ? ' md-clock--late' : ''}`}>
      <Text className="cz-text md-block md-clock__label">申请司法确认（双方一起去法院）</Text>
      <Text className="cz-text md-block">{dayWords(agreement.confirmBy)}前</Text>
      <Text className={`cz-text cz-heading md-block md-clock__left md-confirm-left${left !== null && left < 0 ? ' md-red' : ''}`}>
        {left === null ? '' : left > 0 ? `还剩 ${left} 天` : left === 0 ? '今天是最后一天' : '已经过了期限'}
      </Text>
      <Text className="cz-text cz-text--small md-block">经法院确认的协议，一方不履行，另一方可以直接申请强制执行。</Text>
    </View>
  )
}

/** The agreement: its form, what each side will do, by when; 下载协议书 and the signed paper. */
export function AgreementCard({ found, children }: { found: CaseDetail; children?: ReactNode }) {
  const agreement = found.agreement!
  const download = useAction(() => openCaseFile(found.id, agreement.documentFileId))
  const signed = useAction(() => openCaseFile(found.id, agreement.signedFileId!))
  return (
    <Card title={agreement.form === 'written' ? '书面调解协议' : '口头调解协议'} className="md-agreement">
      <Field label="记录" value={`${agreement.recordedBy.name}，${dayWords(agreement.recordedAt)}`} />
      <Field label="履行期限" value={`${dayWords(agreement.performBy)}前`} />
      {agreement.effectiveAt ? <Field label="生效" value={dayWords(agreement.effectiveAt)} /> : null}
      <Text className="cz-text cz-heading md-block md-sub">各方要做的</Text>
      {agreement.terms.obligations.map((duty, index) => (
        <View key={index} className="md-duty">
          <Text className="cz-text md-block md-strong">
            {duty.party}：{duty.duty}
          </Text>
          {duty.how || duty.where || duty.by ? (
            <Text className="cz-text cz-text--small md-block">
              {[duty.how ? `方式：${duty.how}` : '', duty.where ? `地点：${duty.where}` : '', duty.by ? `${dayWords(duty.by)}前` : ''].filter(Boolean).join('；')}
            </Text>
          ) : null}
        </View>
      ))}
      <ConfirmClock agreement={agreement} />
      <BigButton className="md-download" kind="plain" text={download.busy ? '正在下载…' : '下载协议书'} disabled={download.busy} onClick={() => void download.run()} />
      {download.error ? <Text className="cz-text md-problem">{download.error}</Text> : null}
      {agreement.signedFileId ? <BigButton className="md-signed-open" kind="plain" text="看签字的协议书" disabled={signed.busy} onClick={() => void signed.run()} /> : null}
      {signed.error ? <Text className="cz-text md-problem">{signed.error}</Text> : null}
      {children}
    </Card>
  )
}

/** The parties: name and role, their group or (for the handlers) phone. */
export function PartiesList({ found }: { found: CaseDetail }) {
  return (
    <View className="md-parties">
      {found.parties.map((party, index) => (
        <View key={index} className="md-party">
          <Text className="cz-text md-strong cz-name">{party.name}</Text>
          <Text className="cz-text md-tag md-party-role">{PARTY_ROLE_LABEL[party.role]}</Text>
          {party.groupName || party.phone ? (
            <Text className="cz-text cz-text--small md-block">{[party.groupName ?? '外村（外单位）', party.phone].filter(Boolean).join(' · ')}</Text>
          ) : null}
        </View>
      ))}
    </View>
  )
}

/** Follow-up visits: when, and what was found. */
export function FollowUpList({ found }: { found: CaseDetail }) {
  if (found.followUps.length === 0) return null
  return (
    <Card title="回访" className="md-follow-ups">
      {found.followUps.map((visit) => (
        <View key={visit.id} className={`md-visit${visit.doneAt ? ' is-done' : ''}`}>
          <Text className="cz-text md-block md-strong">
            {dayWords(visit.dueAt)}
            {visit.doneAt ? ` 回访：${FOLLOW_UP_RESULT_LABEL[visit.result!]}` : ' 要回访'}
            {visit.next ? `，${NEXT_WORDS[visit.next]}` : ''}
          </Text>
          {visit.note ? <Text className="cz-text cz-text--small md-block">{visit.note}</Text> : null}
          {visit.resultNote ? <Text className="cz-text md-block">{visit.resultNote}</Text> : null}
        </View>
      ))}
    </Card>
  )
}
