import Taro from '@tarojs/taro'

// Browser build only: the local host signs a token at /api/dev/login. In WeChat the cloud
// function knows the caller from its OPENID, so there is no token to keep.
const TOKEN_KEY = 'cz.token'

export function getToken(): string | undefined {
  try {
    const token: unknown = Taro.getStorageSync(TOKEN_KEY)
    return typeof token === 'string' && token !== '' ? token : undefined
  } catch {
    return undefined
  }
}

export function setToken(token: string): void {
  Taro.setStorageSync(TOKEN_KEY, token)
}

export function clearToken(): void {
  Taro.removeStorageSync(TOKEN_KEY)
}
