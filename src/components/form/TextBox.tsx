import { Input, Textarea } from '@tarojs/components'
import './form.css'

/** One line of text, large and framed in black (a title, a name, a place). */
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
      className={`cz-input${className ? ` ${className}` : ''}`}
      value={value}
      maxlength={maxlength}
      placeholder={placeholder}
      placeholderClass="cz-placeholder"
      onInput={(e) => onChange(e.detail.value)}
    />
  )
}

/** Several lines of text (a note, a reason, minutes), large and framed; `tall` for long writing. */
export function AreaInput({
  value,
  onChange,
  placeholder,
  maxlength = 500,
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
      className={`cz-textarea${tall ? ' cz-textarea--tall' : ''}${className ? ` ${className}` : ''}`}
      value={value}
      maxlength={maxlength}
      placeholder={placeholder}
      placeholderClass="cz-placeholder"
      onInput={(e) => onChange(e.detail.value)}
    />
  )
}
