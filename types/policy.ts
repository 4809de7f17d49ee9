/**
 * Who may do what, in one place both sides import: every function's `allow` asks the rule of its
 * action, and the app asks the same rule before it shows a button, so the two cannot drift apart.
 * Pure and free of zod, so a rule costs the app nothing but the rule.
 */
import type { Grant, OfficeRole, Role } from './identity'

/** The person asking: the wire `Me` (app) and the server's `Caller` both have this shape. */
export interface Actor {
  personId: string
  roles: readonly Role[]
  grants: readonly Grant[]
  villageId: string | null
  groupId: string | null
  townId: string | null
}

/**
 * Where an action lands. Null ids are "nowhere in particular": only a grant for the whole city
 * reaches them. An id the server cannot find is placed there, so a village or town officer is
 * refused (403) whether it exists or not, and only a city-wide officer gets to hear "not found".
 */
export interface Place {
  townId: string | null
  villageId: string | null
  groupId?: string | null
  /** The villager group's leader, for the rule that lets a leader see their own group. */
  leaderId?: string | null
  /** For a `person` target: who the person is (to tell "my own group leader" from anyone in my group). */
  personId?: string | null
  /**
   * For a `person` target: the villager groups whose Party group's "365 service point" this person
   * runs (its 负责人, or the household hosting it), for the rule that lets a villager call them.
   */
  servesGroupIds?: readonly string[]
}

/** The place nothing is known about (an unknown id). */
export const NOWHERE: Place = { townId: null, villageId: null, groupId: null, leaderId: null }

/** What a coverage report adds up: one village, one town or the whole city. */
export interface Area extends Place {
  level: 'village' | 'town' | 'city'
}

export const CITY: Area = { level: 'city', townId: null, villageId: null }

/** What the server loads before it asks a rule, and what the rule is given. */
export interface TargetOf {
  /** Nothing: anyone signed in, or not even that. */
  nothing: undefined
  /** A village (the input's villageId). */
  village: Place
  /** A villager group, with its leader (the input's groupId). */
  group: Place
  /** A person's village and group (the input's personId). */
  person: Place
  /** A village when the input names one, else null (a what-if about no stored village). */
  maybeVillage: Place | null
  /** A coverage area (the input's level and id). */
  area: Area
  /** The scope an office list is asked for (the input's scopeId: a village, a town or `city`). */
  scope: Area
  /** An office to grant: its role and the scope the input's scopeId names. */
  office: Office
  /** A stored grant to revoke (the input's grantId): its role and scope. */
  grant: Office
  /** A group council or village board (the input's bodyId, or the body of the input's proposal). */
  body: BodyPlace
  /** A council matter (the input's matterId), with its body. */
  matter: MatterPlace
  /** An errand request (the input's requestId): its villager's place and who filed it. */
  errand: ErrandPlace
  /** A mediation case (the input's caseId): its group, the levels it has reached, its parties. */
  case: CasePlace
  /** A chat (the input's chatId, or the chat of the input's aidId). */
  chat: ChatPlace
  /** A message (the input's messageId, or the message of the input's aidId) and its chat. */
  message: MessagePlace
}

export type CaseLevelName = 'group' | 'village' | 'town'

/** A chat as the rules see it: a villager group's (with its leader) or a village's. An unknown id is nowhere (kind null). */
export interface ChatPlace extends Place {
  kind: 'group' | 'village' | null
}

export const NO_CHAT: ChatPlace = { ...NOWHERE, kind: null }

/** A message (or a mutual-aid request) in a chat, with who sent it (or asked for help). */
export interface MessagePlace extends ChatPlace {
  senderId: string | null
}

export const NO_MESSAGE: MessagePlace = { ...NO_CHAT, senderId: null }

/** A mediation case as the rules see it: where it was opened, how far up it has gone, who it is about. */
export interface CasePlace extends Place {
  /** Levels whose handlers see it: the group always; the village and the town once it reached them or they were told (a high-risk flag). */
  levels: readonly CaseLevelName[]
  /** Parties on the roster, and the villager who asked for it. */
  partyIds: readonly string[]
  /** Flagged `violence`: the town's police liaison sees it too. */
  violence: boolean
}

export const NO_CASE: CasePlace = { ...NOWHERE, levels: [], partyIds: [], violence: false }

/** An errand request as the rules see it: the villager's group (and its leader), for whom, by whom. */
export interface ErrandPlace extends Place {
  /** The villager it is for. */
  forPersonId: string | null
  /** Who filed it (the villager, or their leader for them). */
  filedById: string | null
}

export const NO_ERRAND: ErrandPlace = { ...NOWHERE, forPersonId: null, filedById: null }

/** A group council (村民小组议事会) or village board (村民自治理事会) as the rules see it. */
export interface BodyPlace extends Place {
  kind: 'group_council' | 'village_board'
  chairId: string | null
  /** Standing members, the chair included. */
  memberIds: readonly string[]
}

/** A council matter as the rules see it: its body, and who holds a live ballot slot. */
export interface MatterPlace extends BodyPlace {
  public: boolean
  state: 'draft' | 'published' | 'voting' | 'closed' | 'minuted'
  /**
   * Who may vote: fixed when voting opens (slots lost by leaving or recusal taken out); before
   * that, the body's members and the matter's non-standing members on the roster.
   */
  voterIds: readonly string[]
  /** An election's electorate before voting opens: the adults of this villager group. */
  electorateGroupId: string | null
}

/** A body nobody is known about: only a city-wide grant reaches it. */
export const NO_BODY: BodyPlace = { ...NOWHERE, kind: 'village_board', chairId: null, memberIds: [] }
export const NO_MATTER: MatterPlace = { ...NO_BODY, public: false, state: 'draft', voterIds: [], electorateGroupId: null }
export type TargetKind = keyof TargetOf

export interface Rule<K extends TargetKind = TargetKind> {
  (actor: Actor, target: TargetOf[K]): boolean
  /** Who may, in the words the contract shows (`who` in types/functions/*.ts says exactly this). */
  readonly who: string
  readonly on: K
  /** Called before a person is known (binding a WeChat account): the function checks the rest. */
  readonly anonymous: boolean
}

function rule<K extends TargetKind>(on: K, who: string, check: (actor: Actor, target: TargetOf[K]) => boolean, anonymous = false): Rule<K> {
  return Object.assign((actor: Actor, target: TargetOf[K]) => check(actor, target), { who, on, anonymous })
}

// ── Primitives ────────────────────────────────────────────────────────────────────────────────

/** Does one of the actor's grants of these roles cover the place? A city grant covers everything. */
export function grantReaches(actor: Actor, roles: readonly OfficeRole[], place: Place): boolean {
  return actor.grants.some((grant) => {
    if (!roles.includes(grant.role)) return false
    switch (grant.scope.level) {
      case 'city':
        return true
      case 'town':
        return grant.scope.id === place.townId
      case 'village':
        return grant.scope.id === place.villageId
    }
  })
}

/** Does the actor hold one of these roles anywhere (for what is not about one place)? */
export function holdsGrant(actor: Actor, roles: readonly OfficeRole[]): boolean {
  return actor.grants.some((grant) => roles.includes(grant.role))
}

/** Does the actor hold one of these roles for the whole city (what no village or town grant gives)? */
export function cityWide(actor: Actor, roles: readonly OfficeRole[]): boolean {
  return grantReaches(actor, roles, NOWHERE)
}

/** Is the actor the leader of the place's villager group? */
export function leadsGroup(actor: Actor, place: Place): boolean {
  return Boolean(place.leaderId) && place.leaderId === actor.personId
}

/** Is the person (a `person` target) the leader of the actor's own villager group? */
export function leadsActorsGroup(actor: Actor, person: Place): boolean {
  return Boolean(actor.groupId && person.personId) && person.groupId === actor.groupId && person.leaderId === person.personId
}

/** Does the person (a `person` target) run the service point of the actor's own Party group? */
export function servesActor(actor: Actor, person: Place): boolean {
  return Boolean(actor.groupId) && (person.servesGroupIds ?? []).includes(actor.groupId!)
}

// ── Offices: rank, and who may appoint whom ─────────────────────────────────────────────────────

/** An office held or to be held: the role and the area its scope covers (a village, a town or the city). */
export interface Office {
  role: OfficeRole
  scope: Area
}

/**
 * Offices by rank: admin > city officer > town officer > village secretary > village staff. The
 * police liaison ranks beside the town officer: neither outranks the other.
 */
export const OFFICE_RANK: Readonly<Record<OfficeRole, number>> = {
  admin: 5,
  city_officer: 4,
  town_officer: 3,
  police_liaison: 3,
  village_secretary: 2,
  village_staff: 1,
}

/** The level of scope each office is granted for (a village secretary for a village, …). */
export const OFFICE_LEVEL: Readonly<Record<OfficeRole, Area['level']>> = {
  admin: 'city',
  city_officer: 'city',
  town_officer: 'town',
  police_liaison: 'town',
  village_secretary: 'village',
  village_staff: 'village',
}

/**
 * Offices that appoint others. The police liaison ranks beside the town officer but is not in the
 * line that runs villages, so it appoints no one; village staff have nothing below them.
 */
const APPOINTING: readonly OfficeRole[] = ['admin', 'city_officer', 'town_officer', 'village_secretary']

/**
 * May the actor grant (or revoke) this office? Only through a grant of their own that ranks
 * strictly above it and whose scope covers the office's scope. Strictly above means nobody can
 * revoke their own highest office, so no one locks themselves (or the last admin) out: an office
 * is only ever taken away by someone above it. Admin is above everyone and below no one: it is
 * granted only by `npm run admin:create`, never in the app.
 */
export function mayAppoint(actor: Actor, office: Office): boolean {
  return actor.grants.some(
    (grant) => APPOINTING.includes(grant.role) && OFFICE_RANK[grant.role] > OFFICE_RANK[office.role] && grantReaches({ ...actor, grants: [grant] }, [grant.role], office.scope),
  )
}

/**
 * May the actor issue a sign-in code for a person who holds these offices? A code signs in as that
 * person, offices and all, so it needs an equal or higher office whose scope covers the person's
 * place: village staff cannot make a code that signs in as their village secretary.
 */
export function mayIssueCodeFor(actor: Actor, place: Place, heldRoles: readonly OfficeRole[]): boolean {
  if (heldRoles.length === 0) return true
  const needed = Math.max(...heldRoles.map((role) => OFFICE_RANK[role]))
  return actor.grants.some((grant) => OFFICE_RANK[grant.role] >= needed && grantReaches({ ...actor, grants: [grant] }, [grant.role], place))
}

/**
 * Removing villagers with an import is confirmed by the village's Party secretary (or an admin)
 * only: village staff may import changes and additions, not take people off the roster.
 */
export function mayConfirmRemovals(actor: Actor, village: Place): boolean {
  return grantReaches(actor, ['village_secretary', 'admin'], village)
}

// ── Who looks after a village ────────────────────────────────────────────────────────────────

/** Run a village day to day: its Party secretary and cadres; an admin may stand in. */
const VILLAGE_MANAGERS: readonly OfficeRole[] = ['village_secretary', 'village_staff', 'admin']
/** See a village's records: its managers and the officers above it. */
const VILLAGE_READERS: readonly OfficeRole[] = [...VILLAGE_MANAGERS, 'town_officer', 'city_officer']
/** Change a village's Party groups: its Party secretary alone (an admin may stand in). */
const PARTY_SECRETARIES: readonly OfficeRole[] = ['village_secretary', 'admin']
/** Run the Party-group rules: the managers and the officers of the village's town (not the city's). */
const RECOMPUTERS: readonly OfficeRole[] = [...VILLAGE_MANAGERS, 'town_officer']
const PREVIEWERS: readonly OfficeRole[] = ['village_secretary', 'town_officer', 'city_officer', 'admin']
const TOWN_READERS: readonly OfficeRole[] = ['town_officer', 'city_officer', 'admin']
const CITY_READERS: readonly OfficeRole[] = ['city_officer', 'admin']

/** The villagers a body's public matters concern: its group's (a group council) or its village's (a village board). */
export function concernedBy(actor: Actor, body: BodyPlace): boolean {
  return body.kind === 'group_council' ? Boolean(body.groupId) && actor.groupId === body.groupId : Boolean(body.villageId) && actor.villageId === body.villageId
}

/** The body's chair (a group council's is the group leader, a board's the Party secretary), or the village's managers. */
function runsBody(actor: Actor, body: BodyPlace): boolean {
  return (Boolean(body.chairId) && body.chairId === actor.personId) || grantReaches(actor, VILLAGE_MANAGERS, body)
}

function readsBody(actor: Actor, body: BodyPlace): boolean {
  return concernedBy(actor, body) || body.memberIds.includes(actor.personId) || grantReaches(actor, VILLAGE_READERS, body)
}

function readsMatter(actor: Actor, matter: MatterPlace): boolean {
  return (
    matter.voterIds.includes(actor.personId) ||
    matter.memberIds.includes(actor.personId) ||
    (Boolean(matter.chairId) && matter.chairId === actor.personId) ||
    grantReaches(actor, VILLAGE_READERS, matter) ||
    (matter.public && matter.state !== 'draft' && concernedBy(actor, matter))
  )
}

/** Holds a live ballot slot (or, before voting opens, would); the chair records in-person votes. */
export function mayVoteOn(actor: Actor, matter: MatterPlace): boolean {
  return matter.voterIds.includes(actor.personId) || (matter.electorateGroupId !== null && matter.state !== 'voting' && actor.groupId === matter.electorateGroupId)
}

export const BODY_MANAGERS_WHO = '本议事机构的主持人（议事长、理事长）；本村的村书记、村干部；管理员'
export const MATTER_READERS_WHO = '本事项的表决人、本议事机构成员；本村的村书记、村干部；所属镇、市的干部；管理员；公开事项发布后，本组（理事会为本村）村民'
const onBody = (who: string) => rule('body', who, runsBody)
const onMatter = (who: string) => rule('matter', who, runsBody)
const readMatter = rule('matter', MATTER_READERS_WHO, readsMatter)

/** The villager a request is for, or the leader who filed it for them. */
function ownsErrand(actor: Actor, errand: ErrandPlace): boolean {
  return Boolean(errand.forPersonId) && (errand.forPersonId === actor.personId || errand.filedById === actor.personId)
}

const isForMe = (actor: Actor, errand: ErrandPlace) => Boolean(errand.forPersonId) && errand.forPersonId === actor.personId

// ── Mediation: the first hundred metres at the group, and nobody else sees a case ───────────────

const CASE_VILLAGE_HANDLERS: readonly OfficeRole[] = ['village_secretary', 'village_staff']

/**
 * The highest level of the ladder the actor handles this case at, or null: the group's leader (the
 * village's cadres where the group has none), the village's cadres once it reached the village,
 * the town's officers once it reached (or was told to) the town. Admins and city officers are not
 * handlers: a case is confidential (they see dashboard counts only).
 */
export function caseHandlerLevel(actor: Actor, place: CasePlace): CaseLevelName | null {
  if (place.levels.includes('town') && grantReaches(actor, ['town_officer'], place)) return 'town'
  if (place.levels.includes('village') && grantReaches(actor, CASE_VILLAGE_HANDLERS, place)) return 'village'
  if (place.levels.includes('group') && (leadsGroup(actor, place) || (!place.leaderId && grantReaches(actor, CASE_VILLAGE_HANDLERS, place)))) return 'group'
  return null
}

const handlesCase = (actor: Actor, place: CasePlace) => caseHandlerLevel(actor, place) !== null
const policeOnCase = (actor: Actor, place: CasePlace) => place.violence && grantReaches(actor, ['police_liaison'], place)
const partyToCase = (actor: Actor, place: CasePlace) => place.partyIds.includes(actor.personId)

export const CASE_HANDLERS_WHO = '本案经过的各级调解人：本组组长（本组没有组长时由村干部）；上报到村后本村的村书记、村干部；上报到镇后所属镇的镇干部（别人看不到：404）'
const onCase = rule('case', CASE_HANDLERS_WHO, handlesCase)

// ── Chats: members follow the roster; the village's cadres sit in every chat of their village ─────

const CHAT_CADRES: readonly OfficeRole[] = ['village_secretary', 'village_staff']

/** A villager of the group (its leader included) for a group chat, of the village for a village chat; the village's cadres in both. */
export function memberOfChat(actor: Actor, chat: ChatPlace): boolean {
  if (chat.kind === null) return false
  if (grantReaches(actor, CHAT_CADRES, chat)) return true
  return chat.kind === 'group' ? Boolean(chat.groupId) && actor.groupId === chat.groupId : Boolean(chat.villageId) && actor.villageId === chat.villageId
}

/** Who posts notices, answers questions, hides and releases: the group's leader (group chat) and the village's cadres. */
export function moderatesChat(actor: Actor, chat: ChatPlace): boolean {
  if (chat.kind === null) return false
  return grantReaches(actor, CHAT_CADRES, chat) || (chat.kind === 'group' && leadsGroup(actor, chat))
}

export const CHAT_MEMBERS_WHO = '本群成员（别人：404）'
export const CHAT_MODERATORS_WHO = '本组群：本组组长、本村的村书记、村干部；本村群：本村的村书记、村干部'
const inChat = (who: string) => rule('chat', who, memberOfChat)
const moderateChat = (who: string) => rule('chat', who, moderatesChat)
const moderateMessage = (who: string) => rule('message', who, moderatesChat)

const signedIn = (who: string) => rule('nothing', who, () => true)
const onVillage = (roles: readonly OfficeRole[], who: string) => rule('village', who, (actor, place) => grantReaches(actor, roles, place))

// ── The rules, one per action ───────────────────────────────────────────────────────────────

export const policy = {
  system: {
    ping: signedIn('任何已登录的人'),
    // Deadlines are counted in working days everywhere, so everyone may see which days count.
    calendarDays: signedIn('任何已登录的人'),
    // The working-day table is the city's: only a grant for the whole city may change it.
    setCalendarDay: rule('nothing', '市级干部、管理员（全市范围）', (actor) => cityWide(actor, CITY_READERS)),
  },
  inbox: {
    list: signedIn('任何已登录的人（只看自己的通知，含发给本组、本村的通知）'),
    markRead: signedIn('任何已登录的人（只能标记自己的通知；别人的编号不理会）'),
  },
  files: {
    // Which file: `fileReaders` below, asked in the action (a file the caller may not read is 404).
    url: signedIn('能看到这张图片或这段语音的人（上传者本人，或能看到它所属内容的人）'),
    download: signedIn('能看到这个文件的人（导出的花名册：本村的村书记、村干部；管理员）'),
    register: signedIn('任何已登录的人（登记自己刚在微信里上传的文件）'),
  },
  identity: {
    me: signedIn('任何已登录的人'),
    issueInvitation: rule('person', '本村的村干部、村书记，或管理员', (actor, person) => grantReaches(actor, ['village_secretary', 'village_staff', 'admin'], person)),
    bindInvitation: rule('nothing', '还没有绑定身份的微信用户（凭村里发的邀请码）', () => true, true),
    // Those who appoint somewhere in the scope see its office holders (and those of the places below it).
    grants: rule('scope', '村书记（本村）、镇干部（本镇）、市级干部、管理员：看本范围和下级的职务', (actor, scope) => grantReaches(actor, APPOINTING, scope)),
    grant: rule('office', '比这个职务高一级以上、管着这个范围的人（村书记任命村干部，镇干部任命村书记，依此类推）', (actor, office) => mayAppoint(actor, office)),
    revoke: rule('grant', '比这个职务高一级以上、管着这个范围的人；自己的最高职务只能由上级撤销', (actor, office) => mayAppoint(actor, office)),
  },
  home: {
    overview: signedIn('任何已登录的人（看自己的小组）'),
    // What the answer lists is decided by the caller's own grants (villagers get an empty list).
    attention: signedIn('任何已登录的人（本村、本镇或全市要处理的事，最要紧的在前；村民为空）'),
  },
  partyGroups: {
    // A what-if on data the caller sends; when it names a village, the grant must cover it.
    preview: rule('maybeVillage', '村党组织书记（本村）、镇干部、市级干部、管理员；只算不存', (actor, village) =>
      village ? grantReaches(actor, PREVIEWERS, village) : holdsGrant(actor, PREVIEWERS),
    ),
    village: onVillage(VILLAGE_READERS, '本村的村书记、村干部；所属镇的镇干部；市级干部；管理员'),
    members: onVillage(VILLAGE_READERS, '本村的村书记、村干部；所属镇的镇干部；市级干部；管理员'),
    recompute: onVillage(RECOMPUTERS, '本村的村书记、村干部；所属镇的镇干部；管理员'),
    override: onVillage(PARTY_SECRETARIES, '本村的村党组织书记；管理员可代为调整'),
    coverage: rule('area', '村：本村书记、村干部；镇：本镇干部；市：市级干部、管理员（上级可看下级）', (actor, area) => {
      switch (area.level) {
        case 'village':
          return grantReaches(actor, VILLAGE_READERS, area)
        case 'town':
          return grantReaches(actor, TOWN_READERS, area)
        case 'city':
          return cityWide(actor, CITY_READERS)
      }
    }),
    mine: signedIn('任何已登录的村民（看自己所在的党小组）'),
  },
  roster: {
    groupMembers: rule(
      'group',
      '本组组长；本村的村书记、村干部；所属镇、市的干部；管理员',
      (actor, group) => leadsGroup(actor, group) || grantReaches(actor, VILLAGE_READERS, group),
    ),
    // A groupId names a group (its leader may search it); a villageId a village (its place only).
    search: rule('group', '本组组长；本村的村书记、村干部；所属镇、市的干部；管理员', (actor, group) => leadsGroup(actor, group) || grantReaches(actor, VILLAGE_READERS, group)),
    person: rule(
      'person',
      '本组组长；本村的村书记、村干部；所属镇、市的干部；管理员',
      (actor, person) => leadsGroup(actor, person) || grantReaches(actor, VILLAGE_READERS, person),
    ),
    // A full number: only those who have a reason to ring this person, never the officers above the village.
    callNumber: rule(
      'person',
      '本组组长（打给本组村民）；村民打给自己的组长、自己党小组服务点的负责人；本村的村书记、村干部（每次都记入台账）',
      (actor, person) =>
        leadsGroup(actor, person) || leadsActorsGroup(actor, person) || servesActor(actor, person) || grantReaches(actor, ['village_secretary', 'village_staff'], person),
    ),
    villageGroups: onVillage(VILLAGE_READERS, '本村的村书记、村干部；所属镇、市的干部；管理员'),
    // The template is blank: anyone who may import somewhere may have it.
    importTemplate: rule('nothing', '村干部、村书记、管理员', (actor) => holdsGrant(actor, VILLAGE_MANAGERS)),
    importPreview: onVillage(VILLAGE_MANAGERS, '本村的村书记、村干部；管理员（只检查，不写入）'),
    importCommit: onVillage(VILLAGE_MANAGERS, '本村的村书记、村干部；管理员（整份文件无误才写入）'),
    // The file carries full phone numbers and birth dates: not for the officers above the village.
    export: onVillage(VILLAGE_MANAGERS, '本村的村书记、村干部；管理员（导出含完整手机号，记入台账）'),
    setPartyMembership: rule('person', '本村的村书记、村干部；管理员', (actor, person) => grantReaches(actor, VILLAGE_MANAGERS, person)),
    setGroupLeader: rule('group', '本村的村书记、村干部；管理员', (actor, group) => grantReaches(actor, VILLAGE_MANAGERS, group)),
    setNeighbours: rule('group', '本村的村书记、村干部；管理员（相邻关系自动双向）', (actor, group) => grantReaches(actor, VILLAGE_MANAGERS, group)),
    changeLog: onVillage(VILLAGE_READERS, '本村的村书记、村干部；所属镇、市的干部；管理员'),
  },
  councils: {
    bodies: signedIn('任何已登录的人（自己所在或所管的议事会、理事会）'),
    body: rule('body', '本组（理事会为本村）村民；本村的村书记、村干部；所属镇、市的干部；管理员', readsBody),
    setMember: onBody(BODY_MANAGERS_WHO),
    removeMember: onBody(BODY_MANAGERS_WHO),
    createMatter: onBody(BODY_MANAGERS_WHO),
    publish: onMatter(BODY_MANAGERS_WHO),
    open: onMatter(BODY_MANAGERS_WHO),
    close: onMatter(BODY_MANAGERS_WHO),
    recuse: onMatter(BODY_MANAGERS_WHO),
    matter: readMatter,
    // What the list holds is what the caller may read (readsMatter on every row's body).
    matters: signedIn('任何已登录的人（自己能看的事项：所在议事机构的，以及本组、本村公开发布的）'),
    vote: rule(
      'matter',
      '本事项有表决权的人（开始表决时确定；回避的除外）；主持人可代不会用手机的成员登记当面表决',
      (actor, matter) => mayVoteOn(actor, matter) || runsBodyAsChair(actor, matter),
    ),
    comment: readMatter,
    comments: readMatter,
    recordMinutes: onMatter(BODY_MANAGERS_WHO),
    appendNote: onMatter(BODY_MANAGERS_WHO),
    settleTie: onMatter(BODY_MANAGERS_WHO),
    verify: readMatter,
    propose: rule('body', '本组村民（向本组议事会提议题）', (actor, body) => body.kind === 'group_council' && concernedBy(actor, body)),
    support: rule('body', '本组（理事会为本村）村民', concernedBy),
    answerProposal: onBody(BODY_MANAGERS_WHO),
    proposals: rule('body', '本组（理事会为本村）村民；本村的村书记、村干部；所属镇、市的干部；管理员', readsBody),
  },
  errands: {
    catalog: signedIn('任何已登录的人（本村开放的事项；村干部看到全部，含已关闭的）'),
    setItem: onVillage(VILLAGE_MANAGERS, '本村的村书记、村干部；管理员（开关事项、调整时限，记入台账）'),
    setEscalation: onVillage(VILLAGE_MANAGERS, '本村的村书记、村干部；管理员（逾期多少个工作日后督办到镇，记入台账）'),
    // For someone else: the person named must be of the caller's own group, which the action checks (a group leader only).
    submit: signedIn('村民（为自己申请）；本组组长（为本组村民代办，须本人同意）'),
    mine: signedIn('任何已登录的人（自己的申请，以及组长为自己代办的）'),
    todo: signedIn('村民小组长（本组的）；本村的村书记、村干部（本村没有组长的组、已督办到村的、转村办理的）'),
    list: rule('scope', '本村的村书记、村干部；所属镇、市的干部；管理员', (actor, scope) =>
      scope.level === 'village' ? grantReaches(actor, VILLAGE_READERS, scope) : scope.level === 'town' ? grantReaches(actor, TOWN_READERS, scope) : cityWide(actor, CITY_READERS),
    ),
    request: rule(
      'errand',
      '申请人本人（代办的为被代办的村民）、代办的组长、本组组长；本村的村书记、村干部；所属镇、市的干部；管理员（别人看不到：404）',
      (actor, errand) => ownsErrand(actor, errand) || leadsGroup(actor, errand) || grantReaches(actor, VILLAGE_READERS, errand),
    ),
    // Which step by whom (accepting: the leader, or the village's cadres where the group has none) is the state machine's, in the action.
    advance: rule(
      'errand',
      '本组组长（签收、收材料、转办、办结、退回）；本组没有组长时由本村的村书记、村干部；转村、镇办理后由本村的村书记、村干部；管理员',
      (actor, errand) => leadsGroup(actor, errand) || grantReaches(actor, VILLAGE_MANAGERS, errand),
    ),
    respond: rule('errand', '申请人本人（回复退回，补充材料后继续办理）', isForMe),
    consent: rule('errand', '被代办的村民本人（确认或撤回同意）', isForMe),
    extend: rule('errand', '本组组长（截止前申请延期，说明理由）', leadsGroup),
    decideExtension: rule('errand', '本村的村书记、村干部；管理员（批准或不批准延期，告知村民）', (actor, errand) => grantReaches(actor, VILLAGE_MANAGERS, errand)),
    rate: rule('errand', '申请人本人（办好后评价）', isForMe),
    callback: rule(
      'errand',
      '本组组长；本村的村书记、村干部（村民 3 个工作日未评价时，记录电话回访）',
      (actor, errand) => leadsGroup(actor, errand) || grantReaches(actor, ['village_secretary', 'village_staff'], errand),
    ),
    figures: rule('scope', '本村的村书记、村干部；所属镇、市的干部；管理员', (actor, scope) =>
      scope.level === 'village' ? grantReaches(actor, VILLAGE_READERS, scope) : scope.level === 'town' ? grantReaches(actor, TOWN_READERS, scope) : cityWide(actor, CITY_READERS),
    ),
  },
  mediation: {
    // Which group a case may be opened in (the caller's own; a leader's own group; a cadre's village) is checked by the action.
    open: signedIn('村民（为自己的纠纷申请调解，由本组组长受理）；村民小组长（本组的纠纷）；本村的村书记、村干部（本村各组的纠纷，写明哪个组）'),
    case: rule(
      'case',
      '本案当事人（看摘要）；本案经过的各级调解人：本组组长（本组没有组长时由村干部）；上报到村后本村的村书记、村干部；上报到镇后所属镇的镇干部；有暴力风险时所属镇的社区民警（别人看不到：404）',
      (actor, place) => handlesCase(actor, place) || policeOnCase(actor, place) || partyToCase(actor, place),
    ),
    list: signedIn('任何已登录的人（mine：自己是当事人的；group、village、town：自己作为该级调解人的）'),
    signFor: onCase,
    escalate: onCase,
    log: rule(
      'case',
      '本案经过的各级调解人：本组组长（本组没有组长时由村干部）；上报到村后本村的村书记、村干部；上报到镇后所属镇的镇干部；有暴力风险时所属镇的社区民警',
      (actor, place) => handlesCase(actor, place) || policeOnCase(actor, place),
    ),
    flag: onCase,
    recordAgreement: onCase,
    attachSigned: onCase,
    close: onCase,
    scheduleFollowUp: onCase,
    followUp: onCase,
    extend: onCase,
    views: onCase,
    file: rule('case', '能看到这个案件的人（当事人只能看协议书和签字件）', (actor, place) => handlesCase(actor, place) || policeOnCase(actor, place) || partyToCase(actor, place)),
    dashboard: rule('scope', '本村的村书记、村干部；所属镇的镇干部；市级干部；管理员（只有数字，没有案件内容）', (actor, scope) =>
      scope.level === 'village' ? grantReaches(actor, VILLAGE_READERS, scope) : scope.level === 'town' ? grantReaches(actor, TOWN_READERS, scope) : cityWide(actor, CITY_READERS),
    ),
    limits: signedIn('任何已登录的人（本镇的调解时限）'),
    setLimits: rule('scope', '所属镇的镇干部；管理员（各级调解时限，记入台账）', (actor, scope) => scope.level === 'town' && grantReaches(actor, ['town_officer', 'admin'], scope)),
  },
  chat: {
    chats: signedIn('任何已登录的人（自己所在的群：本组群和本村群；本村的村书记、村干部是本村各群的成员）'),
    chat: inChat(CHAT_MEMBERS_WHO),
    send: inChat(CHAT_MEMBERS_WHO),
    history: inChat(CHAT_MEMBERS_WHO),
    read: inChat(CHAT_MEMBERS_WHO),
    notice: moderateChat(`${CHAT_MODERATORS_WHO}（置顶通知）`),
    noticeReads: moderateMessage(CHAT_MODERATORS_WHO),
    unpin: moderateMessage(CHAT_MODERATORS_WHO),
    ask: rule(
      'message',
      `消息的发送人；${CHAT_MODERATORS_WHO}`,
      (actor, message) => (Boolean(message.senderId) && message.senderId === actor.personId) || moderatesChat(actor, message),
    ),
    answer: moderateMessage(CHAT_MODERATORS_WHO),
    // Which chats' questions: the caller's own group's (a leader) or their village's (its cadres), chosen by the action.
    openQuestions: signedIn('村民小组长（本组群的）；本村的村书记、村干部（本村各群的）'),
    replyTimes: signedIn('村民小组长（本组的）；本村的村书记、村干部（本村各组的）'),
    hide: moderateMessage(`${CHAT_MODERATORS_WHO}（隐藏消息，记入台账，告知发送人）`),
    release: moderateMessage(`${CHAT_MODERATORS_WHO}（放行待审核的消息）`),
    held: moderateChat(CHAT_MODERATORS_WHO),
    aid: inChat('本群成员（发起互助求助）'),
    aidRequest: inChat('本群成员'),
    pledge: inChat('本群成员（认领帮忙：出力、送物资或线下捐钱，本应用不经手钱物）'),
    fulfil: rule('message', '求助的发起人（标记已解决并发出感谢）', (actor, aid) => Boolean(aid.senderId) && aid.senderId === actor.personId),
  },
} as const

/** The chair in person (an in-person vote is recorded by the chair alone, not by the village's cadres). */
function runsBodyAsChair(actor: Actor, body: BodyPlace): boolean {
  return Boolean(body.chairId) && body.chairId === actor.personId
}

export type Policy = typeof policy

/**
 * Who may read a file once an action has attached it, by what it is attached to: whoever may act
 * on that subject. A kind with no entry is readable by nobody (fail closed); an unattached upload
 * only by its owner.
 */
export const fileReaders: Readonly<Record<string, (actor: Actor, place: Place) => boolean>> = {
  rosterExport: (actor, village) => policy.roster.export(actor, village),
  rosterImport: (actor, village) => policy.roster.importCommit(actor, village),
  // An errand's photos: its villager, who filed it and their leader are named on the file; beyond them, the village's readers.
  errand: (actor, village) => grantReaches(actor, VILLAGE_READERS, village),
  // A chat's photos and voice: its members (a group chat's when the file names a group, else the village chat's).
  chat: (actor, place) => memberOfChat(actor, { ...place, kind: place.groupId ? 'group' : 'village' }),
}

// ── Where an actor works (for the app's entries; each answer is checked by a rule above) ─────────

/**
 * The scopes whose office holders the actor may see and manage (identity.grants), widest first.
 * A village grant's town is not known here: only the village id decides there.
 */
export function officeScopes(actor: Actor): Area[] {
  return areasNamedBy(actor, (area) => policy.identity.grants(actor, area))
}

/** The village a Party secretary or village cadre is appointed to, if any. */
export function villageInCharge(actor: Actor): string | null {
  const grant = actor.grants.find((g) => (g.role === 'village_secretary' || g.role === 'village_staff') && g.scope.level === 'village')
  return grant?.scope.level === 'village' ? grant.scope.id : null
}

/**
 * The coverage areas the actor's grants name and the coverage rule lets them see, widest first
 * (the city, then towns, then villages). A village's town is not in a village grant, so it is
 * left unknown: only the village id decides there.
 */
export function coverageAreas(actor: Actor): Area[] {
  return areasNamedBy(actor, (area) => policy.partyGroups.coverage(actor, area))
}

/** The city, the towns and the villages the actor's grants name, widest first, once each, kept where `allowed`. */
function areasNamedBy(actor: Actor, allowed: (area: Area) => boolean): Area[] {
  const named: Area[] = [CITY]
  for (const { scope } of actor.grants) {
    if (scope.level === 'town') named.push({ level: 'town', townId: scope.id, villageId: null })
    if (scope.level === 'village') named.push({ level: 'village', townId: null, villageId: scope.id })
  }
  const seen = new Set<string>()
  return named.filter((area) => {
    const key = `${area.level}:${area.townId}:${area.villageId}`
    if (seen.has(key) || !allowed(area)) return false
    seen.add(key)
    return true
  })
}
