import { Text, View } from '@tarojs/components'

/** A few choices side by side (3 天后 / 7 天后, 记名 / 无记名): the whole chip is the tap target. */
export function Chips<T extends string>({
  options,
  value,
  onChange,
  className,
}: {
  options: { value: T; label: string }[]
  value: T | undefined
  onChange: (value: T) => void
  className?: string
}) {
  return (
    <View className={`cc-chips${className ? ` ${className}` : ''}`}>
      {options.map((option) => (
        <View
          key={option.value}
          className={`cz-tap cc-chip${option.value === value ? ' is-chosen' : ''}`}
          data-value={option.value}
          hoverClass="cz-pressed"
          onClick={() => onChange(option.value)}
        >
          <Text className="cz-text cc-chip__text">{option.value === value ? `✓ ${option.label}` : option.label}</Text>
        </View>
      ))}
    </View>
  )
}
