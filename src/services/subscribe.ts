import Taro from '@tarojs/taro'

/**
 * WeChat only lets a mini program ask "may we send you a reminder?" from inside a tap, and only
 * for templates set up in its account (build with TARO_APP_WX_TEMPLATE_<KIND>=<template id>).
 * Call this first thing in the tap handler, before any await: WeChat refuses it anywhere else.
 */
const TEMPLATE_IDS = [process.env.TARO_APP_WX_TEMPLATE_PARTY_GROUP_CHANGED].filter((id): id is string => Boolean(id))

export function canAskToSubscribe(): boolean {
  return process.env.TARO_ENV === 'weapp' && TEMPLATE_IDS.length > 0
}

export function askToSubscribe(): void {
  if (!canAskToSubscribe()) return
  // Not awaited: the tap's own work goes on whatever the person answers.
  Taro.requestSubscribeMessage({ tmplIds: TEMPLATE_IDS, entityIds: [] } as never).catch(() => undefined)
}
