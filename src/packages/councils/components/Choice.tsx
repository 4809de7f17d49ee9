import { Text, View } from '@tarojs/components'
import type { PropsWithChildren } from 'react'

/** One choice in a list (an option, a member): the whole row is the tap target; chosen is framed in red with ✓. */
export function Choice({
  chosen,
  onChoose,
  pick = '选这个',
  disabled = false,
  disabledMark = '不能选',
  className,
  children,
}: PropsWithChildren<{ chosen: boolean; onChoose: () => void; pick?: string; disabled?: boolean; disabledMark?: string; className?: string }>) {
  const state = disabled ? ' is-disabled' : chosen ? ' is-chosen' : ''
  return (
    <View
      className={`cz-row cz-tap cc-choice${state}${className ? ` ${className}` : ''}`}
      hoverClass={disabled ? 'none' : 'cz-pressed'}
      aria-disabled={disabled}
      onClick={() => {
        if (!disabled) onChoose()
      }}
    >
      <View className="cc-choice__main">{children}</View>
      <Text className="cz-text cz-heading cc-choice__mark">{disabled ? disabledMark : chosen ? '✓ 已选' : pick}</Text>
    </View>
  )
}
