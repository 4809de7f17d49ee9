import type { z } from 'zod'
import { homeContract } from './functions/home'
import { identityContract } from './functions/identity'
import { rosterContract } from './functions/roster'
import { systemContract } from './functions/system'
import { partyGroupsContract } from './functions/party-groups'
import { inboxContract } from './functions/inbox'
import { filesContract } from './functions/files'
import { councilsContract } from './functions/councils'
import { errandsContract } from './functions/errands'
import { mediationContract } from './functions/mediation'
import { chatContract } from './functions/chat'

export * from './common'
export * from './errors'
export * from './identity'
export * from './functions/home'
export * from './functions/identity'
export * from './functions/roster'
export * from './functions/roster-admin'
export * from './functions/party-groups'
export * from './functions/inbox'
export * from './functions/files'
export * from './functions/councils'
export * from './functions/errands'
export * from './functions/mediation'
export * from './functions/chat'
export * from './policy'

/** Every cloud function and its actions: the one place the app and the functions agree on. */
export const contract = {
  system: systemContract,
  identity: identityContract,
  home: homeContract,
  roster: rosterContract,
  partyGroups: partyGroupsContract,
  inbox: inboxContract,
  files: filesContract,
  councils: councilsContract,
  errands: errandsContract,
  mediation: mediationContract,
  chat: chatContract,
} as const

export type Contract = typeof contract
export type FunctionName = keyof Contract
export type ActionName<F extends FunctionName> = keyof Contract[F] & string
type ContractOf<F extends FunctionName, A extends ActionName<F>> = Contract[F][A] extends {
  input: infer I extends z.ZodType
  output: infer O extends z.ZodType
}
  ? { input: I; output: O }
  : never
/** What the caller sends (before defaults are applied). */
export type InputOf<F extends FunctionName, A extends ActionName<F>> = z.input<ContractOf<F, A>['input']>
/** What the handler receives (after parsing). */
export type ParsedInputOf<F extends FunctionName, A extends ActionName<F>> = z.output<ContractOf<F, A>['input']>
export type OutputOf<F extends FunctionName, A extends ActionName<F>> = z.output<ContractOf<F, A>['output']>
