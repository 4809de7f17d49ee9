/**
 * The agreement: recorded by a handler while mediating, written or oral. The app gets a .docx to
 * print and sign; a written agreement takes effect when the photo of the signed paper is attached
 * (with it now, or later by `attachSigned`), an oral one when recorded. From then the parties have
 * 30 days to ask a court together to confirm it (司法确认), shown as a countdown.
 */
import dayjs from 'dayjs'
import { CASE_TYPE_LABEL } from '../../types/functions/mediation'
import { policy } from '../../types/policy'
import { VILLAGE_TIME_ZONE } from '../shared/domain/clock'
import { confirmBy } from '../shared/domain/mediation/clock'
import * as ladder from '../shared/domain/mediation/ladder'
import { recordMadeFile, requireAttachable } from '../shared/files'
import { allowOnCase } from '../shared/mediation/access'
import type { Agreement } from '../shared/mediation/records'
import { ladderFacts, logEntry } from '../shared/mediation/steps'
import { AppError } from '../shared/runtime/app-error'
import type { ActionTable } from '../shared/runtime/define-function'
import { agreementDocument, agreementFileName } from './agreement-doc'
import { caseFileSubject, commitCase, type CasePlan } from './commit'
import { decided, parties, prepare } from './steps'

const SIGNED_PURPOSES = ['photo', 'document'] as const

function effectiveFields(at: Date) {
  return { effectiveAt: at.toISOString(), confirmBy: confirmBy(at).toISOString() }
}

export const agreementActions: Pick<ActionTable<'mediation'>, 'recordAgreement' | 'attachSigned'> = {
  recordAgreement: {
    allow: allowOnCase(policy.mediation.recordAgreement, (input) => input.caseId),
    run: async ({ db, places, storage, caller, now }, input) => {
      const at = now()
      const prepared = await prepare(db, places, caller, at, input.caseId)
      if (!prepared.by) throw new AppError('FORBIDDEN', '这一步由调解人办理')
      const found = prepared.found
      decided(ladder.recordAgreement(ladderFacts(found), prepared.by))
      if (input.signedFileId && input.form === 'oral') throw new AppError('INVALID_INPUT', '口头协议不需要签字件', [{ path: 'data.signedFileId', message: '口头协议不需要签字件' }])
      if (input.signedFileId) await requireAttachable(db, caller, input.signedFileId, caseFileSubject(found, found._id), { purposes: SIGNED_PURPOSES, at, field: 'signedFileId' })
      const terms =
        typeof input.terms === 'string'
          ? {
              facts: found.description,
              dispute: CASE_TYPE_LABEL[found.type],
              obligations: [{ party: '双方当事人', duty: input.terms, how: null, where: null, by: input.performBy }],
            }
          : {
              facts: input.terms.facts,
              dispute: input.terms.dispute,
              obligations: input.terms.obligations.map((duty) => ({ party: duty.party, duty: duty.duty, how: duty.how ?? null, where: duty.where ?? null, by: duty.by ?? null })),
            }
      const sheet = {
        number: found.number,
        villageName: found.villageName,
        groupName: found.groupName,
        typeLabel: CASE_TYPE_LABEL[found.type],
        parties: found.parties,
        agreement: { form: input.form, terms, performBy: input.performBy, recordedAt: at.toISOString() },
        mediatorName: caller.name,
        dateText: dayjs(at).tz(VILLAGE_TIME_ZONE).format('YYYY年M月D日'),
      }
      // Made before the transaction (storage is not transactional); recorded as the case's inside it.
      const bytes = await agreementDocument(sheet)
      const name = agreementFileName(sheet)
      const { fileId } = await storage.put(name, bytes)
      const takesEffect = input.form === 'oral' || Boolean(input.signedFileId)
      const done = await commitCase(prepared.context, found._id, (current): CasePlan => {
        const move = decided(ladder.recordAgreement(ladderFacts(current), prepared.by!))
        const agreement: Agreement = {
          ...sheet.agreement,
          recordedBy: { id: caller.personId, name: caller.name },
          documentFileId: fileId,
          signedFileId: input.signedFileId ?? null,
          effectiveAt: null,
          confirmBy: null,
          confirmReminded: false,
          ...(takesEffect ? effectiveFields(at) : {}),
        }
        return {
          update: {
            state: move.state,
            agreement,
            log: [
              ...current.log,
              logEntry(
                `l${current.log.length + 1}`,
                'agreed',
                at,
                { id: caller.personId, name: caller.name },
                { note: input.form === 'written' ? '达成书面调解协议' : '达成口头调解协议' },
              ),
            ],
          },
          action: 'mediation.recordAgreement',
          summary: `${caller.name} 记录调解协议（${current.number}，${input.form === 'written' ? '书面' : '口头'}）`,
          attach: input.signedFileId ? { ids: [input.signedFileId], field: 'signedFileId', purposes: [...SIGNED_PURPOSES] } : undefined,
          alsoWrite: (tx) =>
            recordMadeFile(tx, { fileId, ownerId: caller.personId, purpose: 'export', name, size: bytes.length, at, attachedTo: caseFileSubject(current, current._id) }),
          tell: [
            {
              people: parties(current),
              title: '您的纠纷已达成调解协议',
              body: takesEffect
                ? `请按协议在 ${input.performBy} 前履行；双方可在 30 日内共同向法院申请司法确认（${current.number}）`
                : `请到调解员处签字，签字后协议生效（${current.number}）`,
            },
          ],
        }
      })
      return { documentFileId: fileId, state: done!.state, effectiveAt: done!.agreement!.effectiveAt, confirmBy: done!.agreement!.confirmBy }
    },
  },

  attachSigned: {
    allow: allowOnCase(policy.mediation.attachSigned, (input) => input.caseId),
    run: async ({ db, places, caller, now }, input) => {
      const at = now()
      const prepared = await prepare(db, places, caller, at, input.caseId)
      if (!prepared.by) throw new AppError('FORBIDDEN', '这一步由调解人办理')
      await requireAttachable(db, caller, input.fileId, caseFileSubject(prepared.found, prepared.found._id), { purposes: SIGNED_PURPOSES, at, field: 'fileId' })
      const done = await commitCase(prepared.context, input.caseId, (found): CasePlan => {
        const agreement = found.agreement
        if (!agreement) throw new AppError('CONFLICT', '还没有记录调解协议')
        if (agreement.form === 'oral') throw new AppError('CONFLICT', '口头协议不需要签字件')
        if (agreement.effectiveAt) throw new AppError('CONFLICT', '签字件已经上传，协议已生效')
        return {
          update: {
            agreement: { ...agreement, signedFileId: input.fileId, ...effectiveFields(at) },
            log: [...found.log, logEntry(`l${found.log.length + 1}`, 'signed_agreement', at, { id: caller.personId, name: caller.name }, { note: '上传签字的协议书，协议生效' })],
          },
          action: 'mediation.attachSigned',
          summary: `${caller.name} 上传签字的调解协议书（${found.number}）`,
          attach: { ids: [input.fileId], field: 'fileId', purposes: [...SIGNED_PURPOSES] },
          tell: [{ people: parties(found), title: '调解协议已生效', body: `双方可在 30 日内共同向法院申请司法确认（${found.number}）` }],
        }
      })
      return { effectiveAt: done!.agreement!.effectiveAt!, confirmBy: done!.agreement!.confirmBy! }
    },
  },
}
