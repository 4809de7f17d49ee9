/**
 * WeChat: nothing to do. Its own dialogs follow WeChat's font size and 长辈模式. (The browser build
 * uses care-dialogs.h5.ts: Taro picks the .h5 file for h5.)
 */
export function markCareMode(_careMode: boolean): void {}
