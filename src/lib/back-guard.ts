/**
 * WeChat: nothing to do. A page cannot catch the phone's back gesture or the navigation bar's
 * arrow there, so a panel closes through its own buttons only. (The browser build uses
 * back-guard.h5.ts instead: Taro picks the .h5 file when building for h5.)
 */
export function useBackGuard(_active: boolean, _onBack: () => void): void {}
