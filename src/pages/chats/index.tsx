import { ComingSoonPage, type ComingSoonWords } from '../../components/coming-soon/ComingSoonPage'

/** What will come here, and what to do until then — in words that fit who is reading. */
const WORDS: ComingSoonWords = {
  villager: {
    later: '以后，村里的通知、本组的议事消息和组长的回复，都会在这里显示。',
    now: '现在有事，请直接在本组微信群里说，或打电话给组长。',
  },
  leader: {
    later: '以后，村里发给各组的通知、本组村民的留言和议事消息，都会在这里显示，您可以直接回复。',
    now: '现在要通知本组村民，请在本组微信群里说；村里的事，请联系村干部。',
  },
  village: {
    later: '以后，村里发给各组的通知、各组的议事消息和组长的回复，都会在这里显示。',
    now: '现在要发通知，请照原来的办法，在村里的微信群里发，或打电话给各组组长。',
  },
  officer: {
    later: '以后，各村上报的事项和回复，都会在这里显示。',
    now: '现在请照原来的办法，通过工作群或电话和各村联系。',
  },
}

/** 消息: not built yet. */
export default function ChatsPage() {
  return <ComingSoonPage tab="chats" title="消息" headline="消息功能即将上线" words={WORDS} />
}
