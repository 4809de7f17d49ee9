import { mkdirSync, readFileSync } from 'node:fs'
import { expect, test, type Page } from '@playwright/test'
import type { Persona } from '../../types'
import { expectSizes, loginAs, openTab, personas, settle } from './helpers'

/**
 * Issue 11 (老娘舅): the leader of 合兴村2组 opens a case flagged 越级上访 from 首页; it is at once on
 * the village secretary's and the town officer's lists and in the town officer's 消息; the town
 * officer signs for it, records a written agreement and downloads the .docx, closes the case and
 * schedules a follow-up; the leader of another group sees nothing of it (not in a list, and the
 * case's own address says 没有找到). The same in 长辈模式. Screenshots go to /tmp/mediation-shots/.
 */

const SIZES = { normal: { text: 16, tap: 48 }, care: { text: 18, tap: 60 } } as const
type Mode = keyof typeof SIZES
const SHOTS = '/tmp/mediation-shots'

async function shot(page: Page, mode: Mode, name: string): Promise<void> {
  await settle(page)
  mkdirSync(`${SHOTS}/parts`, { recursive: true })
  const size = page.viewportSize()!
  const height = await page.evaluate(() =>
    Math.max(...Array.from(document.querySelectorAll('.cz-screen')).map((el) => (el.getBoundingClientRect().height > 0 ? el.scrollHeight : 0))),
  )
  await page.setViewportSize({ width: size.width, height: Math.max(size.height, Math.ceil(height) + 60) })
  await page.screenshot({ path: `${SHOTS}/${mode}-${name}.png` })
  // A long page also in parts of about two screens, readable at full size.
  const full = Math.max(size.height, Math.ceil(height) + 60)
  const PART = 1400
  if (full > PART * 1.2) {
    for (let y = 0, n = 1; y < full; y += PART, n += 1) {
      await page.screenshot({ path: `${SHOTS}/parts/${mode}-${name}-${n}.png`, clip: { x: 0, y, width: size.width, height: Math.min(PART, full - y) } })
    }
  }
  await page.setViewportSize(size)
}

async function switchTo(page: Page, persona: Persona): Promise<void> {
  await page.evaluate(() => localStorage.removeItem('cz.token'))
  await loginAs(page, persona)
}

const casePage = (id: string) => `/#/packages/mediation/pages/case/index?id=${encodeURIComponent(id)}`

for (const mode of ['normal', 'care'] as const) {
  test(`a leader opens a case flagged 越级上访; village and town see it at once; the town agrees, downloads, closes, schedules a visit; another leader sees nothing (${mode})`, async ({
    page,
    request,
  }) => {
    test.setTimeout(240_000)
    const { text: minText, tap: minTap } = SIZES[mode]
    const all = await personas(request)
    const villager = all.find((p) => p.description?.startsWith('合兴村2组村民：'))!
    const leader = all.find((p) => p.description?.startsWith('合兴村2组村民小组长'))!
    const secretary = all.find((p) => p.description?.startsWith('合兴村党组织书记'))!
    const officer = all.find((p) => p.id === 'o-town-officer')!
    const otherLeader = all.find((p) => p.description?.startsWith('新安村1组村民小组长'))!
    expect(villager && leader && secretary && officer && otherLeader, 'the 合兴村 personas, the town officer and 新安村1组 leader').toBeTruthy()

    await page.goto('/')
    if (mode === 'care') await page.evaluate(() => localStorage.setItem('cz.careMode', JSON.stringify({ data: true })))

    // The leader: 首页 → 调解（老娘舅） → 开调解: type, a villager from the roster, an outside party, what happened, 越级上访.
    await loginAs(page, leader)
    const card = page.locator('.home-mediation:visible')
    await expect(card).toBeVisible()
    await shot(page, mode, 'home-leader')
    await card.locator('.mc-open-new').click()
    await page.locator(`.md-types .md-chip[data-value="${mode === 'care' ? 'land' : 'project'}"]:visible`).click()
    await page.locator('.md-party-search:visible .search-input input').fill(villager.name)
    await page.locator(`.md-hit[data-person-id="${villager.id}"]:visible`).click()
    await expect(page.locator('.md-party-edit:visible')).toHaveCount(1)
    await page.locator('.md-outsider-start:visible').click()
    const outsider = mode === 'care' ? '邻村王大海' : '电网施工队'
    await page.locator('.md-outsider-name:visible input').fill(outsider)
    await page.locator('.md-outsider-phone:visible input').fill('13800000000')
    await page.locator('.md-outsider-add:visible').click()
    await expect(page.locator('.md-party-edit:visible')).toHaveCount(2)
    await page.locator('.md-party-search:visible .search-input input').fill('')
    await page.locator('.md-description-input:visible textarea').fill(`电网项目占地补偿有争议，${villager.name}扬言要去北京上访（${mode}）`)
    await page.locator('.md-check[data-value="petition"]:visible').click()
    await expect(page.locator('.md-check[data-value="petition"]:visible')).toHaveClass(/is-chosen/)
    await shot(page, mode, 'open')
    await expectSizes(page, `open (${mode})`, minText, minTap)
    await page.locator('.md-open-submit:visible').click()

    // The case page: straight to the village (high risk), red 高风险.
    await expect(page.locator('.md-case-state:visible')).toHaveText('等待签收')
    await expect(page.locator('.md-case-level:visible')).toContainText('村里')
    await expect(page.locator('.md-head:visible .md-risk-tag')).toHaveText('高风险')
    await expect(page.locator('.md-risk--petition:visible')).toHaveText('扬言越级上访')
    const number = ((await page.locator('.md-case-number:visible .cz-field__value').textContent()) ?? '').trim()
    expect(number).toMatch(/^合兴调\d{4}-\d{4}$/)
    const caseId = new URL(page.url().replace('/#/', '/')).searchParams.get('id')!
    expect(caseId).toBeTruthy()
    await expect(page.locator('.md-ladder:visible .md-escalation')).toContainText('有高风险，自动上报')
    await shot(page, mode, 'case-leader')
    await expectSizes(page, `case as leader (${mode})`, minText, minTap)

    // The village secretary: on 首页's card, then in 村里's list, high-risk first.
    await switchTo(page, secretary)
    await page.locator('.home-mediation:visible .mc-open-list').click()
    const villageRow = page.locator(`.md-list--village .md-row[data-case-id="${caseId}"]:visible`)
    await expect(villageRow).toBeVisible()
    await expect(villageRow.locator('.md-risk-tag')).toHaveText('高风险')
    // High-risk first: the list opens on high-risk cases (the demo town has others), this one among them.
    await expect(page.locator('.md-list--village .md-row:visible').first()).toHaveClass(/md-row--risk/)
    await shot(page, mode, 'list-village')
    await expectSizes(page, `village list (${mode})`, minText, minTap)

    // The town officer: 镇里's list, and 消息 names it; the notice opens the case.
    await switchTo(page, officer)
    await page.locator('.home-mediation:visible .mc-open-list').click()
    const townRow = page.locator(`.md-list--town .md-row[data-case-id="${caseId}"]:visible`)
    await expect(townRow).toBeVisible()
    await expect(townRow.locator('.md-risk-tag')).toHaveText('高风险')
    await shot(page, mode, 'list-town')
    await page.locator('.cz-back:visible').click()
    await openTab(page, '消息')
    const notice = page.locator('.chats-notice:visible', { hasText: '高风险纠纷' }).first()
    await expect(notice).toBeVisible()
    await shot(page, mode, 'inbox-town')
    await notice.click()
    await expect(page.locator('.md-case-number:visible .cz-field__value')).toHaveText(number)

    // 签收, 已告知, then a written agreement.
    await page.locator('.md-act--sign:visible').click()
    await expect(page.locator('.md-case-state:visible')).toHaveText('正在调解')
    await page.locator('.md-act--log:visible').click()
    await expect(page.locator('.md-log-kind .md-chip[data-value="informed"]:visible')).toHaveClass(/is-chosen/)
    await page.locator('.md-log-form:visible .md-submit').click()
    await expect(page.locator('.md-log:visible .md-entry--informed')).toBeVisible()
    await page.locator('.md-act--agreement:visible').click()
    await page.locator('.md-dispute:visible textarea').fill('青苗补偿标准')
    await page.locator(`.md-duty-party .md-chip[data-value="${outsider}"]:visible`).click()
    await page.locator('.md-duty-text:visible textarea').fill('补偿青苗费 3000 元')
    await page.locator('.md-duty-how:visible input').fill('现金一次付清')
    await shot(page, mode, 'agreement-form')
    await expectSizes(page, `agreement form (${mode})`, minText, minTap)
    await page.locator('.md-agreement-form:visible .md-submit').click()
    await expect(page.locator('.md-case-state:visible')).toHaveText('已达成协议')
    await expect(page.locator('.md-agreement:visible')).toContainText('补偿青苗费 3000 元')

    // 下载协议书: a .docx (a zip: it starts with PK).
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('.md-agreement:visible .md-download').click()])
    expect(download.suggestedFilename()).toMatch(/\.docx$/)
    const bytes = readFileSync((await download.path())!)
    expect(bytes.subarray(0, 2).toString()).toBe('PK')
    await shot(page, mode, 'case-agreed')

    // 办结 (调解成功), then 安排回访.
    await page.locator('.md-act--close:visible').click()
    await expect(page.locator('.md-outcome-choice .md-chip[data-value="resolved"]:visible')).toHaveClass(/is-chosen/)
    await page.locator('.md-close-note:visible textarea').fill('双方签字，补偿当场付清')
    await page.locator('.md-close-form:visible .md-submit').click()
    await expect(page.locator('.md-case-state:visible')).toHaveText('已办结：调解成功')
    await page.locator('.md-act--schedule:visible').click()
    await page.locator('.md-schedule-when .md-chip[data-value="7"]:visible').click()
    await page.locator('.md-schedule-form:visible .md-submit').click()
    await expect(page.locator('.md-follow-ups:visible')).toContainText('要回访')
    await expect(page.locator('.md-act--followUp:visible')).toBeVisible()
    await shot(page, mode, 'case-closed')
    await expectSizes(page, `closed case (${mode})`, minText, minTap)

    // A party (the villager): 我的调解 → a plain summary with the agreement and its document, no work log.
    await switchTo(page, villager)
    await page.locator('.home-mediation:visible .mc-open-list').click()
    const mine = page.locator(`.md-list--mine .md-row[data-case-id="${caseId}"]:visible`)
    await expect(mine).toBeVisible()
    await shot(page, mode, 'list-party')
    await mine.click()
    await expect(page.locator('.md-party-state:visible')).toHaveText('已办结：调解成功')
    await expect(page.locator('.md-agreement:visible .md-download')).toBeVisible()
    await expect(page.locator('.md-log:visible')).toHaveCount(0)
    await shot(page, mode, 'case-party')
    await expectSizes(page, `case as party (${mode})`, minText, minTap)

    // The village's figures count it (counts only).
    await switchTo(page, secretary)
    await page.locator('.home-mediation:visible .mc-open-list').click()
    await page.locator('.md-dashboard-start:visible').click()
    await expect(page.locator('.md-dashboard-title:visible')).toContainText('合兴村')
    await expect(page.locator('.md-months-table:visible')).toBeVisible()
    await shot(page, mode, 'dashboard-village')
    await expectSizes(page, `dashboard (${mode})`, minText, minTap)

    // The leader of another group: nothing in any list, and the case's address says 没有找到.
    await switchTo(page, otherLeader)
    await page.locator('.home-mediation:visible .mc-open-list').click()
    await expect(page.locator('.md-none:visible, .md-list:visible').first()).toBeVisible()
    await expect(page.locator(`.md-row[data-case-id="${caseId}"]`)).toHaveCount(0)
    await page.locator('.md-shown .md-shown-chip[data-value="closed"]:visible').click()
    await expect(page.locator('.md-none:visible, .md-list:visible').first()).toBeVisible()
    await expect(page.locator(`.md-row[data-case-id="${caseId}"]`)).toHaveCount(0)
    await page.goto(casePage(caseId))
    await expect(page.locator('.cz-status--error:visible')).toContainText('没有找到')
    await shot(page, mode, 'other-leader-404')
  })
}

test('a villager asks for mediation (我要调解); the leader finds it in 组里, signs for it and sends it up with a reason', async ({ page, request }) => {
  test.setTimeout(120_000)
  const all = await personas(request)
  const villager = all.find((p) => p.description?.startsWith('合兴村2组村民：'))!
  const leader = all.find((p) => p.description?.startsWith('合兴村2组村民小组长'))!

  await loginAs(page, villager)
  const card = page.locator('.home-mediation:visible')
  await expect(card.locator('.mc-open-new')).toHaveText('我要调解')
  await card.locator('.mc-open-new').click()
  await page.locator('.md-types .md-chip[data-value="neighbours"]:visible').click()
  await expect(page.locator('.md-party-search:visible')).toHaveCount(0)
  await page.locator('.md-outsider-start:visible').click()
  await page.locator('.md-outsider-name:visible input').fill('隔壁张大伯')
  await page.locator('.md-outsider-add:visible').click()
  await page.locator('.md-description-input:visible textarea').fill('隔壁家的树枝伸到我家屋顶，落叶堵了水沟，说了几次不肯修剪')
  await shot(page, 'normal', 'open-villager')
  await page.locator('.md-open-submit:visible').click()
  await expect(page.locator('.md-party-state:visible')).toHaveText('已经交给组长，会尽快联系您')
  const caseId = new URL(page.url().replace('/#/', '/')).searchParams.get('id')!
  await shot(page, 'normal', 'case-villager')

  await switchTo(page, leader)
  await page.locator('.home-mediation:visible .mc-open-list').click()
  const row = page.locator(`.md-list--group .md-row[data-case-id="${caseId}"]:visible`)
  await expect(row).toBeVisible()
  await expect(row.locator('.md-row__state')).toHaveText('等待签收')
  await row.click()
  await page.locator('.md-act--sign:visible').click()
  await expect(page.locator('.md-case-state:visible')).toHaveText('正在调解')
  await page.locator('.md-act--escalate:visible').click()
  await page.locator('.md-reason:visible textarea').fill('两家积怨多年，组里调不动')
  await page.locator('.md-escalate-form:visible .md-submit').click()
  await expect(page.locator('.md-case-level:visible')).toContainText('村里')
  await expect(page.locator('.md-ladder:visible .md-escalation')).toContainText('两家积怨多年，组里调不动')
  await shot(page, 'normal', 'case-escalated')
})
