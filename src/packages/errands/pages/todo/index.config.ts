export default definePageConfig({ navigationBarTitleText: '组长待办', enablePullDownRefresh: true })
