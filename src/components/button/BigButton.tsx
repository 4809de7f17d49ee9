import { Text, View } from '@tarojs/components'

interface BigButtonProps {
  text: string
  onClick: () => void
  /** 'primary' for the one main action on a screen; 'plain' for the others. */
  kind?: 'primary' | 'plain'
  disabled?: boolean
  className?: string
}

/** Text width in ems: Chinese characters count 1, Latin letters, digits and spaces about half. */
function emsOf(text: string): number {
  return Array.from(text).reduce((sum, char) => sum + (char.charCodeAt(0) < 0x2e80 ? 0.55 : 1), 0)
}

/**
 * The label's size: the theme's heading size, shrunk when the label on one line would be wider
 * than the screen less the page's and the button's padding (big WeChat text on a 320 px phone).
 */
function labelSize(text: string): string {
  return `min(var(--cz-heading), calc((100vw - var(--cz-gap) * 4 - 32px) / ${Math.max(emsOf(text), 1).toFixed(2)}))`
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
      <Text className="cz-button__text cz-text" style={{ fontSize: labelSize(text) }}>
        {text}
      </Text>
    </View>
  )
}
