import { Text, View } from '@tarojs/components'

/** A few choices side by side (上午 / 下午, 满意 / 不满意): the whole chip is the tap target. */
export function Chips<T extends string>({
  options,
  value,
  onChange,
  className,
}: {
  options: readonly { value: T; label: string }[]
  value: T | undefined
  onChange: (value: T) => void
  className?: string
}) {
  return (
    <View className={`eu-chips${className ? ` ${className}` : ''}`}>
      {options.map((option) => (
        <View
          key={option.value}
          className={`cz-tap eu-chip${option.value === value ? ' is-chosen' : ''}`}
          data-value={option.value}
          hoverClass="cz-pressed"
          onClick={() => onChange(option.value)}
        >
          <Text className="cz-text eu-chip__text">{option.value === value ? `✓ ${option.label}` : option.label}</Text>
        </View>
      ))}
    </View>
  )
}
