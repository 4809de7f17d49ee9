/** Every write action leaves exactly one audit entry, in the ledger of its village unless confidential. */
import { audit } from '../../cloudfunctions/shared/audit/audit'
import { contract } from '../../types'
import { startTestHost, type TestHost } from '../support/test-host'
import { SAMPLE } from '../support/zip'

let host: TestHost
const HEXING = 'v-hexing'
const tokens: Record<string, string> = {}

beforeAll(async () => {
  host = await startTestHost()
  const pick = async (key: string, predicate: (p: TestHost['personas'][number]) => boolean) => {
    tokens[key] = await host.login(host.personaWith(predicate).id)
  }
  await pick('secretary', (p) => p.roles.includes('village_secretary') && p.villageId === HEXING)
  await pick('city', (p) => p.roles.includes('city_officer'))
})
afterAll(async () => host.close())

const auditCount = async () => (await host.store.collection('audit').count()).total
const villager = async (groupId: string) => (await host.store.collection('people').where({ groupId }).limit(50).get()).data

/** Each write action, with a valid call that changes something. */
const WRITES: Record<string, () => Promise<{ status: number; offset?: number }>> = {
  'identity.issueInvitation': async () => host.call('identity', 'issueInvitation', { personId: (await villager('v-hexing-g03'))[1]._id }, tokens.secretary),
  'identity.grant': async () => host.call('identity', 'grant', { personId: (await villager('v-hexing-g05'))[1]._id, role: 'village_staff', scopeId: HEXING }, tokens.secretary),
  'identity.revoke': async () => {
    const { data: grants } = await host.store
      .collection('grants')
      .where({ personId: (await villager('v-hexing-g05'))[1]._id })
      .limit(1)
      .get()
    return host.call('identity', 'revoke', { grantId: grants[0]._id }, tokens.secretary)
  },
  'roster.setPartyMembership': async () =>
    host.call('roster', 'setPartyMembership', { personId: (await villager('v-hexing-g04'))[2]._id, partyMembership: 'probationary' }, tokens.secretary),
  'roster.setGroupLeader': async () => {
    const { data: group } = await host.store.collection('groups').doc('v-hexing-g07').get()
    return host.call('roster', 'setGroupLeader', { groupId: 'v-hexing-g07', leaderId: group!.leaderId }, tokens.secretary)
  },
  'roster.setNeighbours': async () => {
    const { data: group } = await host.store.collection('groups').doc('v-hexing-g12').get()
    return host.call('roster', 'setNeighbours', { groupId: 'v-hexing-g12', neighbours: group!.neighbours }, tokens.secretary)
  },
  'roster.export': () => host.call('roster', 'export', { villageId: HEXING }, tokens.secretary),
  'roster.callNumber': () => host.call('roster', 'callNumber', { personId: 'v-hexing-g02-h008-p2' }, tokens.secretary),
  'roster.importCommit': async () => {
    const exported = await host.call('roster', 'export', { villageId: HEXING }, tokens.secretary)
    const bytes = (
      await host.app.inject({
        method: 'GET',
        url: `/api/files/download?fileId=${encodeURIComponent(exported.body.data.fileId)}`,
        headers: { authorization: `Bearer ${tokens.secretary}` },
      })
    ).rawPayload
    const upload = await host.app.inject({
      method: 'POST',
      url: '/api/files?name=roster.xlsx&purpose=import',
      payload: bytes,
      headers: { authorization: `Bearer ${tokens.secretary}`, 'content-type': 'application/octet-stream' },
    })
    const before = await auditCount()
    const committed = await host.call('roster', 'importCommit', { villageId: HEXING, fileId: upload.json().data.fileId }, tokens.secretary)
    // The export above is a write of its own: count only the commit's entry.
    return { status: committed.status, offset: before }
  },
  'partyGroups.recompute': () => host.call('partyGroups', 'recompute', { villageId: HEXING }, tokens.secretary),
  'partyGroups.override': () =>
    host.call(
      'partyGroups',
      'override',
      { villageId: HEXING, override: { kind: 'MOVE_GROUP', groupId: 'v-hexing-g09', toGroupId: 'v-hexing-g10', why: '离十组的服务点更近' } },
      tokens.secretary,
    ),
  'system.setCalendarDay': () => host.call('system', 'setCalendarDay', { date: '2027-02-11', kind: 'holiday', name: '春节' }, tokens.city),
}

// ── Councils: each write on a matter or body set up first; only the write itself is counted ──
const DAY_MS = 24 * 60 * 60 * 1000
const personTokens = new Map<string, string>()
const tokenOf = async (personId: string) => {
  if (!personTokens.has(personId)) personTokens.set(personId, await host.login(personId))
  return personTokens.get(personId)!
}
const councils = async (action: string, data: unknown, token = tokens.secretary) => {
  const reply = await host.call('councils', action, data, token)
  if (reply.status !== 200) throw new Error(`setup councils.${action}: ${reply.status} ${JSON.stringify(reply.body.error)}`)
  return reply.body.data
}
/** The audit entries the call itself leaves start here (the setup before it wrote its own). */
const countFrom = async (call: () => Promise<{ status: number }>) => {
  const offset = await auditCount()
  return { status: (await call()).status, offset }
}
const councilOf = async (groupId: string) =>
  (await host.store.collection('councils').doc(`council-${groupId}`).get()).data as unknown as { chairId: string; members: Array<{ personId: string }> }
/** A motion of 合兴村 6组's council, moved on to the state asked. */
async function councilMatter(state: 'draft' | 'voting' | 'closed' | 'minuted'): Promise<string> {
  const { id } = await councils('createMatter', {
    bodyId: 'council-v-hexing-g06',
    title: '修缮组道',
    text: '组道损坏，拟修缮。',
    kind: 'motion',
    closesAt: new Date(Date.now() + 3 * DAY_MS).toISOString(),
  })
  if (state === 'draft') return id
  await councils('open', { matterId: id })
  if (state === 'voting') return id
  await councils('close', { matterId: id })
  if (state === 'closed') return id
  await councils('recordMinutes', { matterId: id, attendees: ['组长'], summary: '讨论了修缮方案', decisions: '下次再议' })
  return id
}
/** A proposal to 合兴村 6组's council by one of its villagers. */
async function proposal(): Promise<string> {
  const proposer = (await villager('v-hexing-g06'))[3]._id
  return (await councils('propose', { bodyId: 'council-v-hexing-g06', title: '增加垃圾桶', text: '村口垃圾桶太少。' }, await tokenOf(proposer))).id
}

Object.assign(WRITES, {
  'councils.removeMember': async () => {
    const council = await councilOf('v-hexing-g06')
    return host.call(
      'councils',
      'removeMember',
      { bodyId: 'council-v-hexing-g06', personId: council.members[council.members.length - 1].personId, note: '外出务工' },
      tokens.secretary,
    )
  },
  'councils.setMember': async () => {
    const council = await councilOf('v-hexing-g06')
    const seated = new Set(council.members.map((member) => member.personId))
    const adult = (await villager('v-hexing-g06')).find((person) => !seated.has(person._id) && (person.birthDate as string) < '2000')!
    return host.call('councils', 'setMember', { bodyId: 'council-v-hexing-g06', personId: adult._id, seat: 'member', note: '村民推选' }, tokens.secretary)
  },
  'councils.createMatter': () =>
    host.call(
      'councils',
      'createMatter',
      { bodyId: 'council-v-hexing-g06', title: '环境整治', text: '整治组内河道。', kind: 'motion', closesAt: new Date(Date.now() + 3 * DAY_MS).toISOString() },
      tokens.secretary,
    ),
  'councils.publish': async () => {
    const matterId = await councilMatter('draft')
    return countFrom(() => host.call('councils', 'publish', { matterId }, tokens.secretary))
  },
  'councils.open': async () => {
    const matterId = await councilMatter('draft')
    return countFrom(() => host.call('councils', 'open', { matterId }, tokens.secretary))
  },
  'councils.vote': async () => {
    const matterId = await councilMatter('voting')
    const chair = await tokenOf((await councilOf('v-hexing-g06')).chairId)
    return countFrom(() => host.call('councils', 'vote', { matterId, choice: 'agree' }, chair))
  },
  'councils.recuse': async () => {
    const matterId = await councilMatter('voting')
    const member = (await councilOf('v-hexing-g06')).members[1].personId
    return countFrom(() => host.call('councils', 'recuse', { matterId, personId: member, reason: '利益相关' }, tokens.secretary))
  },
  'councils.comment': async () => {
    const matterId = await councilMatter('voting')
    return countFrom(() => host.call('councils', 'comment', { matterId, text: '同意修缮' }, tokens.secretary))
  },
  'councils.close': async () => {
    const matterId = await councilMatter('voting')
    return countFrom(() => host.call('councils', 'close', { matterId }, tokens.secretary))
  },
  'councils.recordMinutes': async () => {
    const matterId = await councilMatter('closed')
    return countFrom(() => host.call('councils', 'recordMinutes', { matterId, attendees: ['组长'], summary: '讨论了修缮方案', decisions: '下次再议' }, tokens.secretary))
  },
  'councils.appendNote': async () => {
    const matterId = await councilMatter('minuted')
    return countFrom(() => host.call('councils', 'appendNote', { matterId, text: '补充说明' }, tokens.secretary))
  },
  'councils.settleTie': async () => {
    // An election that fills a seat left empty on 7组's council, tied between two candidates.
    const council = await councilOf('v-hexing-g07')
    await councils('removeMember', { bodyId: 'council-v-hexing-g07', personId: council.members[council.members.length - 1].personId, note: '外出务工' })
    const seated = new Set(council.members.map((member) => member.personId))
    const [a, b] = (await villager('v-hexing-g07')).filter((person) => !seated.has(person._id) && (person.birthDate as string) < '2000')
    const { id: matterId } = await councils('createMatter', {
      bodyId: 'council-v-hexing-g07',
      title: '补选议事会成员',
      text: '补选一名成员。',
      kind: 'election',
      candidates: [a._id, b._id],
      seats: 1,
      closesAt: new Date(Date.now() + 3 * DAY_MS).toISOString(),
    })
    await councils('open', { matterId })
    const options = (await councils('matter', { matterId })).options as Array<{ id: string; personId: string }>
    const { data: slots } = await host.store.collection('ballots').where({ matterId }).limit(100).get()
    const voters = slots.map((slot) => slot.personId as string).slice(0, slots.length - (slots.length % 2))
    for (const [index, voter] of voters.entries()) await councils('vote', { matterId, choice: [options[index % 2].id] }, await tokenOf(voter))
    await councils('close', { matterId })
    return countFrom(() => host.call('councils', 'settleTie', { matterId, winners: [options[0].id], note: '抽签决定' }, tokens.secretary))
  },
  'councils.propose': async () => {
    const proposer = await tokenOf((await villager('v-hexing-g06'))[2]._id)
    return host.call('councils', 'propose', { bodyId: 'council-v-hexing-g06', title: '修路灯', text: '组道路灯坏了。' }, proposer)
  },
  'councils.support': async () => {
    const proposalId = await proposal()
    const neighbour = await tokenOf((await villager('v-hexing-g06'))[4]._id)
    return countFrom(() => host.call('councils', 'support', { proposalId }, neighbour))
  },
  'councils.answerProposal': async () => {
    const proposalId = await proposal()
    return countFrom(() => host.call('councils', 'answerProposal', { proposalId, decision: 'decline', reason: '今年预算已用完' }, tokens.secretary))
  },
} satisfies typeof WRITES)

// ── Errands: each step on a request of 合兴村 2组 set up first; only the step itself is counted ──
const errandsAs = async (personId: string, action: string, data: unknown) => {
  const reply = await host.call('errands', action, data, await tokenOf(personId))
  if (reply.status !== 200) throw new Error(`setup errands.${action}: ${reply.status} ${JSON.stringify(reply.body.error)}`)
  return reply.body.data
}
let errandKeys = 0
const errandPeople = () => {
  const villagerId = host.personaWith((p) => p.roles.length === 1 && p.roles[0] === 'villager' && p.groupId === 'v-hexing-g02').id
  const leaderId = host.personaWith((p) => p.roles.includes('group_leader') && p.groupId === 'v-hexing-g02').id
  const staffId = host.personaWith((p) => p.roles.includes('village_staff') && p.villageId === HEXING).id
  return { villagerId, leaderId, staffId }
}
/** A request of 合兴村 2组's villager (or filed for them by the leader), moved on to the state asked. */
async function errand(state: 'submitted' | 'accepted' | 'returned' | 'done' | 'extension' | 'proxy'): Promise<string> {
  const { villagerId, leaderId } = errandPeople()
  const clientKey = `audit-key-${String((errandKeys += 1)).padStart(4, '0')}`
  if (state === 'proxy') return (await errandsAs(leaderId, 'submit', { itemId: 'ss-elder-allowance', clientKey, forPersonId: villagerId, consent: { how: 'app' } })).id
  const { id } = await errandsAs(villagerId, 'submit', { itemId: 'gs-certificate', clientKey })
  if (state === 'submitted') return id
  await errandsAs(leaderId, 'advance', { requestId: id, to: 'accepted' })
  if (state === 'returned') await errandsAs(leaderId, 'advance', { requestId: id, to: 'returned', note: '请补充户口簿' })
  if (state === 'done') await errandsAs(leaderId, 'advance', { requestId: id, to: 'done' })
  if (state === 'extension') await errandsAs(leaderId, 'extend', { requestId: id, days: 2, reason: '等镇里盖章' })
  return id
}

Object.assign(WRITES, {
  'errands.setItem': () => host.call('errands', 'setItem', { villageId: HEXING, itemId: 'gs-mediation', enabled: false, note: '本季度暂停' }, tokens.secretary),
  'errands.setEscalation': () => host.call('errands', 'setEscalation', { villageId: HEXING, townAfterDays: 4, note: '村两委会议决定' }, tokens.secretary),
  'errands.submit': async () => host.call('errands', 'submit', { itemId: 'gs-utility-pay', clientKey: 'audit-submit-0001' }, await tokenOf(errandPeople().villagerId)),
  'errands.advance': async () => {
    const requestId = await errand('submitted')
    return countFrom(async () => host.call('errands', 'advance', { requestId, to: 'accepted' }, await tokenOf(errandPeople().leaderId)))
  },
  'errands.respond': async () => {
    const requestId = await errand('returned')
    return countFrom(async () => host.call('errands', 'respond', { requestId, note: '已补充' }, await tokenOf(errandPeople().villagerId)))
  },
  'errands.consent': async () => {
    const requestId = await errand('proxy')
    return countFrom(async () => host.call('errands', 'consent', { requestId, decision: 'confirm' }, await tokenOf(errandPeople().villagerId)))
  },
  'errands.extend': async () => {
    const requestId = await errand('accepted')
    return countFrom(async () => host.call('errands', 'extend', { requestId, days: 2, reason: '等镇里盖章' }, await tokenOf(errandPeople().leaderId)))
  },
  'errands.decideExtension': async () => {
    const requestId = await errand('extension')
    return countFrom(async () => host.call('errands', 'decideExtension', { requestId, approve: true }, await tokenOf(errandPeople().staffId)))
  },
  'errands.rate': async () => {
    const requestId = await errand('done')
    return countFrom(async () => host.call('errands', 'rate', { requestId, rating: 'satisfied' }, await tokenOf(errandPeople().villagerId)))
  },
  'errands.callback': async () => {
    const requestId = await errand('done')
    // Done ten days ago, never rated: the leader records a phone call-back.
    await host.store
      .collection('errands')
      .doc(requestId)
      .update({ doneAt: new Date(Date.now() - 10 * DAY_MS).toISOString() })
    return countFrom(async () => host.call('errands', 'callback', { requestId, rating: 'fair', note: '电话回访，村民说基本满意' }, await tokenOf(errandPeople().leaderId)))
  },
} satisfies typeof WRITES)

// ── Chats: each moderation step on a message of 合兴村 2组's chat set up first; only the step is counted ──
const CHAT = 'group:v-hexing-g02'
let chatKeys = 0
const chatKey = () => `audit-chat-${String((chatKeys += 1)).padStart(4, '0')}`
const chatAs = async (personId: string, action: string, data: unknown) => {
  const reply = await host.call('chat', action, data, await tokenOf(personId))
  if (reply.status !== 200) throw new Error(`setup chat.${action}: ${reply.status} ${JSON.stringify(reply.body.error)}`)
  return reply.body.data
}
const chatMessage = async (text = '请问明天开会吗') => (await chatAs(errandPeople().villagerId, 'send', { chatId: CHAT, clientId: chatKey(), text })).id as string
Object.assign(WRITES, {
  'chat.notice': async () => host.call('chat', 'notice', { chatId: CHAT, clientId: chatKey(), text: '周六上午打扫卫生' }, await tokenOf(errandPeople().leaderId)),
  'chat.unpin': async () => {
    const { id } = await chatAs(errandPeople().leaderId, 'notice', { chatId: CHAT, clientId: chatKey(), text: '周日开组务会' })
    return countFrom(async () => host.call('chat', 'unpin', { messageId: id }, await tokenOf(errandPeople().leaderId)))
  },
  'chat.hide': async () => {
    const messageId = await chatMessage()
    return countFrom(async () => host.call('chat', 'hide', { messageId, reason: '与本组无关' }, await tokenOf(errandPeople().leaderId)))
  },
  'chat.release': async () => {
    const messageId = await chatMessage('谁借我钱，我给你转账')
    return countFrom(async () => host.call('chat', 'release', { messageId }, await tokenOf(errandPeople().staffId)))
  },
} satisfies typeof WRITES)

/**
 * A chat's messages are their own record (who said what, when, in which chat, kept in the chat):
 * sending, reading, asking and answering, and mutual aid (the request, pledges, the thanks posted)
 * leave no audit entry; only moderators' steps (notice, unpin, hide, release) do.
 */
const CHAT_MESSAGES_ARE_THE_RECORD = ['chat.send', 'chat.read', 'chat.ask', 'chat.answer', 'chat.aid', 'chat.pledge', 'chat.fulfil']
// ── Mediation: each step on a case of 合兴村 2组 set up first; only the step itself is counted ──
const mediationAs = async (personId: string, action: string, data: unknown) => {
  const reply = await host.call('mediation', action, data, await tokenOf(personId))
  if (reply.status !== 200) throw new Error(`setup mediation.${action}: ${reply.status} ${JSON.stringify(reply.body.error)}`)
  return reply.body.data
}
let mediationKeys = 0
/** A case the leader of 合兴村 2组 took in (signed for at once), moved on to the state asked. */
async function mediationCase(state: 'mediating' | 'written' | 'oral' | 'visit'): Promise<{ caseId: string; documentFileId?: string; followUpId?: string }> {
  const { villagerId, leaderId } = errandPeople()
  const { id: caseId } = await mediationAs(leaderId, 'open', {
    type: 'neighbours',
    parties: [{ personId: villagerId, role: 'applicant' }],
    description: '宅基地边上砌墙，挡了邻居的路',
    clientKey: `audit-case-${String((mediationKeys += 1)).padStart(4, '0')}`,
  })
  if (state === 'mediating') return { caseId }
  const { documentFileId } = await mediationAs(leaderId, 'recordAgreement', {
    caseId,
    form: state === 'written' ? 'written' : 'oral',
    terms: '墙往里退半米',
    performBy: '2099-12-31',
  })
  if (state !== 'visit') return { caseId, documentFileId }
  const { followUpId } = await mediationAs(leaderId, 'scheduleFollowUp', { caseId, at: new Date(Date.now() + 3 * DAY_MS).toISOString() })
  return { caseId, documentFileId, followUpId }
}
const mediationStep = async (
  state: Parameters<typeof mediationCase>[0],
  action: string,
  data: (made: Awaited<ReturnType<typeof mediationCase>>) => Record<string, unknown>,
  by?: string,
) => {
  const made = await mediationCase(state)
  return countFrom(async () => host.call('mediation', action, { caseId: made.caseId, ...data(made) }, await tokenOf(by ?? errandPeople().leaderId)))
}
const photoOf = async (personId: string) =>
  (
    await host.app.inject({
      method: 'POST',
      url: '/api/files?name=signed.jpg&purpose=photo',
      payload: SAMPLE.jpg,
      headers: { authorization: `Bearer ${await tokenOf(personId)}`, 'content-type': 'application/octet-stream' },
    })
  ).json().data.fileId as string

Object.assign(WRITES, {
  'mediation.open': async () =>
    host.call(
      'mediation',
      'open',
      {
        type: 'family',
        parties: [{ personId: errandPeople().villagerId, role: 'applicant' }],
        description: '兄弟分家，老屋归属有争议',
        risks: ['petition'],
        clientKey: 'audit-open-0001',
      },
      await tokenOf(errandPeople().leaderId),
    ),
  // Reading a case and opening its files are recorded too (confidential: with the case only).
  'mediation.case': () => mediationStep('mediating', 'case', () => ({})),
  'mediation.file': () => mediationStep('written', 'file', (made) => ({ fileId: made.documentFileId })),
  'mediation.signFor': async () => {
    const { villagerId, leaderId } = errandPeople()
    const { id: caseId } = await mediationAs(villagerId, 'open', {
      type: 'labour',
      parties: [{ name: '包工头李某', role: 'respondent' }],
      description: '工钱拖欠三个月',
      clientKey: 'audit-sign-0001',
    })
    return countFrom(async () => host.call('mediation', 'signFor', { caseId }, await tokenOf(leaderId)))
  },
  'mediation.escalate': () => mediationStep('mediating', 'escalate', () => ({ reason: '组里调不下来' })),
  'mediation.log': () => mediationStep('mediating', 'log', () => ({ kind: 'contact', note: '电话联系双方' })),
  'mediation.flag': () => mediationStep('mediating', 'flag', () => ({ risks: ['violence'], note: '双方差点动手' })),
  'mediation.recordAgreement': () => mediationStep('mediating', 'recordAgreement', () => ({ form: 'oral', terms: '墙往里退半米', performBy: '2099-12-31' })),
  'mediation.attachSigned': async () => {
    const fileId = await photoOf(errandPeople().leaderId)
    return mediationStep('written', 'attachSigned', () => ({ fileId }))
  },
  'mediation.close': () => mediationStep('mediating', 'close', () => ({ outcome: 'withdrawn', note: '当事人撤回申请' })),
  'mediation.scheduleFollowUp': () => mediationStep('oral', 'scheduleFollowUp', () => ({ at: new Date(Date.now() + 2 * DAY_MS).toISOString() })),
  'mediation.followUp': () => mediationStep('visit', 'followUp', (made) => ({ followUpId: made.followUpId, result: 'not_performed', next: 'urge', note: '还没退墙' })),
  'mediation.extend': () => mediationStep('mediating', 'extend', () => ({ days: 10, note: '双方同意延长十天' })),
  'mediation.setLimits': async () =>
    host.call('mediation', 'setLimits', { townId: 't-sijia', group: 5, village: 10, town: 15, note: '镇里要求加快' }, await tokenOf('o-town-officer')),
} satisfies typeof WRITES)
/** Kept with the case only: never in a village's or town's ledger. */
const CONFIDENTIAL = Object.keys(WRITES).filter((name) => name.startsWith('mediation.') && name !== 'mediation.setLimits')

/** Writes that change only the caller's own things (read state, their own upload records): not governed records. */
const OWN_STATE_ONLY = ['inbox.markRead', 'files.register', 'roster.importTemplate']
/** Needs a WeChat OPENID, so it is checked through invoke in identity-binding and jobs tests. */
const CLOUD_ONLY = ['identity.bindInvitation']
const READS = [
  'system.ping',
  'system.calendarDays',
  'identity.me',
  'identity.grants',
  'home.overview',
  'partyGroups.preview',
  'partyGroups.village',
  'partyGroups.members',
  'partyGroups.coverage',
  'partyGroups.mine',
  'roster.groupMembers',
  'roster.villageGroups',
  'roster.importPreview',
  'roster.changeLog',
  'roster.search',
  'roster.person',
  'home.attention',
  'inbox.list',
  'files.url',
  'files.download',
  'councils.bodies',
  'councils.body',
  'councils.matter',
  'councils.matters',
  'councils.comments',
  'councils.verify',
  'councils.proposals',
  'errands.catalog',
  'errands.mine',
  'errands.todo',
  'errands.list',
  'errands.request',
  'errands.figures',
  'chat.chats',
  'chat.chat',
  'chat.history',
  'chat.noticeReads',
  'chat.openQuestions',
  'chat.replyTimes',
  'chat.held',
  'chat.aidRequest',
  'mediation.list',
  'mediation.views',
  'mediation.dashboard',
  'mediation.limits',
]

it('every action of the contract is classified, so a new write cannot skip its audit entry', () => {
  const all = Object.entries(contract).flatMap(([fn, actions]) => Object.keys(actions).map((action) => `${fn}.${action}`))
  expect([...Object.keys(WRITES), ...OWN_STATE_ONLY, ...CLOUD_ONLY, ...CHAT_MESSAGES_ARE_THE_RECORD, ...READS].sort()).toEqual(all.sort())
})

it.each(Object.keys(WRITES))('%s records exactly one audit entry', async (name) => {
  const before = await auditCount()
  const result = (await WRITES[name]()) as { status: number; offset?: number }
  expect(result.status).toBe(200)
  expect((await auditCount()) - (result.offset ?? before)).toBe(1)
  const { data } = await host.store.collection('audit').orderBy('at', 'desc').limit(1).get()
  expect(data[0].action).toBe(name)
  // A mediation case's entries stay with the case; the town's limits are in the town's ledger.
  if (name.startsWith('mediation.')) expect([name, data[0].confidential === true]).toEqual([name, CONFIDENTIAL.includes(name)])
})

it('a refused write records nothing', async () => {
  const before = await auditCount()
  const refused = await host.call('roster', 'setPartyMembership', { personId: 'nobody', partyMembership: 'full' }, tokens.city.replace(/./, 'x'))
  expect(refused.status).toBe(401)
  const invalid = await host.call(
    'partyGroups',
    'override',
    { villageId: HEXING, override: { kind: 'MOVE_GROUP', groupId: 'v-hexing-g05', toGroupId: 'nowhere', why: '试试' } },
    tokens.secretary,
  )
  expect(invalid.status).toBe(400)
  expect(await auditCount()).toBe(before)
})

it('the ledger lists entries newest first, by cursor, and never a confidential subject or a full phone number', async () => {
  await host.store.runTransaction((tx) =>
    audit(
      tx,
      { kind: 'system', job: 'test/confidential' },
      {
        at: new Date(),
        scope: { townId: 't-sijia', villageId: HEXING },
        subject: { kind: 'mediationCase', id: 'case-1', confidential: true },
        action: 'mediation.record',
        summary: '调解记录（保密）',
        before: null,
        after: { phone: '13812345678', idNumber: '320684199001011234' },
      },
    ),
  )
  const { data: stored } = await host.store.collection('audit').where({ subjectId: 'case-1' }).limit(1).get()
  expect(stored[0].after).toEqual({ phone: '138****5678', idNumber: '3206**********1234' })

  const seen: Array<{ id: string; at: string; kind: string }> = []
  let cursor: string | undefined
  do {
    const page = await host.call('roster', 'changeLog', { villageId: HEXING, limit: 3, ...(cursor ? { cursor } : {}) }, tokens.secretary)
    expect(page.status).toBe(200)
    seen.push(...page.body.data.items)
    cursor = page.body.data.nextCursor ?? undefined
  } while (cursor)
  expect(seen.length).toBeGreaterThanOrEqual(Object.keys(WRITES).length - CONFIDENTIAL.length - 1)
  expect(new Set(seen.map((entry) => entry.id)).size).toBe(seen.length)
  expect(seen.map((entry) => entry.at)).toEqual([...seen.map((entry) => entry.at)].sort().reverse())
  expect(seen.some((entry) => entry.kind === 'mediation.record')).toBe(false)
  // The mediation steps above were all in 合兴村: none of them is in its ledger.
  expect(seen.filter((entry) => CONFIDENTIAL.includes(entry.kind))).toEqual([])
  const { data: villagers } = await host.store.collection('people').where({ villageId: HEXING }).limit(1000).get()
  const phones = villagers.map((person) => person.phone).filter((phone): phone is string => typeof phone === 'string' && phone.length > 0)
  expect(phones.length).toBeGreaterThan(10)
  const ledger = JSON.stringify(seen)
  expect(phones.filter((phone) => ledger.includes(phone))).toEqual([])
})

it('a cursor from another village’s ledger is refused with data.cursor', async () => {
  const page = await host.call('roster', 'changeLog', { villageId: HEXING, limit: 1 }, tokens.secretary)
  const city = await host.call('roster', 'changeLog', { villageId: 'v-xinan', limit: 1, cursor: page.body.data.nextCursor }, tokens.city)
  expect(city.status).toBe(400)
  expect(city.body.error.fields[0].path).toBe('data.cursor')
})

it('keeps the chat moderation entries with their chat, confidential', async () => {
  const { data } = await host.store.collection('audit').where({ subjectKind: 'chat' }).limit(100).get()
  expect(data.length).toBeGreaterThan(0)
  for (const entry of data) expect([entry.action, entry.subjectId, entry.confidential]).toEqual([entry.action, CHAT, true])
})

it('leaves no audit entry for messages, which are their own record', async () => {
  const { villagerId, leaderId } = errandPeople()
  const neighbour = (await villager('v-hexing-g02')).find((person) => ![villagerId, leaderId].includes(person._id))!._id
  const before = await auditCount()
  const asked = await chatMessage('低保怎么申请？')
  await chatAs(villagerId, 'read', { chatId: CHAT, upTo: asked })
  await chatAs(villagerId, 'ask', { messageId: asked })
  await chatAs(leaderId, 'answer', { messageId: asked, text: '带户口本到村委会' })
  const { id: aidId } = await chatAs(neighbour, 'aid', { chatId: CHAT, clientId: chatKey(), title: '帮忙收稻子', text: '家里老人病了，稻子没人收' })
  await chatAs(villagerId, 'pledge', { aidId, kind: 'time' })
  await chatAs(neighbour, 'fulfil', { aidId, thanks: '谢谢大家帮忙' })
  expect(await auditCount()).toBe(before)
})
