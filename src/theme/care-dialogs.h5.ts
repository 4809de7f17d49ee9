/**
 * Browser build: Taro draws dialogs (showModal) outside every page, with inline sizes, so the page
 * root's theme never reaches them. A class on <body> lets app.css make them follow 长辈模式 too.
 */
import './care-dialogs.css'

export function markCareMode(careMode: boolean): void {
  if (typeof document === 'undefined') return
  document.body.classList.toggle('cz-care-mode', careMode)
}
