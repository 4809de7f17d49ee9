/** A chat message named as the source of an errand request or a mediation case must be one the caller can see in a chat they are in. */
import { memberOfChat, type Actor } from '../../../types/policy'
import type { Database } from '../db/port'
import { invalidInput } from '../runtime/app-error'
import type { Places } from '../records/places'
import { messagePlace } from './access'

export async function requireChatSource(db: Database, places: Places, caller: Actor, source: { kind: string; id: string } | undefined): Promise<void> {
  if (!source || source.kind !== 'chat') return
  const place = await messagePlace(db, places, source.id)
  if (!memberOfChat(caller, place)) throw invalidInput([{ path: 'data.source.id', message: '没有找到这条群消息' }])
}
