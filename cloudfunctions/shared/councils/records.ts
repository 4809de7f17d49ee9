/**
 * Councils as stored. A body's `_id` is fixed by what it belongs to (`council-<groupId>`,
 * `board-<villageId>`), so a villager's two bodies need no lookup. A matter keeps its counters and
 * its chain head; each ballot slot is its own document (so "who has not voted" is one query and
 * votes on one matter never rewrite each other's slots); every link of the hash chain is a document.
 *
 * Secret ballots: the slot says only that its holder voted; what was chosen exists only as the
 * matter's per-option counters, incremented in the same transaction. No document, field, id or
 * timestamp ties the two together.
 */
import type { BodyKind, SeatHolder } from '../domain/councils/composition'
import type { Link } from '../domain/councils/chain'
import type { Choice, Outcome, PassRule } from '../domain/councils/tally'
import type { MatterState } from '../domain/councils/lifecycle'
import type { StoredDoc } from '../db/port'

export const councilIdOf = (groupId: string) => `council-${groupId}`
export const boardIdOf = (villageId: string) => `board-${villageId}`

export interface BodyRecord extends StoredDoc {
  kind: BodyKind
  townId: string
  villageId: string
  groupId: string | null
  name: string
  /** The group leader (a council) or the village Party secretary (a board), kept in step with the roster. */
  chairId: string | null
  /** Standing members, the chair first in the `chair` seat. */
  members: SeatHolder[]
}

export interface MatterOption {
  id: string
  label: string
  personId: string | null
}

export interface NonStandingMember {
  /** `personId`, or `ns:<n>` for someone from outside the roster (votes through the chair). */
  voterId: string
  personId: string | null
  name: string
  role: string
}

export interface MatterRecord extends StoredDoc, MatterFields {}

/** What a new matter is written with (the store adds `_id`). */
export type MatterFields = {
  bodyId: string
  bodyKind: BodyKind
  bodyName: string
  townId: string
  villageId: string
  groupId: string | null
  title: string
  text: string
  kind: 'motion' | 'choice' | 'election'
  ballot: 'named' | 'secret'
  options: MatterOption[]
  maxChoices: number
  /** How many win (a choice: maxChoices; an election: its seats). */
  places: number
  rule: PassRule
  reasonToOppose: boolean
  public: boolean
  template: string | null
  state: MatterState
  createdBy: { id: string; name: string }
  createdAt: string
  publishedAt: string | null
  openedAt: string | null
  closesAt: string
  closedAt: string | null
  nonStanding: NonStandingMember[]
  recusals: Array<{ personId: string; name: string; reason: string }>
  /** People holding a live ballot slot once voting opened (for the rules); before, empty. */
  voterIds: string[]
  /** An election's electorate: the adults of this villager group when voting opens. */
  electorateGroupId: string | null
  eligible: number
  voted: number
  /** Per choice (agree/oppose/abstain or option id): the current count. Secret: the sealed counters. */
  tally: Record<string, number>
  result: Outcome | null
  chain: { hash: string; length: number }
  /** The 24-hour reminder went out (once per matter; each slot records its own). */
  reminded: boolean
  minutes: { attendees: string[]; summary: string; decisions: string; recordedAt: string; recordedBy: string } | null
  notes: Array<{ text: string; at: string; by: string }>
}

export interface BallotRecord extends StoredDoc, BallotFields {}

/** What a new ballot is written with (the store adds `_id`). */
export type BallotFields = {
  matterId: string
  voterId: string
  personId: string | null
  name: string
  villageId: string
  /** True while the matter is voting (what 「需要我表决」 asks for). */
  open: boolean
  closesAt: string
  voted: boolean
  /** Named ballots only. */
  choice: Choice | null
  reason: string | null
  recordedByChair: boolean
  lost: string | null
  reminded: boolean
}

export interface MatterLinkRecord extends StoredDoc, Link {
  matterId: string
}

export interface CommentRecord extends StoredDoc, CommentFields {}

/** What a new comment is written with (the store adds `_id`). */
export type CommentFields = {
  matterId: string
  authorId: string
  authorName: string
  text: string
  at: string
}

export interface ProposalRecord extends StoredDoc, ProposalFields {}

/** What a new proposal is written with (the store adds `_id`). */
export type ProposalFields = {
  bodyId: string
  townId: string
  villageId: string
  groupId: string | null
  title: string
  text: string
  proposerId: string
  proposerName: string
  supporterIds: string[]
  state: 'open' | 'adopted' | 'forwarded' | 'declined'
  answer: { reason: string | null; at: string; by: string; matterId: string | null; proposalId: string | null } | null
  createdAt: string
}
