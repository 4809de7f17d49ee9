/**
 * A card in a chat points at a notice, a council matter, an errand, a mediation case or a
 * mutual-aid request. Each viewer is asked the same rule the thing's own page asks: a card they
 * may not open says only that something exists (a mediation case stays confidential in a chat).
 */
import { policy, memberOfChat, type Actor } from '../../../types/policy'
import type { Database } from '../db/port'
import { lookupsOf, matterPlace } from '../councils/access'
import { matterPage } from '../councils/matter-steps'
import { errandPlace, loadErrand } from '../errands/access'
import { errandPage } from '../errands/steps'
import { casePlace, loadCase } from '../mediation/access'
import { casePage } from '../mediation/steps'
import type { Places } from '../records/places'
import { chatPlace, loadAid, loadMessage } from './access'

export const AID_PAGE = '/packages/chat/pages/aid/index'
export const CHAT_PAGE = '/packages/chat/pages/chat/index'
export const aidPage = (id: string) => `${AID_PAGE}?id=${encodeURIComponent(id)}`
export const chatPage = (chatId: string) => `${CHAT_PAGE}?id=${encodeURIComponent(chatId)}`

export interface ResolvedCard {
  kind: 'notice' | 'matter' | 'errand' | 'case' | 'aid'
  id: string
  title: string
  visible: boolean
  page: string | null
}

const HIDDEN_TITLE: Record<ResolvedCard['kind'], string> = {
  notice: '一条通知',
  matter: '一项议事表决（仅相关人员可见）',
  errand: '一件办事申请（仅申请人和经办人可见）',
  case: '一件调解案件（仅当事人和调解员可见）',
  aid: '一个互助求助',
}

function clip(text: string | null, max = 40) {
  if (!text) return ''
  return text.length > max ? `${text.slice(0, max)}…` : text
}

/** What the card shows this viewer; `exists: false` when what it points at is gone or never was. */
export async function resolveCard(db: Database, places: Places, viewer: Actor, card: { kind: string; id: string }): Promise<ResolvedCard & { exists: boolean }> {
  const kind = card.kind as ResolvedCard['kind']
  const hidden = (exists: boolean) => ({ kind, id: card.id, title: HIDDEN_TITLE[kind] ?? '一条内容', visible: false, page: null, exists })
  switch (kind) {
    case 'notice': {
      const message = await loadMessage(db, places, card.id)
      if (!message || message.kind !== 'notice') return hidden(false)
      // A notice a moderator hid says nothing in a card either (and is not shared again).
      if (message.state !== 'shown') return hidden(true)
      if (!memberOfChat(viewer, await chatPlace(places, message.chatId))) return hidden(true)
      return { kind, id: card.id, title: `通知：${clip(message.text)}`, visible: true, page: chatPage(message.chatId), exists: true }
    }
    case 'aid': {
      const aid = await loadAid(db, places, card.id)
      if (!aid) return hidden(false)
      if (!memberOfChat(viewer, await chatPlace(places, aid.chatId))) return hidden(true)
      return { kind, id: card.id, title: `互助：${aid.title}${aid.state === 'fulfilled' ? '（已解决）' : ''}`, visible: true, page: aidPage(card.id), exists: true }
    }
    case 'errand': {
      const errand = await loadErrand(db, places, card.id)
      if (!errand) return hidden(false)
      if (!policy.errands.request(viewer, await errandPlace(places, errand))) return hidden(true)
      return { kind, id: card.id, title: `办事：${errand.itemName}（${errand.number}）`, visible: true, page: errandPage(card.id), exists: true }
    }
    case 'case': {
      const found = await loadCase(db, places, card.id)
      if (!found) return hidden(false)
      if (!policy.mediation.case(viewer, await casePlace(places, found))) return hidden(true)
      return { kind, id: card.id, title: `调解：${found.number}`, visible: true, page: casePage(card.id), exists: true }
    }
    case 'matter': {
      const lookups = lookupsOf(db, places)
      const matter = await lookups.matter(card.id)
      if (!matter) return hidden(false)
      if (!policy.councils.matter(viewer, matterPlace(await lookups.body(matter.bodyId), matter))) return hidden(true)
      return { kind, id: card.id, title: `议事：${matter.title}`, visible: true, page: matterPage(card.id), exists: true }
    }
    default:
      return hidden(false)
  }
}
