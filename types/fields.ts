/**
 * Named field rules for the contract's inputs: every text an action accepts is one of these, so it
 * is cleaned (control, bidi and invisible characters removed, trimmed) and bounded exactly as the
 * roster import's cells are (both read ./text-rules.ts). Use these, never a bare z.string(), for
 * text that may reach the store.
 */
import { z } from 'zod'
import { idSchema } from './common'
import { cleanText, TEXT_RULES, textProblem, type TextRule } from './text-rules'

/** A string field under a rule: cleaned first, then checked, with the rule's Chinese message. */
export function textField(rule: TextRule, overrides: Partial<TextRule> = {}) {
  const effective: TextRule = { ...rule, ...overrides }
  return z
    .string({ error: `${effective.label}应是文字` })
    .overwrite((raw) => cleanText(raw, effective))
    .check((context) => {
      const problem = textProblem(context.value, effective)
      if (problem !== null) context.issues.push({ code: 'custom', message: problem, input: context.value })
    })
}

export const personName = textField(TEXT_RULES.personName)
export const placeName = textField(TEXT_RULES.placeName)
export const dayName = textField(TEXT_RULES.dayName)
export const householdNo = textField(TEXT_RULES.householdNo)
export const address = textField(TEXT_RULES.address)
export const phone = textField(TEXT_RULES.phone)
export const fileName = textField(TEXT_RULES.fileName)
export const shortText = textField(TEXT_RULES.shortText)
export const reason = textField(TEXT_RULES.reason)
export const longText = textField(TEXT_RULES.longText)

/** Record ids (≤ 64 characters), as everywhere in the contract. */
export const id = idSchema

/** A stored file's id: a storage path (cloud://… or local), longer than a record id. */
export const fileId = textField({ label: '文件编号', max: 300, min: 1, multiline: false, noFormula: false })
