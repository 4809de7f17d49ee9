/** Lists show personal data masked: enough to recognise a neighbour, not enough to misuse. */
export function maskPhone(phone: string | null | undefined): string | null {
  if (!phone) return null
  const digits = phone.replace(/\D/g, '')
  if (digits.length < 7) return '*'.repeat(digits.length)
  return `${digits.slice(0, 3)}****${digits.slice(-4)}`
}

export function maskIdNumber(idNumber: string | null | undefined): string | null {
  if (!idNumber) return null
  if (idNumber.length < 8) return '*'.repeat(idNumber.length)
  return `${idNumber.slice(0, 4)}${'*'.repeat(idNumber.length - 8)}${idNumber.slice(-4)}`
}

/** Age in whole years on a given day, from the birth date `YYYY-MM-DD` (or year alone). */
export function ageOn(birthDate: string, today: { year: number; month: number; day: number }): number {
  const [year, month = 1, day = 1] = birthDate.split('-').map(Number)
  const hadBirthday = today.month > month || (today.month === month && today.day >= day)
  return Math.max(0, today.year - year - (hadBirthday ? 0 : 1))
}
