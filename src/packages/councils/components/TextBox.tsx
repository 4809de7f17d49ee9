import { Input, Textarea } from '@tarojs/components'

/** One line of text, large and framed. */
export function LineInput({
  value,
  onChange,
  placeholder,
  maxlength = 60,
  className,
}: {
  value: string
  onChange: (value: string) => void
  placeholder: string
  maxlength?: number
  className?: string
}) {
  return (
    <Input
      className={`cc-input${className ? ` ${className}` : ''}`}
      value={value}
      maxlength={maxlength}
      placeholder={placeholder}
      placeholderClass="cc-placeholder"
      onInput={(e) => onChange(e.detail.value)}
    />
  )
}

/** Several lines of text (the matter's words, a reason, minutes). */
export function AreaInput({
  value,
  onChange,
  placeholder,
  maxlength = 2000,
  tall = false,
  className,
}: {
  value: string
  onChange: (value: string) => void
  placeholder: string
  maxlength?: number
  tall?: boolean
  className?: string
}) {
  return (
    <Textarea
      className={`cc-textarea${tall ? ' cc-textarea--tall' : ''}${className ? ` ${className}` : ''}`}
      value={value}
      maxlength={maxlength}
      placeholder={placeholder}
      placeholderClass="cc-placeholder"
      onInput={(e) => onChange(e.detail.value)}
    />
  )
}
