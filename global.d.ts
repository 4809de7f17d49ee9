/// <reference types="@tarojs/taro" />

declare module '*.png'
declare module '*.gif'
declare module '*.jpg'
declare module '*.jpeg'
declare module '*.svg'
declare module '*.css'
declare module '*.less'
declare module '*.scss'
declare module '*.sass'
declare module '*.styl'

declare namespace NodeJS {
  interface ProcessEnv {
    /** Set by Taro at build time; decides the transport and the login page. */
    TARO_ENV: 'weapp' | 'swan' | 'alipay' | 'h5' | 'rn' | 'tt' | 'qq' | 'jd' | 'harmony' | 'jdrn'
    /** Optional WeChat appid override (Taro reads it from .env files). */
    TARO_APP_ID?: string
    /** CloudBase environment id for Taro.cloud.init; empty means the DevTools' current environment. */
    TARO_APP_CLOUD_ENV?: string
  }
}

/** uCharts (canvas charts for mini programs and the browser), used only inside the errands subpackage. */
declare module '@qiun/ucharts' {
  const uCharts: new (options: Record<string, unknown>) => { updateData(data: Record<string, unknown>): void }
  export default uCharts
}
