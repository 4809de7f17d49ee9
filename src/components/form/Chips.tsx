import { Text, View } from '@tarojs/components'
import './form.css'

/**
 * A few choices side by side (上午 / 下午, 记名 / 无记名): the whole chip is the tap target, the chosen
 * one framed in red with a ✓. `chipClassName` names the chips for a feature's own styles and tests.
 */
export function Chips<T extends string>({
  options,
  value,
  onChange,
  className,
  chipClassName,
}: {
  options: readonly { value: T; label: string }[]
  value: T | undefined
  onChange: (value: T) => void
  className?: string
  chipClassName?: string
}) {
  return (
    <View className={`cz-chips${className ? ` ${className}` : ''}`}>
      {options.map((option) => (
        <View
          key={option.value}
          className={`cz-tap cz-chip${chipClassName ? ` ${chipClassName}` : ''}${option.value === value ? ' is-chosen' : ''}`}
          data-value={option.value}
          hoverClass="cz-pressed"
          onClick={() => onChange(option.value)}
        >
          <Text className="cz-text cz-chip__text">{option.value === value ? `✓ ${option.label}` : option.label}</Text>
        </View>
      ))}
    </View>
  )
}
