import { Text } from '@tarojs/components'
import type { ReactNode } from 'react'
import { audienceOf, type Audience } from '../../lib/audience'
import { useMe } from '../../lib/session'
import { Card } from '../card/Card'
import { Screen } from '../screen/Screen'
import { QueryView } from '../status/QueryView'
import type { TabKey } from '../tab-bar/tabs'

export type ComingSoonWords = Record<Audience, { later: string; now: string }>

interface ComingSoonPageProps {
  tab: TabKey
  title: string
  /** e.g. 消息功能即将上线 */
  headline: string
  words: ComingSoonWords
  /** What this tab already offers, above the words about what will come (say, 议事表决). */
  children?: ReactNode
}

/**
 * A tab whose feature is not built yet: says plainly what will come and what to do until then,
 * in words that fit who is reading, and shows no made-up data.
 */
export function ComingSoonPage({ tab, title, headline, words, children }: ComingSoonPageProps) {
  // Who is reading comes from the session (loaded once per sign-in).
  const { state, reload } = useMe()
  return (
    <Screen tab={tab}>
      <Text className="cz-text cz-title cz-page-title">{title}</Text>
      <QueryView state={state} onRetry={() => void reload()}>
        {(me) => {
          const fitting = words[audienceOf(me.roles)]
          return (
            <>
              {children}
              <Card title={headline}>
                <Text className={`cz-text ${tab}-later`}>{fitting.later}</Text>
              </Card>
              <Card>
                <Text className={`cz-text ${tab}-now`}>{fitting.now}</Text>
              </Card>
            </>
          )
        }}
      </QueryView>
    </Screen>
  )
}
