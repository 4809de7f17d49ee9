/**
 * Mutual aid (微公益，一家有难，大家支援): a member asks for help in a chat (for themselves, or a group
 * leader for a villager); neighbours pledge time, goods or money (pledged only: the app never handles
 * money or goods); the requester marks it fulfilled and the thanks are posted in the chat.
 */
import { command } from '../shared/db/commands'
import { createHash } from 'node:crypto'
import { policy } from '../../types/policy'
import { PLEDGE_KIND_LABEL } from '../../types/functions/chat'
import { allowOnAid, allowOnChat, chatPlace, loadAid } from '../shared/chat/access'
import { aidPage } from '../shared/chat/cards'
import type { AidFields, AidRecord } from '../shared/chat/records'
import { notify } from '../shared/inbox/notify'
import { AppError } from '../shared/runtime/app-error'
import type { ActionTable } from '../shared/runtime/define-function'
import { chatName, postIn, screen, senderTag } from './post'

export const aidIdOf = (chatId: string, personId: string, clientId: string) => `aid-${createHash('sha256').update(`${chatId}|${personId}|${clientId}`).digest('hex').slice(0, 32)}`

export const aidActions: Pick<ActionTable<'chat'>, 'aid' | 'aidRequest' | 'pledge' | 'fulfil'> = {
  aid: {
    allow: allowOnChat(policy.chat.aid, (input) => input.chatId),
    run: async ({ db, places, caller, now, openId }, input) => {
      const at = now()
      const place = await chatPlace(places, input.chatId)
      const id = aidIdOf(input.chatId, caller.personId, input.clientId)
      const { data: earlier } = await db.collection<AidRecord>('chatAid').doc(id).get()
      if (earlier) return { id, messageId: earlier.messageId }
      const state = await screen(`${input.title}\n${input.text}`, openId)
      if (state !== 'shown') throw new AppError('INVALID_INPUT', '求助内容需要审核，请换个说法或请组长代发', [{ path: 'data.text', message: '请换个说法' }])
      if (input.forPersonId) {
        const person = await places.person(input.forPersonId)
        if (!person || !(place.kind === 'group' ? person.groupId === place.groupId : person.villageId === place.villageId))
          throw new AppError('INVALID_INPUT', '只能为本群的村民求助', [{ path: 'data.forPersonId', message: '不是本群的村民' }])
      }
      const name = await chatName(places, place)
      return db.runTransaction(async (tx) => {
        const { data: again } = await tx.collection<AidRecord>('chatAid').doc(id).get()
        if (again) return { id, messageId: again.messageId }
        const posted = await postIn(
          tx,
          { chatId: input.chatId, chat: place, name, at, sender: { personId: caller.personId, name: caller.name, tag: senderTag(caller, place) }, rateLimited: true },
          { kind: 'aid', text: input.title, fileId: null, durationS: null, card: { kind: 'aid', id }, replyTo: null, clientId: input.clientId, state: 'shown' },
        )
        const fields: AidFields = {
          chatId: input.chatId,
          villageId: place.villageId!,
          groupId: place.groupId ?? null,
          title: input.title,
          text: input.text,
          byId: caller.personId,
          byName: caller.name,
          forPersonId: input.forPersonId ?? null,
          at: at.toISOString(),
          state: 'open',
          thanks: null,
          messageId: posted.id,
          pledges: [],
        }
        await tx.collection('chatAid').doc(id).set(fields)
        return { id, messageId: posted.id }
      })
    },
  },

  aidRequest: {
    allow: allowOnAid(policy.chat.aidRequest, (input) => input.aidId),
    run: async ({ db, places, caller }, { aidId }) => {
      const aid = (await loadAid(db, places, aidId))!
      const mine = aid.byId === caller.personId
      return {
        id: aid._id,
        chatId: aid.chatId,
        title: aid.title,
        text: aid.text,
        by: { id: aid.byId, name: aid.byName },
        at: aid.at,
        state: aid.state,
        thanks: aid.thanks,
        pledges: aid.pledges.map((pledge) => ({
          id: pledge.id,
          personName: pledge.personName,
          kind: pledge.kind,
          note: pledge.note,
          at: pledge.at,
          mine: pledge.personId === caller.personId,
        })),
        can: { pledge: aid.state === 'open' && !mine, fulfil: aid.state === 'open' && mine },
      }
    },
  },

  pledge: {
    allow: allowOnAid(policy.chat.pledge, (input) => input.aidId),
    run: async ({ db, caller, now, openId }, { aidId, kind, note }) => {
      const at = now()
      if (note) await screen(note, openId, 'data.note')
      return db.runTransaction(async (tx) => {
        const { data: aid } = await tx.collection<AidRecord>('chatAid').doc(aidId).get()
        if (!aid) throw new AppError('NOT_FOUND', '没有找到这个互助求助')
        if (aid.state !== 'open') throw new AppError('CONFLICT', '这个求助已经解决了，谢谢您')
        if (aid.byId === caller.personId) throw new AppError('CONFLICT', '不能认领自己的求助')
        const existing = aid.pledges.find((pledge) => pledge.personId === caller.personId && pledge.kind === kind)
        if (existing) return { id: existing.id }
        const id = `p${aid.pledges.length + 1}`
        const pledges = [...aid.pledges, { id, personId: caller.personId, personName: caller.name, kind, note: note ?? null, at: at.toISOString() }]
        await tx
          .collection('chatAid')
          .doc(aidId)
          .update({ pledges: command.set(pledges) })
        await notify(
          tx,
          { people: [aid.byId] },
          { kind: 'chat_pledge', title: `${caller.name} 愿意帮忙`, body: `${PLEDGE_KIND_LABEL[kind]}${note ? `：${note}` : ''}（${aid.title}）`, page: aidPage(aidId) },
          at,
        )
        return { id }
      })
    },
  },

  fulfil: {
    allow: allowOnAid(policy.chat.fulfil, (input) => input.aidId),
    run: async ({ db, places, caller, now, openId }, { aidId, thanks }) => {
      const at = now()
      const aid = (await loadAid(db, places, aidId))!
      const place = await chatPlace(places, aid.chatId)
      const state = await screen(thanks, openId, 'data.thanks')
      if (state !== 'shown') throw new AppError('INVALID_INPUT', '感谢的话需要审核，请换个说法', [{ path: 'data.thanks', message: '请换个说法' }])
      const name = await chatName(places, place)
      return db.runTransaction(async (tx) => {
        const { data: current } = await tx.collection<AidRecord>('chatAid').doc(aidId).get()
        if (!current) throw new AppError('NOT_FOUND', '没有找到这个互助求助')
        if (current.state === 'fulfilled') throw new AppError('CONFLICT', '已经标记为解决了')
        const posted = await postIn(
          tx,
          { chatId: current.chatId, chat: place, name, at, sender: { personId: caller.personId, name: caller.name, tag: senderTag(caller, place) }, rateLimited: false },
          { kind: 'thanks', text: thanks, fileId: null, durationS: null, card: { kind: 'aid', id: aidId }, replyTo: null, clientId: `thanks-${aidId}`, state: 'shown' },
        )
        await tx.collection('chatAid').doc(aidId).update({ state: 'fulfilled', thanks })
        const helpers = [...new Set(current.pledges.map((pledge) => pledge.personId))]
        if (helpers.length)
          await notify(tx, { people: helpers.slice(0, 50) }, { kind: 'chat_thanks', title: `${caller.name} 谢谢您的帮忙`, body: thanks.slice(0, 80), page: aidPage(aidId) }, at)
        return { state: 'fulfilled' as const, messageId: posted.id }
      })
    },
  },
}
