export default definePageConfig({ navigationBarTitleText: '调解', enablePullDownRefresh: true })
