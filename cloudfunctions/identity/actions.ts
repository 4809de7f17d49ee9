import { mayIssueCodeFor, policy } from '../../types/policy'
import { allowBy, allowOnPerson, placeOfPerson } from '../shared/records/village-access'
import { AppError, notFound } from '../shared/runtime/app-error'
import { defineFunction } from '../shared/runtime/define-function'
import type { BindingRecord, GrantRecord, InvitationRecord, PersonRecord } from '../shared/records/records'
import { audit, personActor } from '../shared/audit/audit'
import { INVITATION_VALID_DAYS, newInvitationCode } from './invitations'
import { officeActions } from './offices'

const DAY_MS = 24 * 60 * 60 * 1000

export const identityFunction = defineFunction('identity', {
  me: {
    allow: allowBy(policy.identity.me),
    run: async ({ caller }) => ({
      personId: caller.personId,
      name: caller.name,
      roles: caller.roles,
      grants: caller.grants,
      villageId: caller.villageId,
      groupId: caller.groupId,
      townId: caller.townId,
    }),
  },

  issueInvitation: {
    allow: allowOnPerson(policy.identity.issueInvitation, (input) => input.personId),
    run: async ({ db, places, caller, now }, { personId }) => {
      const person = await places.person(personId)
      if (!person) throw notFound('这个人')
      // A code signs in as the person, offices and all: it takes an equal or higher office to make one.
      const { data: held } = await db.collection<GrantRecord>('grants').where({ personId }).limit(100).get()
      if (
        !mayIssueCodeFor(
          caller,
          placeOfPerson(person),
          held.map((grant) => grant.role),
        )
      ) {
        throw new AppError('FORBIDDEN', `${person.name}担任职务，只有同级或更高职务的人才能给他发邀请码`)
      }
      // Older open codes of the person are voided with the new one, so only the latest code works.
      const { data: older } = await db.collection<InvitationRecord>('invitations').where({ personId, status: 'open' }).limit(100).get()
      let code = newInvitationCode()
      while ((await db.collection('invitations').where({ code, status: 'open' }).count()).total > 0) code = newInvitationCode()
      const expiresAt = new Date(now().getTime() + INVITATION_VALID_DAYS * DAY_MS).toISOString()
      await db.runTransaction(async (tx) => {
        const voided: string[] = []
        for (const invitation of older) {
          // Re-read inside the transaction: the person may have used it a moment ago.
          const { data: fresh } = await tx.collection<InvitationRecord>('invitations').doc(invitation._id).get()
          if (fresh?.status !== 'open') continue
          await tx.collection('invitations').doc(invitation._id).update({ status: 'void' })
          voided.push(invitation._id)
        }
        await tx.collection('invitations').add({ code, personId, issuedBy: caller.personId, expiresAt, usedAt: null, status: 'open' })
        await audit(tx, caller, {
          at: now(),
          scope: { townId: person.townId, villageId: person.villageId, groupId: person.groupId },
          subject: { kind: 'person', id: person._id },
          action: 'identity.issueInvitation',
          summary: `给${person.name}发了邀请码（${INVITATION_VALID_DAYS}天内有效）${voided.length ? `，之前的 ${voided.length} 个作废` : ''}`,
          before: voided.length ? { voided } : null,
          after: { personId, expiresAt },
        })
      })
      return { code, personId, expiresAt }
    },
  },

  bindInvitation: {
    anonymous: true,
    run: async ({ db, openId, now }, { code }) => {
      if (!openId) throw new AppError('UNAUTHENTICATED', '请在微信里打开村组通再输入邀请码')
      const { data: existing } = await db.collection<BindingRecord>('bindings').doc(openId).get()
      if (existing) throw new AppError('CONFLICT', '这个微信已经绑定过了')
      const { data: invitations } = await db.collection<InvitationRecord>('invitations').where({ code, status: 'open' }).limit(1).get()
      const invitation = invitations[0]
      if (!invitation || invitation.expiresAt < now().toISOString()) {
        throw new AppError('INVALID_INPUT', '邀请码不对或已过期，请找村干部重新要一个', [{ path: 'data.code', message: '邀请码不对或已过期' }])
      }
      const { total: alreadyBound } = await db.collection('bindings').where({ personId: invitation.personId }).count()
      if (alreadyBound > 0) throw new AppError('CONFLICT', '这个人已经绑定了别的微信，请找村干部处理')
      return db.runTransaction(async (tx) => {
        const { data: fresh } = await tx.collection<InvitationRecord>('invitations').doc(invitation._id).get()
        if (!fresh || fresh.status !== 'open') throw new AppError('CONFLICT', '邀请码已经用过了')
        const { data: person } = await tx.collection<PersonRecord>('people').doc(invitation.personId).get()
        if (!person) throw notFound('邀请码对应的人')
        const at = now().toISOString()
        await tx.collection('invitations').doc(invitation._id).update({ usedAt: at, status: 'used' })
        await tx.collection('bindings').add({ _id: openId, personId: person._id, boundAt: at })
        await audit(tx, personActor(person), {
          at: now(),
          scope: { townId: person.townId, villageId: person.villageId, groupId: person.groupId },
          subject: { kind: 'person', id: person._id },
          action: 'identity.bindInvitation',
          summary: `${person.name}用邀请码绑定了微信`,
          before: null,
          after: { personId: person._id, boundAt: at },
        })
        return { personId: person._id, name: person.name }
      })
    },
  },

  ...officeActions,
})
