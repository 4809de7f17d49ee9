import { Text, Textarea, View } from '@tarojs/components'

export const WHY_MIN = 2
export const WHY_MAX = 200

/** The reason for a secretary's change: kept with the change, so it is asked every time. */
export function WhyInput({ value, onChange, placeholder }: { value: string; onChange: (value: string) => void; placeholder: string }) {
  return (
    <View>
      <Textarea
        className="party-why"
        value={value}
        maxlength={WHY_MAX}
        placeholder={placeholder}
        placeholderClass="party-why-placeholder"
        onInput={(e) => onChange(e.detail.value)}
      />
      <Text className="cz-text cz-text--small party-block party-muted">
        {value.trim().length < WHY_MIN ? '请写明原因（至少 2 个字）' : `已写 ${value.trim().length} 字，最多 ${WHY_MAX} 字`}
      </Text>
    </View>
  )
}
