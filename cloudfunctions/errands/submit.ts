/**
 * A request: the villager's own, or filed by their group leader for them (代办) with their consent.
 * One number to the end. The clock starts now: dueAt is counted from the submission. A retried
 * submit (same person, same clientKey) returns the first request and stores nothing.
 */
import { createHash } from 'node:crypto'
import dayjs from 'dayjs'
import { policy } from '../../types/policy'
import { audit } from '../shared/audit/audit'
import { loadCalendarAdjustments } from '../shared/calendar/load-adjustments'
import { VILLAGE_TIME_ZONE } from '../shared/domain/clock'
import { catalogItem } from '../shared/domain/errands/catalog'
import { dueAtFor } from '../shared/domain/errands/clock'
import { attachFiles } from '../shared/files'
import { notify } from '../shared/inbox/notify'
import type { ErrandFields, ErrandRecord } from '../shared/errands/records'
import { countFigures, derived, errandPage, monthOf, settingsOf, step, villageCadres } from '../shared/errands/steps'
import { allowBy } from '../shared/records/village-access'
import { AppError, forbidden, invalidInput, notFound } from '../shared/runtime/app-error'
import type { ActionTable } from '../shared/runtime/define-function'
import { requireChatSource } from '../shared/chat/source'
import { offered } from './catalog'
import { photoReaders } from './commit'

/** The request a (filer, clientKey) pair names: the same on every retry. */
export const errandIdOf = (filedById: string, clientKey: string) => `errand-${createHash('sha256').update(`${filedById}|${clientKey}`).digest('hex').slice(0, 32)}`

export const submitActions: Pick<ActionTable<'errands'>, 'submit'> = {
  submit: {
    allow: allowBy(policy.errands.submit),
    run: async ({ db, places, caller, now }, input) => {
      const at = now()
      const id = errandIdOf(caller.personId, input.clientKey)
      const { data: earlier } = await db.collection<ErrandRecord>('errands').doc(id).get()
      if (earlier) return { id, number: earlier.number }

      const forId = input.forPersonId ?? caller.personId
      const proxy = forId !== caller.personId
      const person = await places.person(forId)
      if (!person?.groupId || !person.villageId || !person.townId) {
        if (proxy) throw notFound('这个村民')
        throw forbidden('只有村民可以申请办事')
      }
      const group = await places.group(person.groupId)
      if (!group) throw notFound('这个村民所在的小组')
      if (proxy && group.leaderId !== caller.personId) throw forbidden('只能为本组村民代办')
      if (proxy && !input.consent) throw invalidInput([{ path: 'data.consent', message: '代办要有村民本人同意：请选择在手机上确认，或当面同意' }])
      if (proxy && input.consent?.how === 'in_person' && !input.consent.note)
        throw invalidInput([{ path: 'data.consent.note', message: '请写明村民当面同意的情况（时间、在场的人）' }])
      if (!proxy && input.consent) throw invalidInput([{ path: 'data.consent', message: '为自己申请不需要填同意方式' }])
      await requireChatSource(db, places, caller, input.source)
      const entry = catalogItem(input.itemId)
      if (!entry) throw invalidInput([{ path: 'data.itemId', message: '没有这个事项' }])
      const village = await places.village(person.villageId)
      const settings = await settingsOf(db, person.villageId)
      const item = offered(entry, settings)
      if (!item.enabled) throw new AppError('CONFLICT', `本村暂未开放「${item.name}」，请联系村干部`)
      const adjustments = await loadCalendarAdjustments(db)
      const year = dayjs(at).tz(VILLAGE_TIME_ZONE).format('YYYY')
      const by = { id: caller.personId, name: caller.name }
      // Who is told: read before the transaction (the store refuses reads outside it while it runs).
      const handlers = group.leaderId ? [group.leaderId] : await villageCadres(db, person.villageId)

      return db.runTransaction(async (tx) => {
        const { data: again } = await tx.collection<ErrandRecord>('errands').doc(id).get()
        if (again) return { id, number: again.number }
        const counterId = `errands:${person.villageId}:${year}`
        const { data: counter } = await tx.collection<{ _id: string; n: number }>('counters').doc(counterId).get()
        const n = (counter?.n ?? 0) + 1
        await tx.collection('counters').doc(counterId).set({ n })
        const number = `${(village?.name ?? '').replace(/村$/, '')}${year}-${String(n).padStart(4, '0')}`
        const fields: ErrandFields = {
          number,
          clientKey: input.clientKey,
          townId: person.townId!,
          villageId: person.villageId!,
          groupId: group._id,
          groupName: group.name,
          forPersonId: forId,
          forName: person.name,
          filedById: caller.personId,
          filedByName: caller.name,
          proxy,
          consent: proxy ? { how: input.consent!.how, state: input.consent!.how === 'in_person' ? 'given' : 'pending', note: input.consent!.note ?? null } : null,
          itemId: item.id,
          itemName: item.name,
          days: item.days,
          materials: item.materials,
          handledBy: item.handledBy,
          inPerson: item.inPerson,
          note: input.note ?? null,
          photoIds: input.photoIds ?? [],
          contactTime: input.contactTime ?? null,
          visitAt: input.visitAt ? new Date(input.visitAt).toISOString() : null,
          state: 'submitted',
          returnedFrom: null,
          returnedAt: null,
          handedTo: null,
          submittedAt: at.toISOString(),
          acceptFrom: null,
          acceptedAt: null,
          doneAt: null,
          closedAt: null,
          dueAt: dueAtFor(at, item.days, adjustments).toISOString(),
          open: true,
          staffQueue: !group.leaderId,
          escalations: [],
          warned: false,
          callbackAsked: false,
          extension: null,
          rating: null,
          countedDone: false,
          steps: [step(proxy ? 'submitted_for' : 'submitted', at, by, input.note ?? null, input.photoIds ?? [])],
          nextCheckAt: null,
          source: input.source ?? null,
        }
        Object.assign(fields, derived(fields, adjustments, settings.townAfterDays))
        await tx.collection('errands').doc(id).set(fields)
        if (fields.photoIds.length) {
          await attachFiles(
            tx,
            caller,
            fields.photoIds,
            { kind: 'errand', id, villageId: fields.villageId, readers: photoReaders(fields, group.leaderId) },
            { field: 'photoIds', purposes: ['photo'], at },
          )
        }
        await tx
          .collection('errandSettings')
          .doc(person.villageId!)
          .set({ items: settings.items, townAfterDays: settings.townAfterDays, uses: { ...settings.uses, [item.id]: (settings.uses[item.id] ?? 0) + 1 } })
        await countFigures(tx, fields, village?.name ?? '', monthOf(at), { requests: 1 })
        const told = handlers.filter((handler) => handler !== caller.personId)
        if (told.length)
          await notify(
            tx,
            { people: told.slice(0, 50) },
            {
              kind: 'errand_new',
              title: `新的办事申请：${item.name}`,
              body: `${person.name}（${group.name}）申请「${item.name}」，${item.days} 个工作日内办好`,
              page: errandPage(id),
            },
            at,
          )
        if (proxy && fields.consent?.state === 'pending') {
          await notify(
            tx,
            { people: [forId] },
            { kind: 'errand_consent', title: `组长为您代办：${item.name}`, body: `${caller.name} 为您申请「${item.name}」，请确认是否同意`, page: errandPage(id) },
            at,
          )
        }
        await audit(tx, caller, {
          at,
          scope: { townId: fields.townId, villageId: fields.villageId, groupId: fields.groupId },
          subject: { kind: 'errand', id },
          action: 'errands.submit',
          summary: proxy ? `${caller.name} 为 ${person.name} 代办「${item.name}」（${number}）` : `${person.name} 申请「${item.name}」（${number}）`,
          before: null,
          after: { number, itemId: item.id, dueAt: fields.dueAt },
          note: fields.consent?.note ?? null,
        })
        return { id, number }
      })
    },
  },
}
