export default definePageConfig({ navigationBarTitleText: '全部事项' })
