/** Stored cases and list entries → what the contract answers, by who is looking. */
import { CASE_TYPE_LABEL, type CaseDetail, type CaseSummary } from '../../types/functions/mediation'
import { confirmBy, daysLeft, mustEndBy, type Limits } from '../shared/domain/mediation/clock'
import { isHighRisk } from '../shared/domain/mediation/ladder'
import type { CaseRecord, EntryRecord } from '../shared/mediation/records'
import { dueAtOf, isOverdue } from '../shared/mediation/steps'

export type Viewer = CaseDetail['view']

export function entrySummary(entry: EntryRecord, view: Viewer): CaseSummary {
  const party = view === 'party'
  return {
    id: entry.caseId,
    number: entry.number,
    type: entry.type,
    level: entry.level,
    state: entry.state,
    groupName: entry.groupName,
    villageName: entry.villageName,
    openedAt: entry.openedAt,
    updatedAt: entry.updatedAt,
    partyNames: party ? [] : entry.partyNames,
    risks: party ? [] : entry.risks,
    highRisk: !party && isHighRisk(entry.risks),
    dueAt: entry.dueAt,
    overdue: entry.overdue,
    outcome: entry.outcome,
  }
}

export function caseSummary(found: CaseRecord, view: Viewer, limits: Limits): CaseSummary {
  const party = view === 'party'
  return {
    id: found._id,
    number: found.number,
    type: found.type,
    level: found.level,
    state: found.state,
    groupName: found.groupName,
    villageName: found.villageName,
    openedAt: found.openedAt,
    updatedAt: found.updatedAt,
    partyNames: party ? [] : found.parties.map((one) => one.name),
    risks: party ? [] : found.risks,
    highRisk: !party && isHighRisk(found.risks),
    dueAt: dueAtOf(found, limits),
    overdue: isOverdue(found),
    outcome: found.outcome,
  }
}

export function caseDetail(found: CaseRecord, view: Viewer, limits: Limits, now: Date, handlers: CaseDetail['handlers'], can: CaseDetail['can']): CaseDetail {
  const party = view === 'party'
  const agreement = found.agreement
  return {
    ...caseSummary(found, view, limits),
    view,
    typeLabel: CASE_TYPE_LABEL[found.type],
    description: found.description,
    // A party sees the other parties' names and roles; phone numbers are for the handlers.
    parties: found.parties.map((one) => ({ personId: one.personId, name: one.name, phone: party ? null : one.phone, role: one.role, groupName: one.groupName })),
    photoIds: party ? [] : found.photoIds,
    source: party ? null : found.source,
    openedBy: found.openedBy,
    handlers,
    levels: found.levels,
    levelSince: found.levelSince,
    signedAt: found.signedAt,
    signedBy: found.signedBy,
    firstContactAt: party ? null : found.firstContactAt,
    mustEndBy: mustEndBy(new Date(found.openedAt), found.extraDays).toISOString(),
    extensions: found.extensions,
    escalations: party ? found.escalations.map((step) => ({ ...step, reason: '' })) : found.escalations,
    informedAt: found.informedAt,
    log: party ? [] : found.log,
    agreement: agreement
      ? {
          form: agreement.form,
          terms: agreement.terms,
          performBy: agreement.performBy,
          recordedAt: agreement.recordedAt,
          recordedBy: agreement.recordedBy,
          effectiveAt: agreement.effectiveAt,
          documentFileId: agreement.documentFileId,
          signedFileId: agreement.signedFileId,
          confirmBy: agreement.confirmBy,
          confirmDaysLeft: agreement.effectiveAt ? daysLeft(confirmBy(new Date(agreement.effectiveAt)), now) : null,
        }
      : null,
    followUps: found.followUps.map((visit) => ({
      id: visit.id,
      dueAt: visit.dueAt,
      note: party ? null : visit.note,
      doneAt: visit.doneAt,
      result: visit.result,
      next: visit.next,
      resultNote: party ? null : visit.resultNote,
    })),
    closedAt: found.closedAt,
    closeNote: party ? null : found.closeNote,
    can,
  }
}
