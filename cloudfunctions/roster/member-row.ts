import type { RosterMember } from '../../types/functions/roster'
import { ageOn, maskPhone } from '../shared/domain/personal-data'
import type { GroupRecord, PersonRecord } from '../shared/records/records'

/** One villager as every roster list shows them: masked phone, age today, leader flag. */
export function memberRow(person: PersonRecord, group: Pick<GroupRecord, 'leaderId'>, today: { year: number; month: number; day: number }): RosterMember {
  return {
    id: person._id,
    name: person.name,
    householdNo: person.householdNo ?? '',
    gender: person.gender,
    age: ageOn(person.birthDate, today),
    partyMember: Boolean(person.partyMembership),
    isLeader: group.leaderId === person._id,
    phone: maskPhone(person.phone),
  }
}
