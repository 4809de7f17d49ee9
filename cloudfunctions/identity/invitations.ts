import { randomInt } from 'node:crypto'

/** Invitation codes are short enough to read out over the phone to an elderly villager. */
export const INVITATION_DIGITS = 8
export const INVITATION_VALID_DAYS = 7

export function newInvitationCode(): string {
  return String(randomInt(0, 10 ** INVITATION_DIGITS)).padStart(INVITATION_DIGITS, '0')
}
