import { Text, View } from '@tarojs/components'
import type { PropsWithChildren } from 'react'

interface ChoiceProps {
  chosen: boolean
  onChoose: () => void
  /** The words on the right before it is chosen: 选这个 for a thing, 选这位 for a person. */
  pick?: string
  /** Shown but not choosable; `disabledMark` says why (say, 现任). */
  disabled?: boolean
  disabledMark?: string
  className?: string
}

/** One choice in a list: the whole row is the tap target; the chosen one is framed in red with ✓. */
export function Choice({ chosen, onChoose, pick = '选这个', disabled = false, disabledMark = '不能选', className, children }: PropsWithChildren<ChoiceProps>) {
  const state = disabled ? ' is-disabled' : chosen ? ' is-chosen' : ''
  return (
    <View
      className={`cz-row cz-tap party-choice${state}${className ? ` ${className}` : ''}`}
      hoverClass={disabled ? 'none' : 'cz-pressed'}
      aria-disabled={disabled}
      onClick={() => {
        if (!disabled) onChoose()
      }}
    >
      <View className="party-choice__main">{children}</View>
      <Text className="cz-text cz-heading party-choice__mark">{disabled ? disabledMark : chosen ? '✓ 已选' : pick}</Text>
    </View>
  )
}
