// Tab pages stay in the main package; every feature's pages live in a subpackage so the main
// package stays small as features arrive (WeChat caps it at 2 MB; scripts/size.ts guards 1 MB).
export default defineAppConfig({
  pages: ['pages/home/index', 'pages/chats/index', 'pages/services/index', 'pages/me/index'],
  subPackages: [
    { root: 'packages/account', pages: ['pages/login/index'] },
    { root: 'packages/roster', pages: ['pages/members/index', 'pages/person/index'] },
    { root: 'packages/party', pages: ['pages/mine/index', 'pages/village/index', 'pages/coverage/index', 'pages/ledger/index'] },
    { root: 'packages/invite', pages: ['pages/issue/index'] },
    { root: 'packages/offices', pages: ['pages/manage/index'] },
    { root: 'packages/councils', pages: ['pages/index/index', 'pages/matter/index', 'pages/create/index', 'pages/body/index'] },
    {
      root: 'packages/errands',
      pages: ['pages/request/index', 'pages/catalog/index', 'pages/mine/index', 'pages/detail/index', 'pages/todo/index', 'pages/proxy/index', 'pages/scope/index'],
    },
    { root: 'packages/mediation', pages: ['pages/index/index', 'pages/case/index', 'pages/open/index', 'pages/dashboard/index'] },
    { root: 'packages/chat', pages: ['pages/chat/index', 'pages/aid/index', 'pages/questions/index'] },
  ],
  // Browser build: no slide between pages. A tab tapped while the slide back from a page was still
  // running left a blank screen (Taro's h5 router), and a weak phone gains nothing from the slide.
  ...(process.env.TARO_ENV === 'h5' ? { animation: false } : {}),
  window: {
    backgroundTextStyle: 'dark',
    navigationBarBackgroundColor: '#ffffff',
    navigationBarTitleText: '村组通',
    navigationBarTextStyle: 'black',
    backgroundColor: '#f2f2f2',
  },
  // custom: the native tab bar's text is small and fixed; ours (src/custom-tab-bar) follows the
  // theme, so it grows with 长辈模式 and WeChat's font-size setting.
  tabBar: {
    custom: true,
    color: '#333333',
    selectedColor: '#b3261e',
    backgroundColor: '#ffffff',
    borderStyle: 'black',
    list: [
      { pagePath: 'pages/home/index', text: '首页' },
      { pagePath: 'pages/chats/index', text: '消息' },
      { pagePath: 'pages/services/index', text: '办事' },
      { pagePath: 'pages/me/index', text: '我的' },
    ],
  },
})
