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
  councils: '/packages/councils/pages/index/index',
  councilMatter: '/packages/councils/pages/matter/index',
  councilCreate: '/packages/councils/pages/create/index',
  councilBody: '/packages/councils/pages/body/index',
  errandRequest: '/packages/errands/pages/request/index',
  errandCatalog: '/packages/errands/pages/catalog/index',
  errandsMine: '/packages/errands/pages/mine/index',
  errandDetail: '/packages/errands/pages/detail/index',
  errandsTodo: '/packages/errands/pages/todo/index',
  errandProxy: '/packages/errands/pages/proxy/index',
  errandsScope: '/packages/errands/pages/scope/index',
  mediation: '/packages/mediation/pages/index/index',
  // Notices name this page (cloudfunctions/shared/mediation/steps.ts CASE_PAGE): keep the path.
  mediationCase: '/packages/mediation/pages/case/index',
  mediationOpen: '/packages/mediation/pages/open/index',
  mediationDashboard: '/packages/mediation/pages/dashboard/index',
  // The chat function links to these three (cloudfunctions/shared/chat/cards.ts): keep the paths.
  chat: '/packages/chat/pages/chat/index',
  chatAid: '/packages/chat/pages/aid/index',
  chatQuestions: '/packages/chat/pages/questions/index',
} as const

let leaving = false
const LEAVING_MS = 1500

/** Why login is shown again: `expired` when a saved login was turned down (the page says so). */
export type LoginReason = 'expired'

const RETURN_KEY = 'cz.returnTo'

/** The page shown now, with its query (Taro's own `$taroTimestamp` and the like left out). */
function currentUrl(): string | null {
  const router = Taro.getCurrentInstance().router
  const path = (router?.path ?? '').split('?')[0]
  if (!path) return null
  const query = Object.entries(router?.params ?? {})
    .filter(([key, value]) => !key.startsWith('$') && key !== 'stamp' && typeof value === 'string')
    .map(([key, value]) => `${encodeURIComponent(key)}=${encodeURIComponent(value as string)}`)
    .join('&')
  const url = `/${path.replace(/^\//, '')}`
  return query ? `${url}?${query}` : url
}

/** Remembers where the person was, so signing in again takes them back there (see takeReturnUrl). */
function rememberReturnUrl(): void {
  const url = currentUrl()
  const worth = url !== null && !url.startsWith(ROUTES.login) && !url.startsWith(ROUTES.home)
  try {
    if (worth) Taro.setStorageSync(RETURN_KEY, url)
    else Taro.removeStorageSync(RETURN_KEY)
  } catch {
    // Storage full or refused: login then simply leads home.
  }
}

/** Where to go after signing in: the page login interrupted (once), else 首页. */
export function takeReturnUrl(): string {
  try {
    const url: unknown = Taro.getStorageSync(RETURN_KEY)
    Taro.removeStorageSync(RETURN_KEY)
    if (typeof url === 'string' && url.startsWith('/') && !url.startsWith(ROUTES.login)) return url
  } catch {
    // Nothing remembered.
  }
  return ROUTES.home
}

/**
 * Clears the page stack and opens login; several failing calls at once navigate only once. The
 * page the person was on is remembered: after signing in again they land back on it.
 */
export function goToLogin(reason?: LoginReason): void {
  const pages = Taro.getCurrentPages()
  const current = (pages[pages.length - 1]?.route ?? '').replace(/^\//, '')
  const onLogin = current !== '' && ROUTES.login.endsWith(current)
  if (leaving || onLogin) return
  leaving = true
  rememberReturnUrl()
  // reLaunch settles before the login page is on the stack: calls failing just after must not
  // send the user to login a second time (and lose ?reason=), so stay "leaving" a little longer.
  Taro.reLaunch({ url: reason ? `${ROUTES.login}?reason=${reason}` : ROUTES.login }).finally(() => {
    setTimeout(() => {
      leaving = false
    }, LEAVING_MS)
  })
}
