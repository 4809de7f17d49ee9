export default definePageConfig({ navigationBarTitleText: '议事表决', enablePullDownRefresh: true })
