import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import type { CaseSummary } from '../../../services/contract'
import { ROUTES } from '../../../services/routes'
import { CASE_LEVEL_LABEL, CASE_STATE_LABEL, CASE_TYPE_LABEL, countdownWords, dayWords, OUTCOME_LABEL } from '../words'

/**
 * A case in a list, the whole row opens it: 高风险 and 超期 tags in red first, the type and the
 * parties, then the level, the state and the current level's due date. `asParty`: 我的调解 (no
 * parties' names or risks: the party knows them).
 */
export function CaseRow({ found, asParty = false }: { found: CaseSummary; asParty?: boolean }) {
  const due = found.dueAt ? countdownWords(found.dueAt) : null
  const late = found.overdue || (due?.late ?? false)
  return (
    <View
      className={`cz-tap md-row${found.highRisk ? ' md-row--risk' : ''}${late ? ' md-row--late' : ''}`}
      data-case-id={found.id}
      data-number={found.number}
      hoverClass="cz-pressed"
      onClick={() => void Taro.navigateTo({ url: `${ROUTES.mediationCase}?id=${encodeURIComponent(found.id)}` })}
    >
      {found.highRisk || late ? (
        <View className="md-tags">
          {found.highRisk ? <Text className="cz-text md-tag md-tag--red md-risk-tag">高风险</Text> : null}
          {late ? <Text className="cz-text md-tag md-tag--red md-late-tag">超期</Text> : null}
        </View>
      ) : null}
      <Text className="cz-text cz-heading md-block md-row__title">
        {CASE_TYPE_LABEL[found.type]}
        {!asParty && found.partyNames.length > 0 ? `：${found.partyNames.slice(0, 3).join('、')}${found.partyNames.length > 3 ? '等' : ''}` : ''}
      </Text>
      <Text className="cz-text cz-text--small md-block md-row__meta">
        {found.number} · {found.villageName}
        {found.groupName}
      </Text>
      <View className="md-row__line">
        <Text className="cz-text md-tag md-level-tag">{CASE_LEVEL_LABEL[found.level]}</Text>
        <Text className={`cz-text md-row__state md-state--${found.state}`}>
          {found.state === 'closed' && found.outcome ? OUTCOME_LABEL[found.outcome] : CASE_STATE_LABEL[found.state]}
        </Text>
      </View>
      {found.dueAt && due ? (
        <Text className={`cz-text md-block md-row__due${late ? ' md-red' : ''}`}>
          {dayWords(found.dueAt)}前 · {found.overdue && !due.late ? '已超期' : due.text}
        </Text>
      ) : null}
      <Text className="cz-text md-block md-row__go">查看 ›</Text>
    </View>
  )
}
