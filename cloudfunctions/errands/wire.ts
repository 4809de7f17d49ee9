/** Stored requests → what the contract answers. */
import type { ErrandDetail, ErrandSummary } from '../../types/functions/errands'
import type { ErrandRecord } from '../shared/errands/records'

export function toSummary(errand: ErrandRecord, now: Date): ErrandSummary {
  return {
    id: errand._id,
    number: errand.number,
    itemName: errand.itemName,
    state: errand.state,
    forPerson: { id: errand.forPersonId, name: errand.forName },
    groupName: errand.groupName,
    submittedAt: errand.submittedAt,
    dueAt: errand.dueAt,
    overdue: errand.open && errand.state !== 'returned' && now.getTime() > Date.parse(errand.dueAt),
    escalations: errand.escalations,
    proxy: errand.proxy,
  }
}

export function toDetail(errand: ErrandRecord, now: Date, next: ErrandDetail['next'], can: ErrandDetail['can']): ErrandDetail {
  return {
    ...toSummary(errand, now),
    item: { id: errand.itemId, name: errand.itemName, days: errand.days, materials: errand.materials, handledBy: errand.handledBy, inPerson: errand.inPerson },
    note: errand.note,
    photoIds: errand.photoIds,
    contactTime: errand.contactTime,
    visitAt: errand.visitAt,
    handedTo: errand.handedTo,
    filedBy: { id: errand.filedById, name: errand.filedByName },
    consent: errand.consent,
    extension: errand.extension ? { days: errand.extension.days, reason: errand.extension.reason, state: errand.extension.state } : null,
    rating: errand.rating ? { rating: errand.rating.rating, note: errand.rating.note, by: errand.rating.by } : null,
    steps: errand.steps,
    source: errand.source ?? null,
    next,
    can,
  }
}
