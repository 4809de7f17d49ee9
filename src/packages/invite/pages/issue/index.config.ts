// enableShareAppMessage: the code card's 分享 button (openType="share") shares through WeChat.
export default definePageConfig({ navigationBarTitleText: '发邀请码', enablePullDownRefresh: true, enableShareAppMessage: true })
