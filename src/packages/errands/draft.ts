import Taro from '@tarojs/taro'

/**
 * What a villager typed on the confirm screen, kept on the phone per item (and per villager, for a
 * leader's 代办) so it survives closing the app. The `clientKey` is made once per draft: a submit
 * retried after a weak-network failure carries the same key, and the function files it once.
 */
export interface ErrandDraft {
  clientKey: string
  note: string
  contactTime: string
  photoIds: string[]
  consentHow?: 'app' | 'in_person'
  consentNote?: string
}

const PREFIX = 'cz.errandDraft.'

const keyOf = (itemId: string, forPersonId?: string) => `${PREFIX}${itemId}${forPersonId ? `.${forPersonId}` : ''}`

export function newClientKey(): string {
  return `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}${Math.random().toString(36).slice(2, 6)}`
}

export function loadDraft(itemId: string, forPersonId?: string): ErrandDraft {
  try {
    const saved: unknown = Taro.getStorageSync(keyOf(itemId, forPersonId))
    if (saved && typeof saved === 'object' && typeof (saved as ErrandDraft).clientKey === 'string') {
      const draft = saved as ErrandDraft
      return { ...draft, note: draft.note ?? '', contactTime: draft.contactTime ?? '', photoIds: Array.isArray(draft.photoIds) ? draft.photoIds : [] }
    }
  } catch {
    // Nothing saved, or storage refused: a fresh draft.
  }
  return { clientKey: newClientKey(), note: '', contactTime: '', photoIds: [] }
}

export function saveDraft(itemId: string, forPersonId: string | undefined, draft: ErrandDraft): void {
  try {
    Taro.setStorageSync(keyOf(itemId, forPersonId), draft)
  } catch {
    // Storage full: the draft lives as long as the page does.
  }
}

export function clearDraft(itemId: string, forPersonId?: string): void {
  try {
    Taro.removeStorageSync(keyOf(itemId, forPersonId))
  } catch {
    // Nothing to clear.
  }
}
