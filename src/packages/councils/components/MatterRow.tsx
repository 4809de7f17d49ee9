import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { villageDateTime } from '../../../lib/village-time'
import type { MatterSummary } from '../../../services/contract'
import { ROUTES } from '../../../services/routes'
import { barsOf, STATE_TAG, timeLeft, verdictOf, winnersText } from '../words'
import { Bars } from './Bars'

export const openMatter = (id: string) => void Taro.navigateTo({ url: `${ROUTES.councilMatter}?id=${encodeURIComponent(id)}` })

/** A matter in a list: the whole row opens it; a vote waiting for me is framed in red; a result shows its bars. */
export function MatterRow({ matter, withBars = false }: { matter: MatterSummary; withBars?: boolean }) {
  const voting = matter.state === 'voting'
  const done = matter.state === 'closed' || matter.state === 'minuted'
  return (
    <View className={`cz-tap cc-row cc-matter${matter.needsMyVote ? ' cc-row--vote' : ''}`} data-id={matter.id} hoverClass="cz-pressed" onClick={() => openMatter(matter.id)}>
      <Text className="cz-text cz-heading cc-row__title">{matter.title}</Text>
      <Text className="cz-text cz-text--small cc-row__meta">{matter.bodyName}</Text>
      <View className="cc-tags">
        <Text className={`cc-tag cz-text${voting ? ' cc-tag--voting' : done ? ' cc-tag--done' : ' cc-tag--plain'}`}>{STATE_TAG[matter.state]}</Text>
        {matter.ballot === 'secret' ? <Text className="cc-tag cz-text cc-tag--plain">无记名</Text> : null}
      </View>
      {voting ? (
        <Text className="cz-text cc-row__meta">
          已投 {matter.voted} / {matter.eligible} 人，{timeLeft(matter.closesAt)}
        </Text>
      ) : null}
      {done && matter.result ? (
        <>
          <Text className={`cz-text cc-strong cc-block ${matter.result.passed ? 'cc-green' : 'cc-red'}`}>结果：{verdictOf(matter.result)}</Text>
          {winnersText(matter.result, matter.options) ? (
            <Text className="cz-text cc-strong cc-block cc-winners">
              {matter.kind === 'election' ? '当选' : '选出'}：{winnersText(matter.result, matter.options)}
            </Text>
          ) : null}
          {/* A choice or an election names its bars by the summary's options; a motion by 同意 / 反对 / 弃权. */}
          {withBars && (matter.kind === 'motion' || matter.options.length > 0) ? <Bars bars={barsOf(matter)} of={matter.eligible} /> : null}
          <Text className="cz-text cz-text--small cc-row__meta">
            {matter.voted} / {matter.eligible} 人投票 · {villageDateTime(matter.closesAt)} 截止
          </Text>
        </>
      ) : null}
      <Text className="cz-text cc-row__go">{matter.needsMyVote ? '去表决 ›' : '查看 ›'}</Text>
    </View>
  )
}
