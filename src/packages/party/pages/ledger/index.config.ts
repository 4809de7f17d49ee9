export default definePageConfig({ navigationBarTitleText: '变更台账', enablePullDownRefresh: true })
