export default definePageConfig({ navigationBarTitleText: '本组花名册', enablePullDownRefresh: true })
