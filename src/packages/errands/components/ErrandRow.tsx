import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import type { ReactNode } from 'react'
import type { ErrandSummary } from '../../../services/contract'
import { ROUTES } from '../../../services/routes'
import { dayWords, dueWords, ERRAND_STATE_LABEL, ESCALATION_WORDS, STATE_TAG } from '../words'

export const openErrand = (id: string) => void Taro.navigateTo({ url: `${ROUTES.errandDetail}?id=${encodeURIComponent(id)}` })

/**
 * One request in a list: the item, its number, the state in words, the due date and 还剩 / 已超期,
 * 督办 and 代办 marks. The top of the row opens it; `children` (a leader's step buttons) sit under it.
 */
export function ErrandRow({ errand, withPerson = false, children }: { errand: ErrandSummary; withPerson?: boolean; children?: ReactNode }) {
  const due = dueWords(errand)
  return (
    <View className={`eu-row${due?.overdue ? ' eu-row--overdue' : ''}`} data-id={errand.id} data-number={errand.number}>
      <View className="cz-tap eu-row__open" hoverClass="cz-pressed" onClick={() => openErrand(errand.id)}>
        <View className="eu-row__head">
          <Text className="cz-text cz-heading eu-row__title">{errand.itemName}</Text>
          {due?.overdue ? <Text className="cz-text eu-overdue-tag">超期</Text> : null}
        </View>
        {withPerson ? (
          <Text className="cz-text eu-block eu-row__person">
            {errand.forPerson.name}（{errand.groupName}）
          </Text>
        ) : null}
        <Text className={`cz-text eu-block eu-row__state eu-state--${errand.state}`}>{withPerson ? STATE_TAG[errand.state] : ERRAND_STATE_LABEL[errand.state]}</Text>
        <Text className="cz-text cz-text--small eu-block eu-row__number">编号 {errand.number}</Text>
        {due ? (
          <Text className={`cz-text eu-block eu-row__due${due.overdue ? ' eu-red' : ''}`}>
            {dayWords(errand.dueAt)}前办好 · {due.text}
          </Text>
        ) : null}
        {errand.proxy || errand.escalations.length > 0 ? (
          <View className="eu-tags">
            {errand.proxy ? <Text className="cz-text eu-tag">组长代办</Text> : null}
            {errand.escalations.map((e) => (
              <Text key={e.level} className="cz-text eu-tag eu-tag--red">
                {ESCALATION_WORDS[e.level]}
              </Text>
            ))}
          </View>
        ) : null}
        <Text className="cz-text eu-row__go">看详情 ›</Text>
      </View>
      {children}
    </View>
  )
}
