/**
 * Import a village's roster from the published template (.xlsx or .csv) and export it back.
 * The preview writes nothing; the commit re-reads and re-checks the file, writes the whole plan in
 * one transaction only if every row is valid, then recomputes the village's Party groups.
 * An import file is the caller's own upload until the commit attaches it to the village (in the
 * same transaction); exports are recorded as the village's, readable by its own staff only.
 */
import { MAX_REPORTED_ERRORS, parseRosterTable, planVillageImport, ROSTER_COLUMNS, rosterRows, type RowError } from '../shared/domain/roster-import'
import { ROLE_LABEL } from '../../types/identity'
import { mayConfirmRemovals, policy } from '../../types/policy'
import type { Database, Transaction } from '../shared/db/port'
import { attachFiles, recordMadeFile, requireAttachable, type FileSubject } from '../shared/files'
import type { FileStorage } from '../shared/storage/port'
import { recomputeVillage } from '../shared/party-groups/recompute-village'
import { applyCouncilFollow, followSummary, planCouncilFollow } from '../shared/councils/follow-roster'
import { audit } from '../shared/audit/audit'
import { readAll } from '../shared/records/read-all'
import type { GrantRecord, GroupRecord, HouseholdRecord, InvitationRecord, OverrideDoc, PersonRecord, VillageRecord } from '../shared/records/records'
import { importImpact } from '../shared/party-groups/import-impact'
import { allowBy, allowOnVillage, requireVillage } from '../shared/records/village-access'
import { readTable, RosterFileError, templateWorkbook, writeWorkbook } from '../shared/roster-files'
import { AppError } from '../shared/runtime/app-error'
import type { Caller } from '../shared/runtime/caller'
import type { ActionTable } from '../shared/runtime/define-function'

const TEMPLATE_NAME = '村民花名册导入模板.xlsx'

async function existingRoster(db: Database, villageId: string) {
  const [groups, households, people] = await Promise.all([
    readAll<GroupRecord>(db, 'groups', { villageId }),
    readAll<HouseholdRecord>(db, 'households', { villageId }),
    readAll<PersonRecord>(db, 'people', { villageId }),
  ])
  return { groups, households, people }
}

async function readUpload(storage: FileStorage, fileId: string) {
  let bytes: Buffer
  try {
    bytes = await storage.get(fileId)
  } catch {
    throw new AppError('INVALID_INPUT', '没有找到上传的文件，请重新选择', [{ path: 'data.fileId', message: '文件不存在或已过期' }])
  }
  try {
    // Only the template's columns are read: a stray cell far to the right costs nothing.
    return await readTable(bytes, fileId, { columns: ROSTER_COLUMNS })
  } catch (error) {
    if (error instanceof RosterFileError) throw new AppError('INVALID_INPUT', error.message, [{ path: 'data.fileId', message: error.message }])
    throw error
  }
}

async function planFor(db: Database, storage: FileStorage, village: VillageRecord, fileId: string) {
  const table = await readUpload(storage, fileId)
  const parsed = parseRosterTable(table.header, table.rows)
  if (!parsed.ok) return { errors: parsed.errors, errorCount: parsed.errorCount, plan: null, existing: null }
  const existing = await existingRoster(db, village._id)
  // A new villager gets a fresh random id (planVillageImport's default): a removed person's id (and
  // their live token or unused code) must never come to mean the next person added to the household.
  const plan = planVillageImport({ id: village._id, townId: village.townId, name: village.name }, parsed.roster, existing)
  return { errors: [] as RowError[], errorCount: 0, plan, existing }
}

const importSubject = (villageId: string): FileSubject => ({ kind: 'rosterImport', id: villageId, villageId })
const exportSubject = (villageId: string): FileSubject => ({ kind: 'rosterExport', id: villageId, villageId })
const IMPORT_FILES = { purposes: ['import'] as const }

/** The caller's own import upload, or one already imported into this village; checked before any byte is read. */
async function requireImportFile(db: Database, caller: Caller, villageId: string, fileId: string, at: Date) {
  await requireAttachable(db, caller, fileId, importSubject(villageId), { ...IMPORT_FILES, at })
}

async function saveWorkbook(storage: FileStorage, name: string, bytes: Buffer) {
  const { fileId } = await storage.put(name, bytes)
  return { file: { fileId, fileName: name }, size: bytes.length }
}

/** Records a workbook a function made as the caller's, inside a transaction. */
function recordWorkbook(
  tx: Transaction,
  caller: Caller,
  at: Date,
  saved: Awaited<ReturnType<typeof saveWorkbook>>,
  purpose: 'export' | 'template',
  attachedTo: FileSubject | null,
) {
  return recordMadeFile(tx, { fileId: saved.file.fileId, ownerId: caller.personId, purpose, name: saved.file.fileName, size: saved.size, at, attachedTo })
}

export const rosterFileActions: Pick<ActionTable<'roster'>, 'importTemplate' | 'importPreview' | 'importCommit' | 'export'> = {
  importTemplate: {
    allow: allowBy(policy.roster.importTemplate),
    // No personal data: the template stays its maker's and expires like an unattached upload.
    run: async ({ db, storage, caller, now }) => {
      const saved = await saveWorkbook(storage, TEMPLATE_NAME, await templateWorkbook())
      await db.runTransaction((tx) => recordWorkbook(tx, caller, now(), saved, 'template', null))
      return saved.file
    },
  },

  importPreview: {
    allow: allowOnVillage(policy.roster.importPreview, (input) => input.villageId),
    run: async ({ db, places, storage, caller, now }, { villageId, fileId }) => {
      const village = await requireVillage(places, villageId)
      await requireImportFile(db, caller, villageId, fileId, now())
      const { errors, errorCount, plan, existing } = await planFor(db, storage, village, fileId)
      if (!plan || !existing) return { valid: false, errors, errorCount, summary: null, impact: null, people: null, neighbours: [] }
      const overrides = await readAll<OverrideDoc>(db, 'partyGroupOverrides', { villageId })
      const { impact, people, neighbours } = importImpact(
        village,
        plan,
        existing,
        overrides.map((doc) => doc.override),
      )
      return { valid: errorCount === 0, errors, errorCount, summary: plan.summary, impact, people, neighbours }
    },
  },

  importCommit: {
    allow: allowOnVillage(policy.roster.importCommit, (input) => input.villageId),
    run: async ({ db, places, storage, caller, now }, { villageId, fileId, allowRemovals }) => {
      const village = await requireVillage(places, villageId)
      const at = now()
      await requireImportFile(db, caller, villageId, fileId, at)
      const { errors, errorCount, plan, existing } = await planFor(db, storage, village, fileId)
      // People who leave the village lose their WeChat binding and their open codes with them.
      const leaving = plan?.remove.people ?? []
      const [bindings, grants, codes] = leaving.length
        ? await Promise.all([
            readAll(db, 'bindings', { personId: db.command.in(leaving) }),
            readAll<GrantRecord>(db, 'grants', { personId: db.command.in(leaving) }),
            readAll<InvitationRecord>(db, 'invitations', { personId: db.command.in(leaving), status: 'open' }),
          ])
        : [[], [], []]
      if (grants.length > 0) {
        // An office is granted and revoked by someone above it (identity.grant / revoke), never
        // dropped by a spreadsheet: an import cannot remove an office holder.
        const people = new Map((existing?.people ?? []).map((person) => [person._id, person]))
        const named = [...new Set(grants.map((grant) => grant.personId))].map((personId) => {
          const person = people.get(personId)
          const offices = grants.filter((grant) => grant.personId === personId).map((grant) => ROLE_LABEL[grant.role])
          return { personId, text: `户号 ${person?.householdNo ?? '无'} ${person?.name ?? personId}（${offices.join('、')}）` }
        })
        throw new AppError(
          'CONFLICT',
          `文件里少了 ${named.length} 位担任职务的人，导入不能移出他们：请把他们留在文件里，或先在“职务管理”里由上级撤销职务`,
          named.map(({ personId, text }) => ({ path: `removed.${personId}`, message: `${text}：担任职务，不能通过导入移出` })),
        )
      }
      if (plan && plan.summary.removed > 0 && !allowRemovals) {
        // A file missing half the village would silently empty it: removals need a second yes.
        throw new AppError('CONFLICT', `这份文件会把 ${plan.summary.removed} 人移出本村名册，请确认后再导入`, [
          { path: 'data.allowRemovals', message: `确认移出 ${plan.summary.removed} 人` },
        ])
      }
      if (plan && plan.summary.removed > 0 && !mayConfirmRemovals(caller, { townId: village.townId, villageId })) {
        throw new AppError('FORBIDDEN', `这份文件会把 ${plan.summary.removed} 人移出本村名册，只有村党组织书记或管理员能确认移出`)
      }
      if (!plan) {
        throw new AppError(
          'INVALID_INPUT',
          errorCount > errors.length
            ? `文件里有 ${errorCount} 处问题，没有导入任何内容（下面列出前 ${MAX_REPORTED_ERRORS} 处）`
            : `文件里有 ${errorCount} 处问题，没有导入任何内容`,
          errors.map((error) => ({ path: `row.${error.row}`, message: error.message })),
        )
      }
      const changed = (ids: string[]) => new Set(ids)
      const [groups, households, people] = [changed(plan.changed.groups), changed(plan.changed.households), changed(plan.changed.people)]
      // Councils follow: new group leaders chair, and members who moved group or left the village leave.
      const follows = await planCouncilFollow(db, villageId, {
        leaders: new Map([
          ...plan.groups.filter((group) => groups.has(group._id)).map((group) => [group._id, group.leaderId] as const),
          ...plan.remove.groups.map((id) => [id, null] as const),
        ]),
        people: new Map([
          ...plan.people.filter((person) => people.has(person._id)).map((person) => [person._id, { groupId: person.groupId, villageId: person.villageId }] as const),
          ...plan.remove.people.map((id) => [id, null] as const),
        ]),
      })
      await db.runTransaction(async (tx) => {
        // Checked again here: the file becomes the village's together with the import, or neither happens.
        await attachFiles(tx, caller, fileId, importSubject(villageId), { ...IMPORT_FILES, at })
        for (const doc of plan.groups.filter((group) => groups.has(group._id))) await tx.collection('groups').doc(doc._id).set(doc)
        for (const doc of plan.households.filter((household) => households.has(household._id))) await tx.collection('households').doc(doc._id).set(doc)
        for (const doc of plan.people.filter((person) => people.has(person._id))) await tx.collection('people').doc(doc._id).set(doc)
        for (const id of plan.remove.people) await tx.collection('people').doc(id).remove()
        for (const id of plan.remove.households) await tx.collection('households').doc(id).remove()
        for (const id of plan.remove.groups) await tx.collection('groups').doc(id).remove()
        for (const doc of bindings) await tx.collection('bindings').doc(doc._id).remove()
        for (const doc of codes) await tx.collection('invitations').doc(doc._id).update({ status: 'void' })
        await applyCouncilFollow(tx, follows, at)
        await audit(tx, caller, {
          at,
          scope: { townId: village.townId, villageId },
          subject: { kind: 'village', id: villageId },
          action: 'roster.importCommit',
          summary: `导入花名册：新增 ${plan.summary.added} 人，修改 ${plan.summary.updated} 人，移出 ${plan.summary.removed} 人`,
          before: { removed: plan.remove, updated: plan.changed, voidedCodes: codes.map((doc) => doc._id), unbound: bindings.length },
          after: { ...plan.summary, councils: followSummary(follows) },
        })
      })
      const { state } = await recomputeVillage(db, villageId, at)
      return { summary: plan.summary, partyGroups: state.stats }
    },
  },

  export: {
    // The file carries full phone numbers and birth dates: only the village's own staff (and an
    // admin) may take it, and every export is written to the ledger.
    allow: allowOnVillage(policy.roster.export, (input) => input.villageId),
    run: async ({ db, places, storage, caller, now }, { villageId }) => {
      const village = await requireVillage(places, villageId)
      const roster = await existingRoster(db, villageId)
      const rows = rosterRows(roster.groups, roster.households, roster.people)
      const saved = await saveWorkbook(storage, `${village.name}花名册.xlsx`, await writeWorkbook(`${village.name}花名册`, rows))
      const at = now()
      await db.runTransaction(async (tx) => {
        await recordWorkbook(tx, caller, at, saved, 'export', exportSubject(villageId))
        await audit(tx, caller, {
          at,
          scope: { townId: village.townId, villageId },
          subject: { kind: 'village', id: villageId },
          action: 'roster.export',
          summary: `导出花名册（${rows.length - 1} 人，含完整手机号）`,
          before: null,
          after: { fileName: saved.file.fileName },
        })
      })
      return saved.file
    },
  },
}
