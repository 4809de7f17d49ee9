/** Stand-in until the sample catalog lands (the helper's branch replaces this file). */
export interface CatalogEntry {
  id: string
  name: string
  days: number
  materials: string[]
  handledBy: 'village' | 'town'
  inPerson: boolean
}
export const SAMPLE_LABEL = '示例事项清单（各村可按实际开关、调整时限）'
export const SAMPLE_CATALOG: ReadonlyArray<{ id: string; name: string; items: readonly CatalogEntry[] }> = [
  { id: 'social', name: '社会保障', items: [{ id: 'ss-pension-enrol', name: '城乡居民养老保险参保登记', days: 5, materials: ['身份证', '户口簿'], handledBy: 'town', inPerson: false }] },
]
export function catalogItem(id: string): CatalogEntry | null {
  for (const category of SAMPLE_CATALOG) for (const item of category.items) if (item.id === id) return item
  return null
}
