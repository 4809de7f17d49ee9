/**
 * The content check every user text passes before it is stored: `pass` (stored and shown), `review`
 * (stored but held until a leader releases it), `risky` (refused with a plain message). In the cloud
 * WeChat's `security.msgSecCheck` v2; locally a word list behind the same port.
 */
export type Verdict = 'pass' | 'review' | 'risky'

export interface ContentCheck {
  check(text: string, who: { openId: string | null }): Promise<Verdict>
}

let current: ContentCheck | null = null

/** The cloud entry installs WeChat's check; otherwise the local word list is used. */
export function useContentCheck(check: ContentCheck): void {
  current = check
}

export function contentCheck(fallback: () => ContentCheck): ContentCheck {
  if (!current) current = fallback()
  return current
}
