/** The catalog a village offers (the sample, as each village switched and timed it), and its settings. */
import { policy, villageInCharge } from '../../types/policy'
import type { CatalogItem } from '../../types/functions/errands'
import { audit } from '../shared/audit/audit'
import { catalogItem, SAMPLE_CATALOG, type CatalogEntry } from '../shared/domain/errands/catalog'
import { settingsOf } from '../shared/errands/steps'
import type { ErrandSettingsRecord } from '../shared/errands/records'
import { allowBy, allowOnVillage, placeOfVillage, requireVillage } from '../shared/records/village-access'
import { invalidInput, notFound } from '../shared/runtime/app-error'
import type { ActionTable } from '../shared/runtime/define-function'

export function offered(entry: CatalogEntry, settings: ErrandSettingsRecord): CatalogItem {
  const own = settings.items[entry.id]
  return {
    id: entry.id,
    name: entry.name,
    days: own?.days ?? entry.days,
    materials: entry.materials,
    handledBy: entry.handledBy,
    inPerson: entry.inPerson,
    enabled: own?.enabled ?? true,
    uses: settings.uses[entry.id] ?? 0,
  }
}

export const catalogActions: Pick<ActionTable<'errands'>, 'catalog' | 'setItem' | 'setEscalation'> = {
  catalog: {
    allow: allowBy(policy.errands.catalog),
    run: async ({ db, places, caller }, { villageId }) => {
      const id = villageId ?? caller.villageId ?? villageInCharge(caller)
      if (!id) return { sample: true, categories: [] }
      const village = await requireVillage(places, id)
      const settings = await settingsOf(db, id)
      // Switched-off items are for the village's cadres to switch back on; villagers see what is offered.
      const all = policy.errands.setItem(caller, placeOfVillage(village))
      return {
        sample: true,
        categories: SAMPLE_CATALOG.map((category) => ({
          id: category.id,
          name: category.name,
          items: category.items
            .map((entry) => offered(entry, settings))
            .filter((item) => all || item.enabled)
            .sort((a, b) => b.uses - a.uses),
        })).filter((category) => category.items.length > 0),
      }
    },
  },

  setItem: {
    allow: allowOnVillage(policy.errands.setItem, (input) => input.villageId),
    run: async ({ db, places, caller, now }, { villageId, itemId, enabled, days, note }) => {
      const village = await requireVillage(places, villageId)
      const entry = catalogItem(itemId)
      if (!entry) throw notFound('这个事项')
      const at = now()
      return db.runTransaction(async (tx) => {
        const settings = await settingsOf(tx, villageId)
        const before = offered(entry, settings)
        const items = { ...settings.items, [itemId]: { enabled, days: days ?? before.days } }
        await tx.collection('errandSettings').doc(villageId).set({ items, townAfterDays: settings.townAfterDays, uses: settings.uses })
        const after = offered(entry, { ...settings, items })
        await audit(tx, caller, {
          at,
          scope: { townId: village.townId, villageId },
          subject: { kind: 'village', id: villageId },
          action: 'errands.setItem',
          summary: `${village.name}：「${entry.name}」${enabled ? '开放' : '关闭'}，时限 ${after.days} 个工作日`,
          before: { enabled: before.enabled, days: before.days },
          after: { enabled, days: after.days },
          note,
        })
        return after
      })
    },
  },

  setEscalation: {
    allow: allowOnVillage(policy.errands.setEscalation, (input) => input.villageId),
    run: async ({ db, places, caller, now }, { villageId, townAfterDays, note }) => {
      const village = await requireVillage(places, villageId)
      if (!Number.isInteger(townAfterDays)) throw invalidInput([{ path: 'data.townAfterDays', message: '请填整数' }])
      const at = now()
      return db.runTransaction(async (tx) => {
        const settings = await settingsOf(tx, villageId)
        await tx.collection('errandSettings').doc(villageId).set({ items: settings.items, townAfterDays, uses: settings.uses })
        await audit(tx, caller, {
          at,
          scope: { townId: village.townId, villageId },
          subject: { kind: 'village', id: villageId },
          action: 'errands.setEscalation',
          summary: `${village.name}：逾期 ${townAfterDays} 个工作日后督办到镇`,
          before: { townAfterDays: settings.townAfterDays },
          after: { townAfterDays },
          note,
        })
        return { townAfterDays }
      })
    },
  },
}
