import { Text, View } from '@tarojs/components'

export interface Bar {
  key: string
  label: string
  count: number
}

/**
 * Votes per choice as bars: the label and the count in words on one line, the bar under it.
 * Each bar is a share of `of` (the eligible voters), so an empty bar means nobody chose it.
 */
export function Bars({ bars, of, className }: { bars: Bar[]; of: number; className?: string }) {
  const total = Math.max(
    of,
    bars.reduce((sum, bar) => sum + bar.count, 0),
    1,
  )
  return (
    <View className={`cc-bars${className ? ` ${className}` : ''}`}>
      {bars.map((bar) => (
        <View key={bar.key} className={`cc-bar cc-bar--${bar.key}`}>
          <View className="cc-bar__line">
            <Text className="cz-text cc-bar__label">{bar.label}</Text>
            <Text className="cz-text cc-bar__count">{bar.count} 票</Text>
          </View>
          <View className="cc-bar__track">
            <View className="cc-bar__fill" style={{ width: `${Math.round((bar.count / total) * 100)}%` }} />
          </View>
        </View>
      ))}
    </View>
  )
}
