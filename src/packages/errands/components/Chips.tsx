import { Chips as SharedChips } from '../../../components/form/Chips'

/** The shared chips, named `eu-chip` for the errands screens' styles and tests. */
export function Chips<T extends string>(props: Omit<Parameters<typeof SharedChips<T>>[0], 'chipClassName'>) {
  return <SharedChips {...props} chipClassName="eu-chip" />
}
