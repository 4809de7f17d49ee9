import { mkdirSync } from 'node:fs'
import { expect, test, type Page } from '@playwright/test'
import type { Persona } from '../../types'
import { callAs, expectSizes, loginAs, openTab, personas, settle } from './helpers'

/**
 * Issue 10: a villager of 合兴村2组 asks for one of the five most-used items from 首页 in at most 4
 * taps (counted); the group leader signs for it and marks it done; the villager rates it 不满意 and
 * it reopens; the leader marks it done again; 满意 closes it; the town officer's page counts it.
 * The same journey in 长辈模式. Screenshots of every screen go to /tmp/errands-shots/.
 */

const SIZES = { normal: { text: 16, tap: 48 }, care: { text: 18, tap: 60 } } as const
type Mode = keyof typeof SIZES
const SHOTS = '/tmp/errands-shots'

async function shot(page: Page, mode: Mode, name: string): Promise<void> {
  await settle(page)
  mkdirSync(SHOTS, { recursive: true })
  const size = page.viewportSize()!
  const height = await page.evaluate(() =>
    Math.max(...Array.from(document.querySelectorAll('.cz-screen')).map((el) => (el.getBoundingClientRect().height > 0 ? el.scrollHeight : 0))),
  )
  await page.setViewportSize({ width: size.width, height: Math.max(size.height, Math.ceil(height) + 60) })
  await page.screenshot({ path: `${SHOTS}/${mode}-${name}.png` })
  await page.setViewportSize(size)
}

async function switchTo(page: Page, persona: Persona): Promise<void> {
  await page.evaluate(() => localStorage.removeItem('cz.token'))
  await loginAs(page, persona)
}

interface Figures {
  parts: { key: string; label: string; requests: number; personTimes: number }[]
}

for (const mode of ['normal', 'care'] as const) {
  test(`a villager asks from 首页 in ≤ 4 taps; the leader does it; 不满意 reopens, 满意 closes; the town counts it (${mode})`, async ({ page, request }) => {
    test.setTimeout(240_000)
    const { text: minText, tap: minTap } = SIZES[mode]
    const all = await personas(request)
    const villager = all.find((p) => p.description?.startsWith('合兴村2组村民：'))!
    const leader = all.find((p) => p.description?.startsWith('合兴村2组村民小组长'))!
    const officer = all.find((p) => p.description?.startsWith('四甲镇镇干部'))!
    expect(villager && leader && officer, 'the 合兴村2组 villager, its leader and the town officer personas').toBeTruthy()
    expect(leader.name).toBe('朱美萍')
    const townId = (await callAs<{ grants: { scope: { level: string; id?: string } }[] }>(request, officer.id, 'identity', 'me', {})).grants.find((g) => g.scope.level === 'town')!
      .scope.id!
    const before = await callAs<Figures>(request, officer.id, 'errands', 'figures', { scopeId: townId, months: 12 })
    const village = before.parts.find((part) => part.key === villager.villageId)
    const countedBefore = village?.requests ?? 0

    await page.goto('/')
    if (mode === 'care') await page.evaluate(() => localStorage.setItem('cz.careMode', JSON.stringify({ data: true })))

    // The villager: 首页 → an item (1) → a contact time (2) → 提交 (3): every tap counted.
    await loginAs(page, villager)
    let taps = 0
    const tap = async (selector: string) => {
      taps += 1
      await page.locator(selector).click()
    }
    const quick = page.locator('.home-errands:visible .ec-quick__item')
    await expect(quick).toHaveCount(5)
    await shot(page, mode, 'home')
    await expectSizes(page, `home (${mode})`, minText, minTap)
    const itemName = ((await quick.first().locator('.ec-quick__name').textContent()) ?? '').trim()
    await tap('.home-errands:visible .ec-quick__item >> nth=0')
    await expect(page.locator('.eu-item-name:visible')).toHaveText(itemName)
    await expect(page.locator('.eu-days:visible')).toContainText('个工作日内办好')
    await expect(page.locator('.eu-material:visible').first()).toBeVisible()

    // A draft survives closing the app: the note typed is there after a reload (typing is not a tap).
    const note = `家里老人腿脚不便 ${mode}`
    await page.locator('.eu-note-input:visible textarea').fill(note)
    await page.waitForTimeout(300)
    await page.reload()
    await expect(page.locator('.eu-note-input:visible textarea')).toHaveValue(note)
    await expect(page.locator('.eu-restored:visible')).toBeVisible()

    await tap('.eu-contact-time:visible .eu-chip[data-value="上午"]')
    await shot(page, mode, 'confirm')
    await expectSizes(page, `confirm (${mode})`, minText, minTap)
    await tap('.eu-submit:visible')
    const number = ((await page.locator('.eu-done-number:visible').textContent()) ?? '').trim()
    expect(number).not.toBe('')
    expect(taps, 'taps from 首页 to the request filed').toBeLessThanOrEqual(4)
    await shot(page, mode, 'done')
    await expectSizes(page, `done (${mode})`, minText, minTap)

    // The draft is gone once filed: the item opens empty.
    await page.locator('.eu-done-open:visible').click()
    await expect(page.locator('.eu-detail-state:visible')).toHaveText('已提交，等组长签收')
    await expect(page.locator('.eu-detail-due:visible')).toContainText(/还剩 \d+ 个工作日|今天到期/)
    await shot(page, mode, 'detail-submitted')
    await expectSizes(page, `detail (${mode})`, minText, minTap)

    // The leader: the 办事 tab shows the count; 组长待办 → 签收 on the row, then 办好了 on its page.
    await switchTo(page, leader)
    await openTab(page, '办事')
    await expect(page.locator('.cz-tabbar__item:visible', { hasText: '办事' }).locator('.cz-tabbar__badge')).toBeVisible()
    await expect(page.locator('.services-todo:visible')).toContainText(/待办 \d+ 件/)
    await shot(page, mode, 'services-leader')
    await page.locator('.services-todo:visible .ec-todo__open').click()
    const row = page.locator(`.eu-todo .eu-row[data-number="${number}"]:visible`)
    await expect(row).toBeVisible()
    await expect(row).toContainText(villager.name)
    await shot(page, mode, 'todo')
    await expectSizes(page, `todo (${mode})`, minText, minTap)
    await row.locator('.eu-row-step--accepted').click()
    await expect(row.locator('.eu-row__state')).toHaveText('已签收')
    await row.locator('.eu-row__open').click()
    await expect(page.locator('.eu-detail-state:visible')).toHaveText('组长已签收')
    await shot(page, mode, 'detail-leader')
    await expectSizes(page, `detail as leader (${mode})`, minText, minTap)
    await page.locator('.eu-step-button--done:visible').click()
    await expect(page.locator('.eu-detail-state:visible')).toHaveText('已办好，等您评价')

    // The villager: 我的申请 → the request → 不满意 (with a note): it goes back to the leader.
    await switchTo(page, villager)
    await page.locator('.home-errands:visible .ec-mine').click()
    const mine = page.locator(`.eu-mine .eu-row[data-number="${number}"]:visible`)
    await expect(mine).toContainText('已办好，等您评价')
    await shot(page, mode, 'mine')
    await expectSizes(page, `mine (${mode})`, minText, minTap)
    await mine.locator('.eu-row__open').click()
    await expect(page.locator('.eu-rate:visible')).toBeVisible()
    await shot(page, mode, 'rate')
    await expectSizes(page, `rate (${mode})`, minText, minTap)
    await page.locator('.eu-rate-note:visible textarea').fill('还少盖一个章')
    await page.locator('.eu-rate-button--unsatisfied:visible').click()
    await expect(page.locator('.eu-detail-state:visible')).toHaveText('组长已签收')
    await expect(page.locator('.eu-history:visible')).toContainText('还少盖一个章')

    // The leader does it again.
    await switchTo(page, leader)
    await page.goto(`/#/packages/errands/pages/todo/index`)
    await page.locator(`.eu-todo .eu-row[data-number="${number}"]:visible .eu-row__open`).click()
    await page.locator('.eu-step-button--done:visible').click()
    await expect(page.locator('.eu-detail-state:visible')).toHaveText('已办好，等您评价')

    // 满意 closes it.
    await switchTo(page, villager)
    await page.locator('.home-errands:visible .ec-mine').click()
    await page.locator(`.eu-mine .eu-row[data-number="${number}"]:visible .eu-row__open`).click()
    await page.locator('.eu-rate-button--satisfied:visible').click()
    await expect(page.locator('.eu-detail-state:visible')).toHaveText('已办结')
    await expect(page.locator('.eu-rating:visible')).toContainText('满意')
    await shot(page, mode, 'closed')

    // The town officer: 办事 → 本镇办事情况: 合兴村's row counts it.
    const after = await callAs<Figures>(request, officer.id, 'errands', 'figures', { scopeId: townId, months: 12 })
    const counted = after.parts.find((part) => part.key === villager.villageId)!
    expect(counted.requests).toBe(countedBefore + 1)
    await switchTo(page, officer)
    await openTab(page, '办事')
    await page.locator('.services-scope-open:visible').click()
    await expect(page.locator('.eu-scope-title:visible')).toContainText('办事情况')
    const tableRow = page.locator(`.eu-parts-table .eu-table__row[data-key="${villager.villageId}"]:visible`)
    await expect(tableRow.locator('.eu-cell-requests')).toHaveText(String(counted.requests))
    await shot(page, mode, 'town')
    await expectSizes(page, `town (${mode})`, minText, minTap)
    await page.locator('.eu-scope-tabs .eu-chip[data-value="list"]:visible').click()
    await expect(page.locator(`.eu-scope-list .eu-row[data-number="${number}"]:visible`)).toContainText('已办结')
    await shot(page, mode, 'town-list')
  })
}

for (const mode of ['normal', 'care'] as const) {
  test(`the leader files for an elder (当面同意), returns it, the elder answers; the secretary sets the catalog (${mode})`, async ({ page, request }) => {
    test.setTimeout(240_000)
    const { text: minText, tap: minTap } = SIZES[mode]
    const all = await personas(request)
    const leader = all.find((p) => p.description?.startsWith('合兴村2组村民小组长'))!
    const secretary = all.find((p) => p.description?.startsWith('合兴村党组织书记'))!
    const personaIds = new Set(all.map((p) => p.id))
    const members = await callAs<{ items: { id: string; name: string; age: number }[] }>(request, leader.id, 'roster', 'groupMembers', { groupId: leader.groupId, limit: 50 })
    const elder = members.items.filter((m) => !personaIds.has(m.id) && m.age >= 18)[mode === 'normal' ? 0 : 1]!

    await page.goto('/')
    if (mode === 'care') await page.evaluate(() => localStorage.setItem('cz.careMode', JSON.stringify({ data: true })))

    // The leader: 组长待办 → 替村民代办 → find the elder → 全部事项 → an item → 当面同意 → 提交.
    await loginAs(page, leader)
    await page.goto('/#/packages/errands/pages/todo/index')
    await page.locator('.eu-proxy-start:visible').click()
    await page.locator('.eu-proxy-search:visible input').fill(elder.name)
    const hit = page.locator(`.eu-proxy-hit[data-person-id="${elder.id}"]:visible`)
    await expect(hit).toBeVisible()
    await shot(page, mode, 'proxy-pick')
    await expectSizes(page, `proxy pick (${mode})`, minText, minTap)
    await hit.click()
    await expect(page.locator('.cz-page-title:visible')).toContainText(`为 ${elder.name} 代办`)
    await shot(page, mode, 'catalog')
    await expectSizes(page, `catalog (${mode})`, minText, minTap)
    // 低保 as villagers say it finds 最低生活保障申请.
    await page.locator('.eu-search:visible input').fill('低保')
    await expect(page.locator('.eu-items:visible .eu-item').first()).toContainText('最低生活保障')
    await page.locator('.eu-items:visible .eu-item').first().click()
    await expect(page.locator('.eu-for:visible')).toHaveText(`为 ${elder.name} 代办`)
    await page.locator('.eu-consent-how:visible .eu-chip[data-value="in_person"]').click()
    await page.locator('.eu-consent-note:visible textarea').fill('12月1日上午在老人家里，儿子在场，本人同意')
    await shot(page, mode, 'proxy-confirm')
    await expectSizes(page, `proxy confirm (${mode})`, minText, minTap)
    await page.locator('.eu-submit:visible').click()
    const number = ((await page.locator('.eu-done-number:visible').textContent()) ?? '').trim()
    expect(number).not.toBe('')
    await page.locator('.eu-done-open:visible').click()
    await expect(page.locator('.eu-proxy-tag:visible')).toContainText('组长代办')

    // 签收, then 退回 with a reason.
    await page.locator('.eu-step-button--accepted:visible').click()
    await expect(page.locator('.eu-detail-state:visible')).toHaveText('组长已签收')
    await page.locator('.eu-return-start:visible').click()
    await page.locator('.eu-step-note:visible textarea').fill('缺户口簿复印件')
    await shot(page, mode, 'return')
    await page.locator('.eu-return-submit:visible').click()
    await expect(page.locator('.eu-detail-state:visible')).toHaveText('退回补充，等您回复')

    // The elder (signed in by a relative's phone): 我的申请 shows it with 组长代办; answers the return.
    await page.evaluate(() => localStorage.removeItem('cz.token'))
    const res = await request.post('/api/dev/login', { data: { personId: elder.id } })
    const { data } = (await res.json()) as { data: { token: string } }
    await page.evaluate((token) => localStorage.setItem('cz.token', JSON.stringify({ data: token })), data.token)
    await page.goto('/#/packages/errands/pages/mine/index')
    await page.reload()
    const row = page.locator(`.eu-mine .eu-row[data-number="${number}"]:visible`)
    await expect(row).toContainText('组长代办')
    await row.locator('.eu-row__open').click()
    await expect(page.locator('.eu-return-reason:visible')).toContainText('缺户口簿复印件')
    await shot(page, mode, 'respond')
    await expectSizes(page, `respond (${mode})`, minText, minTap)
    await page.locator('.eu-respond-note:visible textarea').fill('复印件已经交给组长了')
    await page.locator('.eu-respond-submit:visible').click()
    await expect(page.locator('.eu-detail-state:visible')).toHaveText('组长已签收')
    await shot(page, mode, 'proxy-detail-villager')
    await expectSizes(page, `proxy detail as the villager (${mode})`, minText, minTap)
    // The elder may still withdraw consent: asked first, then what is not handed on is cancelled.
    await page.locator('.eu-consent-withdraw:visible').click()
    await expect(page.locator('.taro-modal__text')).toContainText('撤回后')
    await page.locator('.taro-model__confirm').click()
    await expect(page.locator('.eu-detail-state:visible')).toHaveText('已取消')
    await expect(page.locator('.eu-history:visible')).toContainText('本人撤回同意')

    // The secretary: 本村办事情况 → 事项设置: a time limit changed with a reason; 督办到镇 after 2 days.
    await page.evaluate(() => localStorage.removeItem('cz.token'))
    await loginAs(page, secretary)
    await openTab(page, '办事')
    await page.locator('.services-scope-open:visible').click()
    await expect(page.locator('.eu-parts-table:visible')).toBeVisible()
    await shot(page, mode, 'village')
    await expectSizes(page, `village figures (${mode})`, minText, minTap)
    await page.locator('.eu-scope-tabs .eu-chip[data-value="manage"]:visible').click()
    const item = page.locator('.eu-manage-item:visible').first()
    await item.click()
    const editor = page.locator('.eu-item-editor:visible')
    await editor.locator('.eu-stepper__plus').click()
    await editor.locator('.eu-item-note textarea').fill('本村材料齐的多，多给一天')
    await shot(page, mode, 'manage')
    await expectSizes(page, `manage (${mode})`, minText, minTap)
    await editor.locator('.eu-item-save').click()
    await expect(page.locator('.eu-item-editor:visible')).toHaveCount(0)
    await page.locator('.eu-escalation-days .eu-stepper__minus:visible').click()
    await page.locator('.eu-escalation-note:visible textarea').fill('镇里要求超期两天就报')
    await page.locator('.eu-escalation-save:visible').click()
    await expect(page.locator('.eu-escalation-saved:visible')).toContainText('超期 2 个工作日')
  })
}
