import { Text } from '@tarojs/components'
import { Card } from '../../../../components/card/Card'
import { Field } from '../../../../components/field/Field'
import type { CaseDetail } from '../../../../services/contract'
import { AgreementCard, Clock, FollowUpList, PartiesList } from '../../components/Pieces'
import { CASE_TYPE_LABEL, dayWords, LEVEL_WHO, partyStateWords } from '../../words'

/**
 * What a party sees: the state in a sentence, who handles it now, the agreement with its countdown
 * and the document to download, the follow-ups. Not the work log, the risk flags or who looked.
 */
export function PartyView({ found }: { found: CaseDetail; onChanged: () => Promise<void> }) {
  const open = found.state === 'awaiting_signature' || found.state === 'mediating'
  return (
    <>
      <Text className="cz-text cz-title cz-page-title md-title">{CASE_TYPE_LABEL[found.type]}调解</Text>
      <Card className="md-head md-party-head">
        <Text className={`cz-text cz-heading md-block md-party-state md-state--${found.state}`}>{partyStateWords(found)}</Text>
        <Field label="编号" value={found.number} />
        <Field label={open ? '谁在调解' : '谁调解的'} value={LEVEL_WHO[found.level]} />
        <Field label="申请时间" value={dayWords(found.openedAt)} />
        {found.informedAt ? <Text className="cz-text md-block">调解员已经告诉您调解是自愿的、调解协议有什么效力。</Text> : null}
      </Card>
      {open ? (
        <Card title="什么时候调解好" className="md-clocks">
          <Clock label="一般 30 天内调解结束" iso={found.mustEndBy} className="md-norm" />
          <Text className="cz-text cz-text--small md-block">调解不成，可以去法院起诉，或者申请仲裁。</Text>
        </Card>
      ) : null}
      {found.agreement ? <AgreementCard found={found} /> : null}
      <FollowUpList found={found} />
      <Card title="当事人" className="md-parties-card">
        <PartiesList found={found} />
      </Card>
      <Card title="事情经过" className="md-description">
        <Text className="cz-text md-block md-pre">{found.description}</Text>
      </Card>
    </>
  )
}
