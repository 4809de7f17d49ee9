import { ComingSoonPage, type ComingSoonWords } from '../../components/coming-soon/ComingSoonPage'
import { CouncilsCard, useWaitingVotes } from '../../components/councils/CouncilsCard'

/** What will come here, and what to do until then — in words that fit who is reading. */
const WORDS: ComingSoonWords = {
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

/** 办事: 议事表决 is here; 代办 is not built yet. */
export default function ServicesPage() {
  const votes = useWaitingVotes()
  return (
    <ComingSoonPage tab="services" title="办事" headline="代办事项即将上线" words={WORDS}>
      <CouncilsCard state={votes} className="services-councils" />
    </ComingSoonPage>
  )
}
