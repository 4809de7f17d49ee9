export default definePageConfig({ navigationBarTitleText: '替村民代办' })
