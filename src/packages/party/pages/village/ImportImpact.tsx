import { Text, View } from '@tarojs/components'
import { Card } from '../../../../components/card/Card'
import type { OutputOf } from '../../../../services/contract'
import { groupName, percent } from '../../words'

type Preview = OutputOf<'roster', 'importPreview'>
export type Impact = NonNullable<Preview['impact']>
export type People = NonNullable<Preview['people']>
export type NeighbourChange = Preview['neighbours'][number]

/** How many names of each kind are listed before 「还有 N 人」. */
const LISTED = 5

/** 「覆盖率 100% → 90.9%」 */
function coverageWords(impact: Impact): string {
  return `覆盖率 ${percent(impact.before.coverage)} → ${percent(impact.after.coverage)}`
}

/**
 * What the secretary must know before 确认导入, in plain sentences: every group left without a
 * Party group and why, and a drop in coverage. Empty when the import harms nothing.
 */
export function consequenceSentences(impact: Impact | null): string[] {
  if (!impact) return []
  const lines = impact.uncovered.map(({ group, reason }) => `导入后 ${groupName(group)} 将没有党小组：${reason.message}`)
  if (impact.after.coverage < impact.before.coverage) {
    lines.push(`导入后全村党小组覆盖率会从 ${percent(impact.before.coverage)} 降到 ${percent(impact.after.coverage)}。`)
  }
  return lines
}

/** The plain warning right above 确认导入 (nothing when the import leaves every group covered). */
export function ConsequenceWarning({ impact }: { impact: Impact | null }) {
  const lines = consequenceSentences(impact)
  if (lines.length === 0) return null
  return (
    <View className="party-notice party-notice--error party-import-consequence">
      <Text className="cz-text cz-heading party-block">请注意，导入后党小组会变少：</Text>
      {lines.map((line) => (
        <Text key={line} className="cz-text party-block party-gap party-import-consequence-line">
          {line}
        </Text>
      ))}
      <Text className="cz-text party-block party-gap">如果是填错了，请不要导入，改好后重新选择文件。</Text>
    </View>
  )
}

/** 党小组会怎样变: coverage before → after (red when it drops), uncovered groups with the rule, cross-group changes. */
export function ImpactCard({ impact }: { impact: Impact }) {
  const drops = impact.after.coverage < impact.before.coverage
  const bad = drops || impact.uncovered.length > 0
  return (
    <Card title="导入后党小组会怎样" className={`party-import-impact ${bad ? 'party-card--alert' : 'party-card--ok'}`}>
      <Text className={`cz-text cz-heading party-block party-import-coverage${drops ? ' party-red' : ''}`}>{coverageWords(impact)}</Text>
      <Text className="cz-text party-block">
        党小组 {impact.before.partyGroups} 个 → {impact.after.partyGroups} 个，其中跨组 {impact.before.crossGroup} 个 → {impact.after.crossGroup} 个
      </Text>
      {impact.uncovered.length > 0 ? (
        <View className="party-gap party-import-uncovered">
          <Text className="cz-text cz-heading party-red party-block">导入后没有党小组的村民小组（{impact.uncovered.length} 个）</Text>
          {impact.uncovered.map(({ group, reason }) => (
            <View key={group.id} className="party-reason party-import-uncovered-group">
              <Text className="cz-text cz-heading party-red">{groupName(group)}</Text>
              <Text className="cz-text">{reason.message}</Text>
            </View>
          ))}
        </View>
      ) : (
        <Text className="cz-text party-block party-gap">导入后每个村民小组都有党小组。</Text>
      )}
      {impact.crossGroupChanges.length > 0 ? (
        <View className="party-gap party-import-cross">
          <Text className="cz-text cz-heading party-block">所属党小组有变化的村民小组（{impact.crossGroupChanges.length} 个）</Text>
          {impact.crossGroupChanges.map(({ group, from, to }) => (
            <View key={group.id} className="party-reason party-import-cross-change">
              <Text className="cz-text cz-heading">{groupName(group)}</Text>
              <Text className="cz-text">
                {from ?? '没有党小组'} → {to ?? '没有党小组'}
              </Text>
            </View>
          ))}
        </View>
      ) : null}
    </Card>
  )
}

function more(count: number, shown: number): string | null {
  return count > shown ? `还有 ${count - shown} 人` : null
}

interface ListProps<T> {
  title: string
  className: string
  items: T[]
  count: number
  line: (item: T) => string
}

function NameList<T>({ title, className, items, count, line }: ListProps<T>) {
  if (count === 0) return null
  const shown = items.slice(0, LISTED)
  const rest = more(count, shown.length)
  return (
    <View className={`party-gap ${className}`}>
      <Text className="cz-text cz-heading party-block">
        {title}（{count} 人）
      </Text>
      {shown.map((item, index) => (
        <Text key={index} className="cz-text party-block party-import-person">
          {line(item)}
        </Text>
      ))}
      {rest ? <Text className="cz-text party-block party-import-more">{rest}</Text> : null}
    </View>
  )
}

const household = (no: string) => (no ? `，户号 ${no}` : '')

/** Who the file adds, removes and changes, by name: the first few of each and how many in all. */
export function PeopleCard({ people }: { people: People }) {
  const { counts } = people
  if (counts.added + counts.removed + counts.changed === 0) return null
  return (
    <Card title="名册里会变的人" className="party-import-people">
      <NameList
        title="新增"
        className="party-import-people-added"
        items={people.added}
        count={counts.added}
        line={(p) => `${p.name}（${p.groupName || '未分组'}${household(p.householdNo)}）`}
      />
      <NameList
        title="移出"
        className="party-import-people-removed"
        items={people.removed}
        count={counts.removed}
        line={(p) => `${p.name}（${p.groupName || '未分组'}${household(p.householdNo)}）`}
      />
      <NameList title="修改" className="party-import-people-changed" items={people.changed} count={counts.changed} line={(p) => `${p.name}：改了${p.fields.join('、')}`} />
    </Card>
  )
}

/** Groups whose 相邻组 the file changes. */
export function NeighboursCard({ neighbours }: { neighbours: NeighbourChange[] }) {
  if (neighbours.length === 0) return null
  return (
    <Card title="相邻关系的变化" className="party-import-neighbours">
      {neighbours.map(({ group, added, removed }) => (
        <View key={group.id} className="party-reason party-import-neighbour">
          <Text className="cz-text cz-heading">{groupName(group)}</Text>
          {added.length > 0 ? <Text className="cz-text">新加相邻：{added.join('、')}</Text> : null}
          {removed.length > 0 ? <Text className="cz-text">不再相邻：{removed.join('、')}</Text> : null}
        </View>
      ))}
    </Card>
  )
}
