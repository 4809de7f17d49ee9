/**
 * Where the domain's shapes meet the wire's. Each shape has one declaration, in the domain
 * (cloudfunctions/shared/domain); the contract (types/) describes the same data with zod for the
 * app and for validating what a function answers. The two cannot share a declaration: the domain
 * imports nothing outside itself (rule domain-is-pure) and types/ imports nothing of the functions
 * (rule contract-is-plain). So the check lives here, the one place that may see both: the build
 * fails if a zod schema and its domain shape stop being assignable to each other, in either
 * direction, which lets the store and the reports hand domain shapes to the wire as they are.
 *
 * Types only: nothing here runs or is bundled.
 */
import type { CoverageStats, StoredOverride } from '../../../types/functions/party-groups'
import type { CoverageFigures } from '../domain/coverage'
import type { Override } from '../domain/party-groups'

/**
 * true when A and B are mutually assignable and name the same fields (so an optional field on
 * one side only counts too); the tuple brackets keep unions from distributing.
 */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? ([keyof A] extends [keyof B] ? ([keyof B] extends [keyof A] ? true : false) : false) : false) : false
type Holds<T extends true> = T

export type WireShapesMatchTheDomain = [
  /** coverageStatsSchema ⇔ CoverageFigures (the domain's FormationStats; the store's PartyGroupState.stats). */
  Holds<Same<CoverageStats, CoverageFigures>>,
  /** storedOverrideSchema ⇔ Override (a Party group's appliedOverrides; the store's override documents). */
  Holds<Same<StoredOverride, Override>>,
]
