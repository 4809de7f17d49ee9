import type { ChatMessage } from '../../services/contract'

export const CHAT_KIND_WORDS = { group: '本组群', village: '本村群' } as const

/** A short line for a message (a quote, a list's last message). */
export function gist(message: Pick<ChatMessage, 'kind' | 'text' | 'durationS' | 'card' | 'state'>): string {
  if (message.state === 'hidden' && message.text === null) return '这条消息已被隐藏'
  switch (message.kind) {
    case 'photo':
      return '[照片]'
    case 'voice':
      return `[语音 ${message.durationS ?? 0} 秒]`
    case 'card':
    case 'aid':
      return message.card?.title ?? '[分享]'
    default:
      return message.text ?? ''
  }
}

/** Beijing time of day for today's messages, else month and day too (see lib/village-time). */
export function shortTime(iso: string, now = Date.now()): string {
  const offset = 8 * 60 * 60 * 1000
  const at = new Date(Date.parse(iso) + offset)
  const today = new Date(now + offset)
  const pad = (n: number) => String(n).padStart(2, '0')
  const time = `${pad(at.getUTCHours())}:${pad(at.getUTCMinutes())}`
  const sameDay = at.getUTCFullYear() === today.getUTCFullYear() && at.getUTCMonth() === today.getUTCMonth() && at.getUTCDate() === today.getUTCDate()
  return sameDay ? time : `${at.getUTCMonth() + 1}月${at.getUTCDate()}日 ${time}`
}

export const MEDIATION_OPEN = '/packages/mediation/pages/open/index'
