export default definePageConfig({ navigationBarTitleText: '发邀请码', enablePullDownRefresh: true })
