import { Text, View } from '@tarojs/components'

/** "组长：王建国" — label and value on one line, wrapping the value when it is long. */
export function Field({ label, value, className }: { label: string; value: string; className?: string }) {
  return (
    <View className={`cz-field${className ? ` ${className}` : ''}`}>
      <Text className="cz-field__label cz-text">{label}</Text>
      <Text className="cz-field__value cz-text">{value}</Text>
    </View>
  )
}
