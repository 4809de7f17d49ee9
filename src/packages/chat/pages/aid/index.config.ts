// enableShareAppMessage: a mutual-aid request is shared into the villagers' WeChat group as a card.
export default definePageConfig({ navigationBarTitleText: '互助', enablePullDownRefresh: true, enableShareAppMessage: true })
