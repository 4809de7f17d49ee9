import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useCallback } from 'react'
import { CallButton } from '../../../../components/call/CallButton'
import { Card } from '../../../../components/card/Card'
import { Field } from '../../../../components/field/Field'
import { Screen } from '../../../../components/screen/Screen'
import { QueryView } from '../../../../components/status/QueryView'
import { usePullRefresh } from '../../../../lib/pull-refresh'
import { useMe } from '../../../../lib/session'
import { useQuery } from '../../../../lib/use-query'
import { villageDateTime } from '../../../../lib/village-time'
import { call } from '../../../../services/api'
import type { ErrandDetail, ErrandState } from '../../../../services/contract'
import { PhotoStrip } from '../../components/Photos'
import { Steps } from '../../components/Steps'
import { dayWords, dueWords, ERRAND_STATE_LABEL, ESCALATION_WORDS, HANDLED_BY_WORDS, RATING_LABEL } from '../../words'
import { CallbackCard, ExtensionCards, HandlerCard } from './Handler'
import { ConsentCard, RateCard, RespondCard } from './Villager'
import '../../errands.css'

/**
 * One request from start to end: its state in words, the due date (还剩 / 已超期), 督办 and 代办
 * marks, then what the reader may do now (the villager: 同意 / 回复 / 评价; the leader or village
 * cadre: the next step, 退回, 延期, 回访), then every step with who, when, the note and photos.
 */
export default function ErrandDetailPage() {
  const id = Taro.getCurrentInstance().router?.params?.id ?? ''
  const load = useCallback(() => call('errands', 'request', { requestId: id }), [id])
  const { state, reload, refresh } = useQuery(load)
  usePullRefresh(useCallback(() => refresh(), [refresh]))
  const { me } = useMe()
  return (
    <Screen back>
      <QueryView state={state} onRetry={reload} loadingText="正在加载办理进度…">
        {(errand) => <Detail errand={errand} meId={me?.personId} onChanged={refresh} />}
      </QueryView>
    </Screen>
  )
}

/** A proxy request the villager may still withdraw consent from (not handed on yet). */
const WITHDRAWABLE: readonly ErrandState[] = ['submitted', 'accepted', 'collected', 'returned']

function Detail({ errand, meId, onChanged }: { errand: ErrandDetail; meId?: string; onChanged: () => Promise<void> }) {
  const due = dueWords(errand)
  const forMe = meId !== undefined && errand.forPerson.id === meId
  const handles = errand.next.length > 0 || errand.can.callback || errand.can.extend || errand.can.decideExtension
  return (
    <View className="eu-detail" data-state={errand.state}>
      <Text className="cz-text cz-title cz-page-title eu-detail-title">{errand.itemName}</Text>
      <Card className={`eu-head${due?.overdue ? ' eu-head--overdue' : ''}`}>
        <Text className={`cz-text cz-heading eu-block eu-detail-state eu-state--${errand.state}`}>{ERRAND_STATE_LABEL[errand.state]}</Text>
        <Field className="eu-detail-number" label="编号" value={errand.number} />
        {!forMe ? <Field className="eu-detail-person" label="村民" value={`${errand.forPerson.name}（${errand.groupName}）`} /> : null}
        <Field label="提交时间" value={villageDateTime(errand.submittedAt)} />
        {due ? (
          <View className="eu-due-line">
            <Text className="cz-text eu-block">
              {dayWords(errand.dueAt)}前办好（{errand.item.days} 个工作日）
            </Text>
            <Text className={`cz-text cz-heading eu-block eu-detail-due${due.overdue ? ' eu-red' : ''}`}>{due.text}</Text>
          </View>
        ) : null}
        {errand.handedTo ? <Field label="转交" value={HANDLED_BY_WORDS[errand.handedTo]} /> : null}
        {errand.visitAt ? <Field label="上门时间" value={villageDateTime(errand.visitAt)} /> : null}
        {errand.proxy || errand.escalations.length > 0 ? (
          <View className="eu-tags">
            {errand.proxy ? <Text className="cz-text eu-tag eu-proxy-tag">组长代办（{errand.filedBy.name}）</Text> : null}
            {errand.escalations.map((e) => (
              <Text key={e.level} className={`cz-text eu-tag eu-tag--red eu-escalation eu-escalation--${e.level}`}>
                {ESCALATION_WORDS[e.level]}（{dayWords(e.at)}）
              </Text>
            ))}
          </View>
        ) : null}
        {errand.extension ? (
          <Text className="cz-text eu-block eu-extension">
            延期 {errand.extension.days} 个工作日：{errand.extension.reason}（{{ requested: '等村里批准', approved: '村里已批准', refused: '村里没有批准' }[errand.extension.state]}
            ）
          </Text>
        ) : null}
        {errand.rating ? (
          <Text className="cz-text eu-block eu-rating">
            {errand.rating.by === 'callback' ? '电话回访' : '评价'}：{RATING_LABEL[errand.rating.rating]}
            {errand.rating.note ? `，${errand.rating.note}` : ''}
          </Text>
        ) : null}
      </Card>

      {errand.consent && (errand.can.consent || (forMe && errand.proxy && errand.consent.state === 'given' && WITHDRAWABLE.includes(errand.state))) ? (
        <ConsentCard errand={errand} onChanged={onChanged} />
      ) : null}
      {errand.can.respond ? <RespondCard errand={errand} onChanged={onChanged} /> : null}
      {errand.can.rate ? <RateCard errand={errand} onChanged={onChanged} /> : null}

      {errand.next.length > 0 ? <HandlerCard errand={errand} onChanged={onChanged} /> : null}
      {errand.can.callback ? <CallbackCard errand={errand} onChanged={onChanged} /> : null}
      <ExtensionCards errand={errand} onChanged={onChanged} />
      {handles && !forMe ? <CallButton className="eu-call" kind="plain" personId={errand.forPerson.id} name={errand.forPerson.name} /> : null}

      <Card title="申请的内容" className="eu-asked">
        <Text className="cz-text cz-heading eu-block">要准备的材料</Text>
        {errand.item.materials.map((material) => (
          <Text key={material} className="cz-text eu-block eu-material">
            · {material}
          </Text>
        ))}
        {errand.item.inPerson ? <Text className="cz-text eu-block eu-in-person">需要本人签字或到场。</Text> : null}
        {errand.contactTime ? <Field label="方便联系" value={errand.contactTime} /> : null}
        {errand.note ? <Field label="说明" value={errand.note} /> : null}
        <PhotoStrip photoIds={errand.photoIds} />
        {errand.consent ? (
          <Text className="cz-text eu-block eu-consent-state">
            本人同意：{errand.consent.how === 'app' ? '在手机上确认' : '当面同意'}，{{ pending: '还没确认', given: '已同意', withdrawn: '已撤回' }[errand.consent.state]}
            {errand.consent.note ? `（${errand.consent.note}）` : ''}
          </Text>
        ) : null}
      </Card>

      <Card title="办理经过" className="eu-history">
        <Steps steps={errand.steps} />
      </Card>
    </View>
  )
}
