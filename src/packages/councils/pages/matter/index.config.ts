// enableShareAppMessage: a published matter or its result is shared into the group's chat as a card.
export default definePageConfig({ navigationBarTitleText: '议事事项', enablePullDownRefresh: true, enableShareAppMessage: true })
