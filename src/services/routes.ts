import Taro from '@tarojs/taro'

/** Every page the app navigates to, in one place (subpackage pages carry their package root). */
export const ROUTES = {
  home: '/pages/home/index',
  chats: '/pages/chats/index',
  services: '/pages/services/index',
  me: '/pages/me/index',
  login: '/packages/account/pages/login/index',
  roster: '/packages/roster/pages/members/index',
  partyMine: '/packages/party/pages/mine/index',
  partyVillage: '/packages/party/pages/village/index',
  partyCoverage: '/packages/party/pages/coverage/index',
  partyLedger: '/packages/party/pages/ledger/index',
} as const

let leaving = false

/** Clears the page stack and opens login; several failing calls at once navigate only once. */
export function goToLogin(): void {
  const pages = Taro.getCurrentPages()
  const current = (pages[pages.length - 1]?.route ?? '').replace(/^\//, '')
  const onLogin = current !== '' && ROUTES.login.endsWith(current)
  if (leaving || onLogin) return
  leaving = true
  Taro.reLaunch({ url: ROUTES.login }).finally(() => {
    leaving = false
  })
}
