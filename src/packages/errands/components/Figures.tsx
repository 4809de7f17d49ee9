import { Text, View } from '@tarojs/components'
import type { OutputOf } from '../../../services/contract'
import { percent, satisfaction } from '../words'

export type Figures = OutputOf<'errands', 'figures'>
type Row = Figures['total']

const days = (value: number | null) => (value === null ? '—' : value.toFixed(1))

/** The few numbers that say how it goes, large: requests, 人次, on time, average days, satisfied. */
export function Totals({ total }: { total: Row }) {
  const cells = [
    { key: 'requests', label: '申请', value: `${total.requests} 件` },
    { key: 'persons', label: '办好', value: `${total.personTimes} 人次` },
    { key: 'on-time', label: '按时办好', value: percent(total.onTimeRate) },
    { key: 'days', label: '平均用时', value: total.averageDays === null ? '—' : `${days(total.averageDays)} 个工作日` },
    { key: 'satisfied', label: '满意', value: percent(satisfaction(total)) },
  ]
  return (
    <View className="eu-totals">
      {cells.map((cell) => (
        <View key={cell.key} className={`eu-total eu-total--${cell.key}`}>
          <Text className="cz-text cz-text--small eu-block">{cell.label}</Text>
          <Text className="cz-text cz-heading eu-block eu-total__value">{cell.value}</Text>
        </View>
      ))}
    </View>
  )
}

/**
 * The numbers per group (a village), per village (a town) or per month: the name on its own line,
 * its five numbers under the column heads, so the table fits a 375 px phone in 长辈模式 too.
 */
export function FiguresTable({ rows, first, className }: { rows: Row[]; first: string; className?: string }) {
  const head = ['件数', '人次', '按时率', '天数', '满意率']
  return (
    <View className={`eu-table${className ? ` ${className}` : ''}`}>
      <View className="eu-table__row eu-table__row--head">
        <Text className="cz-text cz-text--small eu-table__name">{first}</Text>
        <View className="eu-table__cells">
          {head.map((cell) => (
            <Text key={cell} className="cz-text cz-text--small eu-table__cell">
              {cell}
            </Text>
          ))}
        </View>
      </View>
      {rows.map((row) => (
        <View key={row.key} className="eu-table__row" data-key={row.key}>
          <Text className="cz-text eu-table__name">{row.label}</Text>
          <View className="eu-table__cells">
            <Text className="cz-text eu-table__cell eu-cell-requests">{row.requests}</Text>
            <Text className="cz-text eu-table__cell eu-cell-persons">{row.personTimes}</Text>
            <Text className="cz-text eu-table__cell">{percent(row.onTimeRate)}</Text>
            <Text className="cz-text eu-table__cell">{days(row.averageDays)}</Text>
            <Text className="cz-text eu-table__cell">{percent(satisfaction(row))}</Text>
          </View>
        </View>
      ))}
      <Text className="cz-text cz-text--small eu-block eu-table__key">件数：申请了几件；人次：办好了几人次；天数：平均用了几个工作日；满意率：评价满意和基本满意的占几成。</Text>
    </View>
  )
}
