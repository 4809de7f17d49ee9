import Taro from '@tarojs/taro'

/**
 * 转为办事 from a chat message: the words wait on the phone while the villager picks the kind of
 * errand in the catalog, and become the note of the request they open next (once, within 30 min).
 */
const KEY = 'cz.errandNoteFromChat'
const KEEP_MS = 30 * 60 * 1000

export function handOffErrandNote(note: string): void {
  try {
    Taro.setStorageSync(KEY, { note: note.slice(0, 500), at: Date.now() })
  } catch {
    // Storage refused: the villager types it again.
  }
}

export function takeErrandNote(): string | null {
  try {
    const saved = Taro.getStorageSync(KEY) as { note?: unknown; at?: unknown } | ''
    if (!saved) return null
    Taro.removeStorageSync(KEY)
    return typeof saved.note === 'string' && typeof saved.at === 'number' && Date.now() - saved.at < KEEP_MS ? saved.note : null
  } catch {
    return null
  }
}
