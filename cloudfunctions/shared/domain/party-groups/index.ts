export { formPartyGroups } from './form-party-groups';
export { groupFactsFrom, partyMemberFactsFrom } from './group-facts';
export type { RosterGroup, RosterMember } from './group-facts';
export {
  groupLabel,
  LEADER_TO_BE_APPOINTED,
  MIN_PARTY_MEMBERS,
  OVERRIDE_PROBLEM_WORDS,
  REASON_WORDS,
} from './reasons';
export type * from './types';
