/** A new matter as stored: a draft of its body, with empty counters and an empty chain. */
import { GENESIS } from '../domain/councils/chain'
import type { BodyRecord, MatterFields } from './records'

/** What the one creating a matter decides; everything else starts empty. */
export type MatterContent = Pick<
  MatterFields,
  'title' | 'text' | 'kind' | 'ballot' | 'options' | 'maxChoices' | 'places' | 'rule' | 'reasonToOppose' | 'public' | 'template' | 'closesAt' | 'nonStanding' | 'electorateGroupId'
>

export function newMatter(body: BodyRecord, content: MatterContent, by: { id: string; name: string }, at: Date): MatterFields {
  return {
    ...content,
    bodyId: body._id,
    bodyKind: body.kind,
    bodyName: body.name,
    townId: body.townId,
    villageId: body.villageId,
    groupId: body.groupId,
    state: 'draft',
    createdBy: by,
    createdAt: at.toISOString(),
    publishedAt: null,
    openedAt: null,
    closedAt: null,
    recusals: [],
    voterIds: [],
    eligible: 0,
    voted: 0,
    tally: {},
    result: null,
    chain: { hash: GENESIS, length: 0 },
    reminded: false,
    minutes: null,
    notes: [],
  }
}
