import { Textarea } from '@tarojs/components'

/** Several lines of text (a note, a reason), large and framed. */
export function AreaInput({
  value,
  onChange,
  placeholder,
  maxlength = 500,
  className,
}: {
  value: string
  onChange: (value: string) => void
  placeholder: string
  maxlength?: number
  className?: string
}) {
  return (
    <Textarea
      className={`eu-textarea${className ? ` ${className}` : ''}`}
      value={value}
      maxlength={maxlength}
      placeholder={placeholder}
      placeholderClass="eu-placeholder"
      onInput={(e) => onChange(e.detail.value)}
    />
  )
}
