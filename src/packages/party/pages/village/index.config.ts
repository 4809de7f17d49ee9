export default definePageConfig({ navigationBarTitleText: '党小组管理' })
