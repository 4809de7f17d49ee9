import { Text, View } from '@tarojs/components'
import { useState } from 'react'
import { BigButton } from '../../../../components/button/BigButton'
import { Card } from '../../../../components/card/Card'
import { Field } from '../../../../components/field/Field'
import { said } from '../../../../lib/ask'
import { useAction } from '../../../../lib/use-action'
import { call } from '../../../../services/api'
import { CASE_LEVELS, type CaseDetail } from '../../../../services/contract'
import { CasePhotos } from '../../components/CasePhotos'
import { AgreementCard, Clock, FollowUpList, PartiesList } from '../../components/Pieces'
import { CASE_LEVEL_LABEL, CASE_STATE_LABEL, CASE_TYPE_LABEL, dayWords, ESCALATED_BY, LEVEL_FULL, logWords, OUTCOME_LABEL, RISK_LABEL } from '../../words'
import { villageDateTime } from '../../../../lib/village-time'
import { AgreementForm, AttachSigned, CloseForm, EscalateForm, ExtendForm, FlagForm, FollowUpForm, LogForm, ScheduleForm, Views } from './Forms'

export interface CaseProps {
  found: CaseDetail
  onChanged: () => Promise<void>
}

type Panel = 'none' | 'log' | 'escalate' | 'flag' | 'agreement' | 'close' | 'schedule' | 'followUp' | 'extend'

/**
 * The handler's case: who and what, the risk flags, the clocks, what to do now (签收, 记一笔, 上报,
 * 标记风险, 记录协议, 办结, 回访, 延长), the agreement, the ladder with every escalation and its
 * reason, the work log and who looked.
 */
export function HandlerView({ found, onChanged }: CaseProps) {
  const [panel, setPanel] = useState<Panel>('none')
  const done = async () => {
    setPanel('none')
    await onChanged()
  }
  const late = found.overdue
  return (
    <View className="md-case" data-state={found.state} data-level={found.level}>
      <Text className="cz-text cz-title cz-page-title md-title">
        {CASE_TYPE_LABEL[found.type]}：{found.partyNames.slice(0, 3).join('、')}
      </Text>
      <Card className={`md-head${found.highRisk ? ' md-head--risk' : ''}`}>
        {found.highRisk || late ? (
          <View className="md-tags">
            {found.highRisk ? <Text className="cz-text md-tag md-tag--red md-risk-tag">高风险</Text> : null}
            {late ? <Text className="cz-text md-tag md-tag--red md-late-tag">超期</Text> : null}
          </View>
        ) : null}
        <Text className={`cz-text cz-heading md-block md-case-state md-state--${found.state}`}>
          {found.state === 'closed' && found.outcome ? `已办结：${OUTCOME_LABEL[found.outcome]}` : CASE_STATE_LABEL[found.state]}
        </Text>
        <Field className="md-case-level" label="现在在" value={LEVEL_FULL[found.level]} />
        <Field className="md-case-number" label="编号" value={found.number} />
        <Field label="组" value={`${found.villageName}${found.groupName}`} />
        <Field label="受理" value={`${found.openedBy.name}，${villageDateTime(found.openedAt)}`} />
        {found.signedBy && found.signedAt ? <Field label="签收" value={`${found.signedBy.name}，${villageDateTime(found.signedAt)}`} /> : null}
        {found.risks.length > 0 ? (
          <View className="md-risks">
            {found.risks.map((risk) => (
              <Text key={risk} className={`cz-text md-tag md-risk md-risk--${risk}`}>
                {RISK_LABEL[risk]}
              </Text>
            ))}
          </View>
        ) : null}
        {!found.informedAt && found.state !== 'closed' ? (
          <Text className="cz-text md-block md-warn">调解前请告诉当事人：调解是自愿的，调解协议有什么效力（在「记工作记录」里选「已告知」）。</Text>
        ) : null}
      </Card>

      <Clocks found={found} />

      {found.view === 'police' ? <Text className="cz-text md-block md-police-note">有动手风险，社区民警可以看这个案件、记工作记录。</Text> : null}
      <Actions found={found} panel={panel} setPanel={setPanel} onChanged={onChanged} />
      {panel === 'log' ? <LogForm found={found} onDone={done} onCancel={() => setPanel('none')} /> : null}
      {panel === 'escalate' ? <EscalateForm found={found} onDone={done} onCancel={() => setPanel('none')} /> : null}
      {panel === 'flag' ? <FlagForm found={found} onDone={done} onCancel={() => setPanel('none')} /> : null}
      {panel === 'agreement' ? <AgreementForm found={found} onDone={done} onCancel={() => setPanel('none')} /> : null}
      {panel === 'close' ? <CloseForm found={found} onDone={done} onCancel={() => setPanel('none')} /> : null}
      {panel === 'schedule' ? <ScheduleForm found={found} onDone={done} onCancel={() => setPanel('none')} /> : null}
      {panel === 'followUp' ? <FollowUpForm found={found} onDone={done} onCancel={() => setPanel('none')} /> : null}
      {panel === 'extend' ? <ExtendForm found={found} onDone={done} onCancel={() => setPanel('none')} /> : null}

      {found.agreement ? <AgreementCard found={found}>{found.can.attachSigned ? <AttachSigned found={found} onDone={onChanged} /> : null}</AgreementCard> : null}
      <FollowUpList found={found} />

      <Card title="当事人" className="md-parties-card">
        <PartiesList found={found} />
      </Card>
      <Card title="事情经过" className="md-description">
        <Text className="cz-text md-block md-pre">{found.description}</Text>
        <CasePhotos caseId={found.id} photoIds={found.photoIds} />
      </Card>
      <Ladder found={found} />
      <WorkLog found={found} />
      {found.can.views ? <Views found={found} /> : null}
    </View>
  )
}

/** The clocks: this level's time limit, the 30-day norm, and (in the agreement card) 司法确认. */
function Clocks({ found }: { found: CaseDetail }) {
  const open = found.state === 'awaiting_signature' || found.state === 'mediating'
  if (!open) return null
  return (
    <Card title="时限" className="md-clocks">
      {found.dueAt ? (
        <Clock
          className="md-level-clock"
          label={`${CASE_LEVEL_LABEL[found.level]}的时限`}
          iso={found.dueAt}
          note={found.level === 'town' ? '到期没有调解好，算超期。' : '到期没有调解好，会自动上报上一级。'}
        />
      ) : null}
      <Clock className="md-norm" label="调解期限（受理起 30 天）" iso={found.mustEndBy} note="要延长，须双方当事人都同意，并记下来。" />
      {found.extensions.map((extension, index) => (
        <Text key={index} className="cz-text cz-text--small md-block md-extension">
          {dayWords(extension.at)} 延长 {extension.days} 天（{extension.byName}）：{extension.note}
        </Text>
      ))}
      {found.state === 'awaiting_signature' && found.can.signFor ? <Text className="cz-text md-block md-warn">请在 24 小时内签收并联系当事人，不然会告诉上一级。</Text> : null}
    </Card>
  )
}

/** What the reader may do now: 签收 at once, the rest open a form under the buttons. */
function Actions({ found, panel, setPanel, onChanged }: CaseProps & { panel: Panel; setPanel: (panel: Panel) => void }) {
  const sign = useAction(async () => {
    await call('mediation', 'signFor', { caseId: found.id })
    said('已签收')
    await onChanged()
  })
  const { can } = found
  const buttons: { key: Panel; text: string; show: boolean }[] = [
    { key: 'log', text: '记工作记录', show: can.log },
    { key: 'agreement', text: '记录调解协议', show: can.recordAgreement },
    { key: 'close', text: '办结', show: can.close },
    { key: 'followUp', text: '记录回访', show: can.followUp },
    { key: 'schedule', text: '安排回访', show: can.scheduleFollowUp },
    { key: 'escalate', text: '上报上一级', show: can.escalate },
    { key: 'flag', text: '标记风险', show: can.flag },
    { key: 'extend', text: '延长调解期限', show: can.extend },
  ]
  const shown = buttons.filter((button) => button.show)
  if (!can.signFor && shown.length === 0) return null
  return (
    <Card title="现在要做的" className="md-actions">
      {can.signFor ? (
        <>
          <Text className="cz-text md-block">签收就是接手这件纠纷，请尽快联系当事人。</Text>
          <BigButton className="md-act md-act--sign" text={sign.busy ? '正在签收…' : '签收'} disabled={sign.busy} onClick={() => void sign.run()} />
          {sign.error ? <Text className="cz-text md-problem">{sign.error}</Text> : null}
        </>
      ) : null}
      <View className="md-act-grid">
        {shown.map((button) => (
          <View
            key={button.key}
            className={`cz-tap md-act md-act--${button.key}${panel === button.key ? ' is-open' : ''}`}
            hoverClass="cz-pressed"
            onClick={() => setPanel(panel === button.key ? 'none' : button.key)}
          >
            <Text className="cz-text md-act__text">{button.text}</Text>
          </View>
        ))}
      </View>
    </Card>
  )
}

/** 组里 → 村里 → 镇里: which levels it has reached, who handles each, every escalation and why. */
function Ladder({ found }: { found: CaseDetail }) {
  return (
    <Card title="调解经过的层级" className="md-ladder">
      {CASE_LEVELS.map((level) => {
        const reached = found.levels.includes(level)
        const current = found.level === level
        const people = found.handlers.find((row) => row.level === level)?.people ?? []
        const into = found.escalations.filter((step) => step.to === level)
        return (
          <View key={level} className={`md-rung${reached ? ' is-reached' : ''}${current ? ' is-current' : ''}`} data-level={level}>
            <View className="md-rung__dot" />
            <View className="md-rung__body">
              <Text className="cz-text cz-heading md-block">
                {CASE_LEVEL_LABEL[level]}
                {current && found.state !== 'closed' ? '（现在）' : reached ? '' : '（还没到）'}
              </Text>
              {reached && people.length > 0 ? <Text className="cz-text md-block cz-name">{people.map((person) => person.name).join('、')}</Text> : null}
              {into.map((step, index) => (
                <Text key={index} className="cz-text cz-text--small md-block md-escalation">
                  {dayWords(step.at)} {ESCALATED_BY[step.by]}（{step.byName}）{step.reason ? `：${step.reason}` : ''}
                </Text>
              ))}
            </View>
          </View>
        )
      })}
    </Card>
  )
}

function WorkLog({ found }: { found: CaseDetail }) {
  if (found.log.length === 0) return null
  return (
    <Card title="工作记录" className="md-log">
      {[...found.log].reverse().map((entry) => (
        <View key={entry.id} className={`md-entry md-entry--${entry.kind}`}>
          <Text className="cz-text md-block md-strong">
            {logWords(entry.kind)} · {entry.by.name}
          </Text>
          <Text className="cz-text cz-text--small md-block">{villageDateTime(entry.at)}</Text>
          {entry.attendees.length > 0 ? <Text className="cz-text md-block">参加：{entry.attendees.join('、')}</Text> : null}
          {entry.place ? <Text className="cz-text md-block">地点：{entry.place}</Text> : null}
          {entry.outcome ? <Text className="cz-text md-block">结果：{entry.outcome}</Text> : null}
          {entry.note ? <Text className="cz-text md-block md-pre">{entry.note}</Text> : null}
        </View>
      ))}
    </Card>
  )
}
