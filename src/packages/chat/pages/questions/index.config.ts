export default definePageConfig({ navigationBarTitleText: '待答复的提问', enablePullDownRefresh: true })
