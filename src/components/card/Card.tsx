import { Text, View } from '@tarojs/components'
import type { PropsWithChildren } from 'react'

/** A white block with a bold heading: the unit every page is built from. */
export function Card({ title, className, children }: PropsWithChildren<{ title?: string; className?: string }>) {
  return (
    <View className={`cz-card${className ? ` ${className}` : ''}`}>
      {title ? <Text className="cz-card__title cz-text cz-heading">{title}</Text> : null}
      {children}
    </View>
  )
}
