/**
 * WeChat: nothing to do. The mini program's code arrives as packages WeChat itself downloads and
 * retries. (The browser build uses chunk-retry.h5.ts: Taro picks the .h5 file for h5.)
 */
export function watchChunkLoads(): void {}
