import { Text } from '@tarojs/components'
import { useQuery } from '../../lib/use-query'
import { audienceOf, type Audience } from '../../lib/audience'
import { call } from '../../services/api'
import { Card } from '../card/Card'
import { Screen } from '../screen/Screen'
import { ErrorNotice, Loading } from '../status/Status'
import type { TabKey } from '../tab-bar/tabs'

export type ComingSoonWords = Record<Audience, { later: string; now: string }>

interface ComingSoonPageProps {
  tab: TabKey
  title: string
  /** e.g. 消息功能即将上线 */
  headline: string
  words: ComingSoonWords
}

/**
 * A tab whose feature is not built yet: says plainly what will come and what to do until then,
 * in words that fit who is reading, and shows no made-up data.
 */
export function ComingSoonPage({ tab, title, headline, words }: ComingSoonPageProps) {
  const { state, reload } = useQuery(() => call('identity', 'me', {}))
  const fitting = state.status === 'ready' ? words[audienceOf(state.data.roles)] : null
  return (
    <Screen tab={tab}>
      <Text className="cz-text cz-title cz-page-title">{title}</Text>
      {state.status === 'loading' ? <Loading /> : null}
      {state.status === 'error' ? <ErrorNotice error={state.error} onRetry={reload} /> : null}
      {fitting ? (
        <>
          <Card title={headline}>
            <Text className={`cz-text ${tab}-later`}>{fitting.later}</Text>
          </Card>
          <Card>
            <Text className={`cz-text ${tab}-now`}>{fitting.now}</Text>
          </Card>
        </>
      ) : null}
    </Screen>
  )
}
