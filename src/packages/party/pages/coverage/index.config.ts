export default definePageConfig({ navigationBarTitleText: '党小组覆盖情况', enablePullDownRefresh: true })
