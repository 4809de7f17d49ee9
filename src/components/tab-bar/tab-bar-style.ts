// WeChat: nothing here. The tab bar's styles belong to src/custom-tab-bar alone (a custom
// component sees only its own wxss); keeping them out of the pages keeps them out of common.wxss.
export {}
