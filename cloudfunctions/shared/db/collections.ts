/**
 * Every collection and its indexes (only those some query narrows by: each costs every write), declared once and applied to both stores (the embedded store
 * creates them on start; `npm run cloud:indexes` prints them for CloudBase). Indexed fields must hold
 * scalars: the embedded store narrows by them before the exact match. An index whose last field is a
 * query's order (after equality on the others) also orders its page, so that field must hold one
 * type throughout (all numbers or all strings).
 * Each document carries `_v`, the schema version it was written with; a migration lifts older ones.
 */
export interface CollectionSpec {
  indexes: string[][]
  /** Current schema version of documents in this collection. */
  version: number
  /** migrations[n] turns a version-n document into version n+1. */
  migrations?: Record<number, (doc: Record<string, unknown>) => Record<string, unknown>>
}

export const COLLECTIONS = {
  towns: { indexes: [], version: 1 },
  villages: { indexes: [['townId']], version: 1 },
  groups: { indexes: [['villageId']], version: 1 },
  households: { indexes: [['villageId']], version: 1 },
  people: { indexes: [['groupId'], ['villageId']], version: 1 },
  /** `scope.id`: a village's or town's office holders (errand handlers, the job errands/deadlines, offices, councils). */
  grants: { indexes: [['personId'], ['scope.id']], version: 1 },
  /** _id is the WeChat OPENID; one binding per person. */
  bindings: { indexes: [['personId']], version: 1 },
  /**
   * v2: `status` open → used | expired (the job identity/expireInvitations expires stale ones) |
   * void (a newer code for the person, or the person left the roster; no migration: new value only).
   */
  invitations: {
    indexes: [['code'], ['status'], ['personId']],
    version: 2,
    migrations: { 1: (doc) => ({ ...doc, status: doc.usedAt ? 'used' : 'open' }) },
  },
  partyGroups: { indexes: [['villageId']], version: 1 },
  servicePoints: { indexes: [['partyGroupId'], ['villageId']], version: 1 },
  /**
   * Group councils and village boards (cloudfunctions/shared/councils/records.ts). v2: `kind`, `name`,
   * `members` with seats (v1 had `chairId` and a bare `memberIds`).
   */
  councils: {
    indexes: [['villageId']],
    version: 2,
    migrations: {
      1: (doc) => ({
        ...doc,
        kind: 'group_council',
        name: '村民小组议事会',
        members: [
          ...(doc.chairId ? [{ personId: doc.chairId, seat: 'chair' }] : []),
          ...((doc.memberIds as string[] | undefined) ?? []).map((personId) => ({ personId, seat: 'member' })),
        ],
      }),
    },
  },
  /** Council matters: counters and the chain head on the matter; `state` + `closesAt` drive councils/closeAndRemind. */
  matters: { indexes: [['bodyId'], ['villageId'], ['state']], version: 1 },
  /** One ballot slot per voter per matter (`_id` `<matterId>|<voterId>`); never a secret ballot's choice. */
  ballots: { indexes: [['matterId'], ['personId']], version: 1 },
  /** A matter's hash chain, one link per document (`_id` `<matterId>|<seq>`). */
  matterLinks: { indexes: [['matterId']], version: 1 },
  matterComments: { indexes: [['matterId']], version: 1 },
  /** 议题征集: villagers' proposals to their group council (or forwarded to the village board). */
  proposals: { indexes: [['bodyId'], ['villageId']], version: 1 },
  /** The village secretary's changes to the computed Party groups, re-applied on every recompute. */
  partyGroupOverrides: { indexes: [['villageId']], version: 1 },
  /** Every change, who made it, before/after (audit/audit.ts); the ledger (台账) is a view over it. */
  audit: { indexes: [['villageId'], ['subjectId']], version: 1 },
  /** One person's notices (inbox/notify.ts); `deliveryState` drives the job inbox/deliver. */
  inbox: { indexes: [['personId'], ['deliveryState']], version: 1 },
  /** One notice to a whole group or village, merged into each member's inbox. */
  broadcasts: { indexes: [['scopeId'], ['deliveryState']], version: 1 },
  /** Who has read which broadcast: `_id` is `<broadcastId>:<personId>`. */
  broadcastReads: { indexes: [['personId']], version: 1 },
  /** Local stand-in for WeChat: the subscription messages that would have been sent. */
  outbox: { indexes: [], version: 1 },
  /** The city's working-day table: _id is the date (YYYY-MM-DD), overriding the national arrangement. */
  calendarDays: { indexes: [], version: 1 },
  /**
   * _id is the storage file ID. Who uploaded it, what for, and what it belongs to once an action
   * attaches it; the expiry job finds unattached uploads by expiresAt (null once attached).
   */
  files: { indexes: [['expiresAt']], version: 1 },
  /** _id `<personId>|<Beijing date>`: that day's uploads (count, bytes), counted in the transaction recording each upload. */
  uploadQuotas: { indexes: [['expiresAt']], version: 1 },
  /**
   * Errand requests (cloudfunctions/shared/errands/records.ts); `nextCheckAt` drives errands/deadlines;
   * `open, groupId` finds a leader's to-do among a group's year of requests (by `groupId` alone it read ~56 for 1–3).
   */
  errands: { indexes: [['groupId'], ['villageId'], ['townId'], ['forPersonId'], ['nextCheckAt'], ['open', 'groupId']], version: 1 },
  /** `_id` is the village: its catalog choices, escalation setting and item use counts. */
  /** Mediation cases (cloudfunctions/shared/mediation/records.ts); `nextCheckAt` drives mediation/timeLimits. */
  mediationCases: { indexes: [['nextCheckAt'], ['villageId']], version: 1 },
  /** One entry per case per list it is on (`key`: party/group/village/town/police), ordered by `sortKey`. */
  mediationEntries: { indexes: [['key'], ['caseId']], version: 1 },
  /** Open cases now, by dashboard bucket, per village and town (`_id` = the scope id). */
  mediationOpen: { indexes: [['scopeId']], version: 1 },
  /** Per village and town and month: opened, closed, resolved, first contacts (`_id` `<scopeId>:<YYYY-MM>`). */
  mediationFigures: { indexes: [['scopeId']], version: 1 },
  /** A town's time limits per level (`_id` = the town id); absent: the defaults. */
  mediationLimits: { indexes: [], version: 1 },
  /** A chat's running number, last message, shown count and pinned notices (`_id` = `group:<id>` | `village:<id>`); members follow the roster. */
  chats: { indexes: [], version: 1 },
  /**
   * Messages, `_id` `<chatId>|<seq>`, paged by `seq` within a chat: `chatId, seq` hands a page (the
   * latest 20, the next by cursor, what is newer than a poll's `after`) in order without reading the
   * chat's other messages (by `chatId` alone, opening a 45,000-message chat sorted them all).
   */
  chatMessages: { indexes: [['chatId', 'seq']], version: 1 },
  /** Send keys (`sha256(chat|sender|clientId)` → message): a retried send stores nothing. */
  chatSends: { indexes: [], version: 1 },
  /** Read pointers (`_id` `<personId>|<chatId>`): unread counts and "read by N of M". */
  chatReads: { indexes: [['chatId']], version: 1 },
  /** Who has opened the chats (`_id` = personId): the M of "read by N of M". */
  chatPresence: { indexes: [], version: 1 },
  /** Questions (`_id` = messageId): open ones per chat and village, slowest first. */
  chatQuestions: { indexes: [['chatId'], ['villageId']], version: 1 },
  /** Reply-time counters per chat (`_id` = chatId). */
  chatReplyStats: { indexes: [], version: 1 },
  /** One-minute send windows per person (`_id` = personId). */
  chatRates: { indexes: [], version: 1 },
  /** Mutual-aid requests (微公益) with their pledges. */
  chatAid: { indexes: [['chatId']], version: 1 },
  errandSettings: { indexes: [], version: 1 },
  /** Errand figures per group, village and town and month (`<level>:<scopeId>:<YYYY-MM>`). */
  errandFigures: { indexes: [['scopeId'], ['townId'], ['villageId']], version: 1 },
  /** Running numbers, e.g. `errands:<villageId>:<year>` for request numbers. */
  counters: { indexes: [], version: 1 },
  meta: { indexes: [], version: 1 },
} as const satisfies Record<string, CollectionSpec>

export type CollectionName = keyof typeof COLLECTIONS

export const SCHEMA_VERSION_FIELD = '_v'

export function collectionSpec(name: string): CollectionSpec {
  const spec = (COLLECTIONS as Record<string, CollectionSpec>)[name]
  if (!spec) throw new Error(`Unknown collection "${name}": declare it in collections.ts`)
  return spec
}
