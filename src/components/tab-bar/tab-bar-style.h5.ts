// Browser: <Screen> draws the tab bar inside each tab page, so the pages carry its styles.
// (Taro picks this file over tab-bar-style.ts when building for h5.)
import './tab-bar.css'
