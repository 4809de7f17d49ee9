export default definePageConfig({ navigationBarTitleText: '办事情况', enablePullDownRefresh: true })
