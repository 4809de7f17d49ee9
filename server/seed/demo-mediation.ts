/**
 * The demo town's mediation cases (老娘舅), so a new user sees something on every mediation screen:
 * about twenty cases over the last months in 合兴村, 新安村 and 长桥村, of every type and state — a
 * villager's request waiting for 合兴村 2组's leader to sign for it, cases being mediated in a group,
 * a 越级上访 threat at the village and another taken on to the town, a violent quarrel the police
 * liaison follows, one the clock moved up when nobody signed for it, one overdue at the town, a
 * written agreement in force with its confirmation countdown, an oral one whose follow-up visit is
 * due, a written one waiting for signatures, and closed ones resolved, failed, referred and
 * withdrawn. Played by server/seed/mediation-history.ts, so lists, counters and figures agree with
 * what the function would have written. The demo's personas are never parties. With a file store,
 * each agreement's .docx is made as `recordAgreement` makes it (cloudfunctions/mediation/agreement-doc.ts).
 */
import dayjs from 'dayjs'
import { CASE_TYPE_LABEL } from '../../types/functions/mediation'
import { agreementDocument, agreementFileName } from '../../cloudfunctions/mediation/agreement-doc'
import { caseFileSubject } from '../../cloudfunctions/mediation/commit'
import type { NewDoc } from '../../cloudfunctions/shared/db/port'
import { VILLAGE_TIME_ZONE } from '../../cloudfunctions/shared/domain/clock'
import type { FileRecord } from '../../cloudfunctions/shared/files/records'
import type { FileStorage } from '../../cloudfunctions/shared/storage/port'
import type { GeneratedVillage } from './generate-village'
import { MediationTally, mediationHistory, randomScript, type CaseScript, type Step, type VillageMediation } from './mediation-history'
import { SeededRandom } from './random'

const HOUR = 3_600_000
const DAY = 24 * HOUR

export interface DemoOffices {
  townOfficers: Array<{ id: string; name: string }>
  police: string[]
  /** The personas: never made parties (tests look at their screens). */
  personas: ReadonlySet<string>
}

type Script = Omit<CaseScript, 'openedAt' | 'groupId' | 'villagers' | 'outsider'> & { group: number; ago: number; villagers?: number; outsider?: boolean }

const INFORMED: Step = { at: 0, do: 'log', kind: 'informed', note: '告知调解的性质、原则和效力，双方同意调解' }
const at = (hours: number, step: Omit<Step, 'at'> | Step): Step => ({ ...step, at: hours * HOUR }) as Step

/** Per village (合兴村, 新安村, 长桥村): the cases, `ago` in days before now, steps in hours after intake. */
const SCRIPTS: Script[][] = [
  [
    // 2组: a villager's request, 3 hours old, waiting for 朱美萍 to sign for it.
    { group: 2, ago: 0.125, type: 'neighbours', openedBy: 'villager', risks: [], steps: [] },
    // 3组: being mediated at the group.
    {
      group: 3,
      ago: 4,
      type: 'family',
      openedBy: 'leader',
      risks: ['vulnerable'],
      steps: [
        at(1, INFORMED),
        at(2, { do: 'log', kind: 'contact', note: '上门看望老人，分别找兄弟两家谈' }),
        at(50, { do: 'log', kind: 'session', place: '组长家', outcome: '双方各退一步，费用分担还在商量' }),
      ],
    },
    // 5组: 越级上访 threatened over a grid project: straight to the village, the secretary took it on.
    {
      group: 5,
      ago: 2,
      type: 'project',
      openedBy: 'leader',
      risks: ['petition'],
      villagers: 1,
      outsider: true,
      steps: [
        at(3, { do: 'sign' }),
        at(4, INFORMED),
        at(5, { do: 'log', kind: 'contact', note: '到现场查看占地情况，联系施工方' }),
        at(26, { do: 'log', kind: 'session', place: '村委会调解室', outcome: '施工方同意重新丈量，补偿标准待定' }),
      ],
    },
    // 7组: a written agreement in force, its 30 days for judicial confirmation counting down; a visit booked.
    {
      group: 7,
      ago: 16,
      type: 'land',
      openedBy: 'leader',
      risks: [],
      steps: [
        at(1, INFORMED),
        at(2, { do: 'log', kind: 'contact', note: '到田头看界桩' }),
        at(75, { do: 'log', kind: 'session', place: '田头', outcome: '按二轮承包合同重新定界，双方同意' }),
        at(77, { do: 'agree', form: 'written', signed: false }),
        at(96, { do: 'attachSigned' }),
        at(97, { do: 'schedule', dueIn: 20 * DAY }),
      ],
    },
    // 8组: an oral agreement whose follow-up visit is due.
    {
      group: 8,
      ago: 25,
      type: 'neighbours',
      openedBy: 'leader',
      risks: [],
      steps: [
        at(1, INFORMED),
        at(3, { do: 'log', kind: 'contact', note: '上门了解情况' }),
        at(70, { do: 'log', kind: 'session', place: '组长家', outcome: '双方同意恢复排水沟' }),
        at(71, { do: 'agree', form: 'oral', signed: false }),
        at(72, { do: 'schedule', dueIn: 20 * DAY }),
      ],
    },
    // 10组: nobody signed for a villager's request; after 7 days the clock sent it to the village.
    {
      group: 10,
      ago: 10,
      type: 'other',
      openedBy: 'villager',
      risks: [],
      steps: [at(8 * 24, INFORMED), at(8 * 24 + 2, { do: 'log', kind: 'contact', note: '村里电话联系双方，约时间调解' })],
    },
    // Closed: resolved with a written agreement and a visit that found it performed.
    {
      group: 1,
      ago: 62,
      type: 'neighbours',
      openedBy: 'leader',
      risks: [],
      steps: [
        at(1, INFORMED),
        at(2, { do: 'log', kind: 'contact', note: '上门了解情况' }),
        at(49, { do: 'log', kind: 'session', place: '组长家', outcome: '双方达成一致' }),
        at(50, { do: 'agree', form: 'written', signed: true }),
        at(51, { do: 'schedule', dueIn: 14 * DAY }),
        at(120, { do: 'close', outcome: 'resolved', note: '协议已履行' }),
        at(15 * 24, { do: 'followUp', result: 'performed', next: null, note: '墙面已修好，双方满意' }),
      ],
    },
    // Closed: resolved orally.
    {
      group: 4,
      ago: 95,
      type: 'other',
      openedBy: 'leader',
      risks: [],
      steps: [
        at(0.5, INFORMED),
        at(1, { do: 'log', kind: 'contact', note: '当场劝说' }),
        at(24, { do: 'log', kind: 'session', place: '当事人家门口', outcome: '当面道歉' }),
        at(24.5, { do: 'agree', form: 'oral', signed: false }),
        at(26, { do: 'close', outcome: 'resolved', note: '当面道歉，邻里和好' }),
      ],
    },
    // Closed: failed.
    {
      group: 6,
      ago: 120,
      type: 'family',
      openedBy: 'leader',
      risks: [],
      steps: [
        at(1, INFORMED),
        at(2, { do: 'log', kind: 'contact', note: '分别找兄妹谈' }),
        at(72, { do: 'log', kind: 'session', place: '村委会调解室', outcome: '折价款差距太大' }),
        at(170, { do: 'log', kind: 'session', place: '村委会调解室', outcome: '仍未谈拢' }),
        at(172, { do: 'close', outcome: 'failed', note: '双方各执己见，调解不成，已告知可以向人民法院起诉' }),
      ],
    },
    // Closed: agreed, not performed at the visit, the parties told they may go to court.
    {
      group: 11,
      ago: 78,
      type: 'labour',
      openedBy: 'leader',
      risks: [],
      villagers: 1,
      outsider: true,
      steps: [
        at(1, INFORMED),
        at(3, { do: 'log', kind: 'contact', note: '联系包工头' }),
        at(50, { do: 'log', kind: 'session', place: '村委会调解室', outcome: '包工头同意分两次付清' }),
        at(51, { do: 'agree', form: 'written', signed: true }),
        at(52, { do: 'schedule', dueIn: 30 * DAY }),
        at(31 * 24, { do: 'followUp', result: 'not_performed', next: 'court', note: '第一笔工钱到期未付' }),
      ],
    },
  ],
  [
    // 4组: land taken for a road, many families, 越级上访 threatened: the village took it on to the town.
    {
      group: 4,
      ago: 12,
      type: 'land',
      openedBy: 'leader',
      risks: ['petition', 'mass'],
      villagers: 3,
      steps: [
        at(2, { do: 'sign' }),
        at(3, INFORMED),
        at(4, { do: 'log', kind: 'contact', note: '召集涉及的农户开会' }),
        at(50, { do: 'log', kind: 'session', place: '村委会调解室', outcome: '补偿标准村里无权决定' }),
        at(5 * 24, { do: 'escalate', reason: '涉及镇里的征地补偿标准，村里无权决定' }),
        at(5 * 24 + 3, { do: 'sign' }),
        at(5 * 24 + 5, { do: 'log', kind: 'contact', note: '镇里约双方到镇司法所面谈' }),
      ],
    },
    // 7组: taken to the town and stuck there past the town's limit (overdue; the 30-day norm comes in a
    // few days: tests count the norm's cases on the dashboard from none).
    {
      group: 7,
      ago: 24,
      type: 'neighbours',
      openedBy: 'leader',
      risks: [],
      steps: [
        at(1, INFORMED),
        at(2, { do: 'log', kind: 'contact', note: '上门了解情况' }),
        at(24, { do: 'escalate', reason: '组里调解不成，请村里出面' }),
        at(30, { do: 'sign' }),
        at(32, { do: 'log', kind: 'contact', note: '村里找双方谈' }),
        at(72, { do: 'escalate', reason: '涉及翻建审批，需要镇里协调' }),
        at(84, { do: 'sign' }),
        at(10 * 24, { do: 'log', kind: 'session', place: '镇司法所', outcome: '双方仍有分歧' }),
      ],
    },
    // Closed: referred to labour arbitration.
    {
      group: 2,
      ago: 45,
      type: 'labour',
      openedBy: 'villager',
      risks: [],
      villagers: 1,
      outsider: true,
      steps: [
        at(3, { do: 'sign' }),
        at(4, INFORMED),
        at(6, { do: 'log', kind: 'contact', note: '联系建筑队' }),
        at(30, { do: 'close', outcome: 'referred', note: '引导申请劳动仲裁' }),
      ],
    },
    // Closed: resolved at the town.
    {
      group: 9,
      ago: 90,
      type: 'project',
      openedBy: 'leader',
      risks: [],
      villagers: 1,
      outsider: true,
      steps: [
        at(1, INFORMED),
        at(2, { do: 'log', kind: 'contact', note: '联系项目部' }),
        at(48, { do: 'escalate', reason: '项目部不在村里，需要镇里协调' }),
        at(52, { do: 'sign' }),
        at(100, { do: 'escalate', reason: '需要镇交通办出面' }),
        at(110, { do: 'sign' }),
        at(112, { do: 'log', kind: 'contact', note: '镇里约项目部' }),
        at(8 * 24, { do: 'log', kind: 'session', place: '镇司法所', outcome: '项目部同意重建围墙' }),
        at(8 * 24 + 1, { do: 'agree', form: 'written', signed: true }),
        at(20 * 24, { do: 'close', outcome: 'resolved', note: '围墙已重建' }),
      ],
    },
  ],
  [
    // 2组: a violent quarrel: at the village, the police liaison follows it.
    {
      group: 2,
      ago: 6,
      type: 'neighbours',
      openedBy: 'leader',
      risks: ['violence'],
      steps: [
        at(1, { do: 'sign' }),
        at(1.5, INFORMED),
        at(2, { do: 'log', kind: 'contact', note: '分开双方，约民警一起上门' }),
        at(30, { do: 'log', kind: 'session', place: '村委会调解室', outcome: '双方情绪平复，赔偿数额待定' }),
      ],
    },
    // 6组: a written agreement waiting for the parties' signatures.
    {
      group: 6,
      ago: 5,
      type: 'family',
      openedBy: 'leader',
      risks: [],
      steps: [
        at(1, INFORMED),
        at(2, { do: 'log', kind: 'contact', note: '分别找兄弟两家谈' }),
        at(70, { do: 'log', kind: 'session', place: '组长家', outcome: '赡养费分担达成一致' }),
        at(71, { do: 'agree', form: 'written', signed: false }),
      ],
    },
    // Closed: withdrawn.
    {
      group: 5,
      ago: 150,
      type: 'other',
      openedBy: 'villager',
      risks: [],
      steps: [at(5, { do: 'sign' }), at(30, { do: 'close', outcome: 'withdrawn', note: '双方自行和解，申请人撤回' })],
    },
    // Closed: resolved, reopened when the visit found it not performed, resolved again.
    {
      group: 3,
      ago: 110,
      type: 'land',
      openedBy: 'leader',
      risks: [],
      steps: [
        at(1, INFORMED),
        at(2, { do: 'log', kind: 'contact', note: '到田头查看' }),
        at(48, { do: 'log', kind: 'session', place: '田头', outcome: '同意付清流转费' }),
        at(49, { do: 'agree', form: 'oral', signed: false }),
        at(50, { do: 'schedule', dueIn: 30 * DAY }),
        at(72, { do: 'close', outcome: 'resolved', note: '双方同意' }),
        at(31 * 24, { do: 'followUp', result: 'not_performed', next: 'reopen', note: '流转费没有付' }),
        at(33 * 24, { do: 'log', kind: 'session', place: '村委会调解室', outcome: '承包户当场付清一半' }),
        at(33 * 24 + 1, { do: 'agree', form: 'oral', signed: false }),
        at(40 * 24, { do: 'close', outcome: 'resolved', note: '流转费已付清' }),
      ],
    },
  ],
]

export interface DemoMediation {
  docs: Record<string, NewDoc[]>
  cases: number
  open: number
}

/** The demo town's cases, their lists, counters and figures; documents for agreements when `storage` is given. */
export async function demoMediation(villages: GeneratedVillage[], offices: DemoOffices, now: Date, storage?: FileStorage): Promise<DemoMediation> {
  const tally = new MediationTally()
  const docs: Record<string, NewDoc[]> = { mediationCases: [], mediationEntries: [], counters: [], files: [] }
  let open = 0
  for (const [index, village] of villages.entries()) {
    const random = new SeededRandom(1100 + index)
    const groupOf = (number: number) => village.groups.find((group) => group.number === number)!._id as string
    const scripts: CaseScript[] = (SCRIPTS[index] ?? []).map(({ group, ago, villagers, outsider, ...script }) => ({
      ...script,
      groupId: groupOf(group),
      openedAt: now.getTime() - ago * DAY,
      villagers: villagers ?? 2,
      outsider: outsider ?? false,
    }))
    // And a few more closed ones over the half year before, as any village has.
    for (let n = 0; n < 3; n += 1) {
      const group = village.groups[random.int(0, village.groups.length - 1)]._id as string
      scripts.push(randomScript(random, group, now.getTime() - random.int(45, 180) * DAY - random.int(0, 8 * 60) * 60_000))
    }
    const staff = village.people.find((person) => person._id === village.staffId)
    const secretary = village.people.find((person) => person._id === village.secretaryId)
    const history = mediationHistory(
      {
        townId: village.village.townId as string,
        villageId: village.village._id as string,
        villageName: village.village.name as string,
        groups: village.groups.map((group) => ({ _id: group._id as string, name: group.name as string, leaderId: (group.leaderId as string | null) ?? null })),
        people: village.people.map((person) => ({
          _id: person._id as string,
          name: person.name as string,
          groupId: (person.groupId as string | null) ?? null,
          phone: (person.phone as string | null) ?? null,
        })),
        cadres: [
          { id: village.secretaryId, name: (secretary?.name as string | undefined) ?? '村书记' },
          { id: village.staffId, name: (staff?.name as string | undefined) ?? '村干部' },
        ],
        townOfficers: offices.townOfficers,
        police: offices.police,
        notParties: offices.personas,
      },
      scripts,
      { now, seed: 1200 + index },
    )
    if (storage) docs.files.push(...(await agreementFiles(history, storage)))
    tally.add(history)
    docs.mediationCases.push(...history.cases)
    docs.mediationEntries.push(...history.entries)
    docs.counters.push(...history.counters)
    open += history.open
  }
  docs.mediationOpen = tally.openDocs()
  docs.mediationFigures = tally.figureDocs()
  return { docs, cases: docs.mediationCases.length, open }
}

/** Each agreement's .docx, made and recorded as `recordAgreement` makes it; the case gets its file ID. */
async function agreementFiles(history: VillageMediation, storage: FileStorage): Promise<NewDoc[]> {
  const files: FileRecord[] = []
  for (const { caseId, doc } of history.agreements) {
    const agreement = doc.agreement!
    const sheet = {
      number: doc.number,
      villageName: doc.villageName,
      groupName: doc.groupName,
      typeLabel: CASE_TYPE_LABEL[doc.type],
      parties: doc.parties,
      agreement: { form: agreement.form, terms: agreement.terms, performBy: agreement.performBy, recordedAt: agreement.recordedAt },
      mediatorName: agreement.recordedBy.name,
      dateText: dayjs(agreement.recordedAt).tz(VILLAGE_TIME_ZONE).format('YYYY年M月D日'),
    }
    const bytes = await agreementDocument(sheet)
    const name = agreementFileName(sheet)
    const { fileId } = await storage.put(name, bytes)
    doc.agreement = { ...agreement, documentFileId: fileId }
    files.push({
      _id: fileId,
      ownerId: agreement.recordedBy.id,
      purpose: 'export',
      name,
      size: bytes.length,
      createdAt: agreement.recordedAt,
      expiresAt: null,
      attachedTo: caseFileSubject(doc, caseId),
    })
  }
  return files as unknown as NewDoc[]
}
