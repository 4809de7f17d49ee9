import { Text, View } from '@tarojs/components'

interface BigButtonProps {
  text: string
  onClick: () => void
  /** 'primary' for the one main action on a screen; 'plain' for the others. */
  kind?: 'primary' | 'plain'
  disabled?: boolean
  className?: string
}

/** A full-width button at least --cz-tap tall (a View, so WeChat's own button styles stay out). */
export function BigButton({ text, onClick, kind = 'primary', disabled = false, className }: BigButtonProps) {
  const classes = ['cz-button', 'cz-tap', `cz-button--${kind}`, disabled ? 'is-disabled' : '', className ?? '']
  return (
    <View
      className={classes.filter(Boolean).join(' ')}
      hoverClass={disabled ? 'none' : 'cz-pressed'}
      onClick={() => {
        if (!disabled) onClick()
      }}
    >
      <Text className="cz-button__text cz-text">{text}</Text>
    </View>
  )
}
