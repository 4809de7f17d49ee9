// enableShareAppMessage: a pinned notice is shared into the villagers' WeChat group as a card.
export default definePageConfig({ navigationBarTitleText: '群聊', enableShareAppMessage: true })
