import { Text } from '@tarojs/components'
import { Card } from '../../components/card/Card'
import { Screen } from '../../components/screen/Screen'
import { ErrorNotice, Loading } from '../../components/status/Status'
import { audienceOf, type Audience } from '../../lib/audience'
import { useQuery } from '../../lib/use-query'
import { call } from '../../services/api'

/** What will come here, and what to do until then — in words that fit who is reading. */
const WORDS: Record<Audience, { later: string; now: string }> = {
  villager: {
    later: '以后，您可以在这里请组长帮您代办村里的便民事项，办到哪一步都能看到。',
    now: '现在要办事，请找本组组长，或到村委会办理。',
  },
  leader: {
    later: '以后，本组村民请您代办的事项会在这里，您可以一步一步办理，办到哪一步村民都能看到。',
    now: '现在村民找您办事，请照原来的办法，带着材料到村委会办理。',
  },
  village: {
    later: '以后，各组组长替村民交上来的事项会在这里，村里办到哪一步，组长和村民都能看到。',
    now: '现在请照原来的办法，在村委会办理。',
  },
  officer: {
    later: '以后，各村交到镇上、市里办理的事项会在这里。',
    now: '现在请照原来的办法办理。',
  },
}

/** 办事: not built yet — says plainly what will come, shows no made-up errands. */
export default function ServicesPage() {
  const { state, reload } = useQuery(() => call('identity', 'me', {}))
  return (
    <Screen tab="services">
      <Text className="cz-text cz-title cz-page-title">办事</Text>
      {state.status === 'loading' ? <Loading /> : null}
      {state.status === 'error' ? <ErrorNotice error={state.error} onRetry={reload} /> : null}
      {state.status === 'ready' ? <Placeholder words={WORDS[audienceOf(state.data.roles)]} /> : null}
    </Screen>
  )
}

function Placeholder({ words }: { words: { later: string; now: string } }) {
  return (
    <>
      <Card title="代办事项即将上线">
        <Text className="cz-text services-later">{words.later}</Text>
      </Card>
      <Card>
        <Text className="cz-text services-now">{words.now}</Text>
      </Card>
    </>
  )
}
