export default definePageConfig({ navigationBarTitleText: '党小组管理', enablePullDownRefresh: true })
