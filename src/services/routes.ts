import Taro from '@tarojs/taro'

/** Every page the app navigates to, in one place (subpackage pages carry their package root). */
export const ROUTES = {
  home: '/pages/home/index',
  chats: '/pages/chats/index',
  services: '/pages/services/index',
  me: '/pages/me/index',
  login: '/packages/account/pages/login/index',
  roster: '/packages/roster/pages/members/index',
  rosterPerson: '/packages/roster/pages/person/index',
  partyMine: '/packages/party/pages/mine/index',
  partyVillage: '/packages/party/pages/village/index',
  partyCoverage: '/packages/party/pages/coverage/index',
  partyLedger: '/packages/party/pages/ledger/index',
  invite: '/packages/invite/pages/issue/index',
  offices: '/packages/offices/pages/manage/index',
} as const

let leaving = false
const LEAVING_MS = 1500

/** Why login is shown again: `expired` when a saved login was turned down (the page says so). */
export type LoginReason = 'expired'

/** Clears the page stack and opens login; several failing calls at once navigate only once. */
export function goToLogin(reason?: LoginReason): void {
  const pages = Taro.getCurrentPages()
  const current = (pages[pages.length - 1]?.route ?? '').replace(/^\//, '')
  const onLogin = current !== '' && ROUTES.login.endsWith(current)
  if (leaving || onLogin) return
  leaving = true
  // reLaunch settles before the login page is on the stack: calls failing just after must not
  // send the user to login a second time (and lose ?reason=), so stay "leaving" a little longer.
  Taro.reLaunch({ url: reason ? `${ROUTES.login}?reason=${reason}` : ROUTES.login }).finally(() => {
    setTimeout(() => {
      leaving = false
    }, LEAVING_MS)
  })
}
