export default definePageConfig({ navigationBarTitleText: '我的党小组', enablePullDownRefresh: true })
