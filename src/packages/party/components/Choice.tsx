import { Text, View } from '@tarojs/components'
import type { PropsWithChildren } from 'react'

/** One choice in a list: the whole row is the tap target; the chosen one is framed in red with ✓. */
export function Choice({ chosen, onChoose, className, children }: PropsWithChildren<{ chosen: boolean; onChoose: () => void; className?: string }>) {
  return (
    <View
      className={`cz-row cz-tap party-choice${chosen ? ' is-chosen' : ''}${className ? ` ${className}` : ''}`}
      hoverClass="cz-pressed"
      onClick={onChoose}
    >
      <View className="party-choice__main">{children}</View>
      <Text className="cz-text cz-heading party-choice__mark">{chosen ? '✓ 已选' : '选这个'}</Text>
    </View>
  )
}
