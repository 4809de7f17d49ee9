import { expect, test, type APIRequestContext, type Page } from '@playwright/test'
import type { Body, Persona } from '../../types'
import { callAs, expectSizes, loginAs, openTab, personas, settle } from './helpers'

/**
 * Issue 9: the village board votes. The secretary creates and opens a matter from a phone; three
 * members vote (one changes their vote); the chair records an elder's vote given in person; the
 * secretary closes it and records minutes; a villager of the village sees the result and the
 * minutes (村务公开). The same journey in 长辈模式.
 */

const SIZES = { normal: { text: 16, tap: 48 }, care: { text: 18, tap: 60 } } as const
type Mode = keyof typeof SIZES

async function shot(page: Page, mode: Mode, name: string): Promise<void> {
  await settle(page)
  const size = page.viewportSize()!
  const height = await page.evaluate(() =>
    Math.max(...Array.from(document.querySelectorAll('.cz-screen')).map((el) => (el.getBoundingClientRect().height > 0 ? el.scrollHeight : 0))),
  )
  await page.setViewportSize({ width: size.width, height: Math.max(size.height, Math.ceil(height) + 60) })
  await page.screenshot({ path: `test-results/councils-${mode}-${name}.png` })
  await page.setViewportSize(size)
}

/** Signs out whoever is in, keeps 长辈模式 as it is, and signs in as the persona through the picker. */
async function switchTo(page: Page, persona: Persona): Promise<void> {
  await page.evaluate(() => localStorage.removeItem('cz.token'))
  await loginAs(page, persona)
}

/** Someone who is not a persona (an ordinary villager): the demo login's token, put where the app keeps it. */
async function signInById(page: Page, request: APIRequestContext, personId: string): Promise<void> {
  const res = await request.post('/api/dev/login', { data: { personId } })
  const { data } = (await res.json()) as { data: { token: string } }
  await page.evaluate((token) => localStorage.setItem('cz.token', JSON.stringify({ data: token })), data.token)
  await page.goto('/')
  await page.reload()
  await expect(page.locator('.home-greeting:visible')).toBeVisible()
}

async function openMatterAsListed(page: Page, title: string): Promise<void> {
  await page.locator('.cc-entry__open:visible').click()
  const row = page.locator('.cc-to-vote .cc-matter:visible', { hasText: title })
  await expect(row).toBeVisible()
  await expect(row).toContainText('去表决')
  await row.click()
  await expect(page.locator('.cc-matter-title:visible')).toHaveText(title)
}

for (const mode of ['normal', 'care'] as const) {
  test(`a board vote from creation to the published result and minutes (${mode})`, async ({ page, request }) => {
    test.setTimeout(240_000)
    const { text: minText, tap: minTap } = SIZES[mode]
    const all = await personas(request)
    const secretary = all.find((p) => p.description?.startsWith('合兴村党组织书记'))!
    expect(secretary, 'the 合兴村 secretary persona').toBeTruthy()
    const boards = await callAs<Body[]>(request, secretary.id, 'councils', 'bodies', {})
    const board = boards.find((b) => b.kind === 'village_board' && b.villageId === secretary.villageId)!
    expect(board.members.length).toBe(7)
    const memberIds = new Set(board.members.map((m) => m.personId))
    // Three members who are personas (they vote on their phones), the chair aside.
    const voters = all.filter((p) => memberIds.has(p.id) && p.id !== secretary.id).slice(0, 3)
    expect(voters.length).toBe(3)

    await page.goto('/')
    if (mode === 'care') await page.evaluate(() => localStorage.setItem('cz.careMode', JSON.stringify({ data: true })))

    // The secretary: 首页 → 议事表决 → the board → 发起表决, from a template, then 立即开始表决.
    await loginAs(page, secretary)
    await expect(page.locator('.cc-entry:visible')).toBeVisible()
    await page.locator('.cc-entry__open:visible').click()
    await expect(page.locator('.cc-body-card:visible')).toContainText(board.name)
    await shot(page, mode, 'list-secretary')
    await expectSizes(page, `list (${mode})`, minText, minTap)
    await page.locator('.cc-body-card:visible .cc-new-matter').click()
    await page.locator('.cc-templates .cc-chip[data-value="one_matter"]:visible').click()
    const title = `一事一议：修建村东桥 ${mode} ${Date.now() % 100000}`
    await page.locator('.cc-title-input:visible input').fill(title)
    await page.locator('.cc-text-input:visible textarea').fill('项目内容：修建村东桥\n预计费用：12 万元，上级补助 8 万元')
    await expect(page.locator('.cc-closes-at:visible')).toContainText('20:00')
    await shot(page, mode, 'create')
    await expectSizes(page, `create (${mode})`, minText, minTap)
    await page.locator('.cc-create-submit:visible').click()
    await expect(page.locator('.cc-created:visible')).toContainText(title)
    await shot(page, mode, 'created')
    await page.locator('.cc-open-now:visible').click()
    await expect(page.locator('.cc-matter-title:visible')).toHaveText(title)
    await expect(page.locator('.cc-state:visible')).toHaveText('正在表决')
    await expect(page.locator('.cc-counts:visible')).toContainText('应投 7 人，已投 0 人')
    await expect(page.locator('.cc-quorum:visible')).toHaveText('还差 4 票达到法定人数')
    await expect(page.locator('.cc-time-left:visible')).toContainText(/还剩 \d+ 天/)
    const matterId = new URL(page.url().replace('#/', '')).searchParams.get('id')!
    expect(matterId).toBeTruthy()
    await shot(page, mode, 'matter-chair')
    await expectSizes(page, `matter as chair (${mode})`, minText, minTap)

    // Three members vote on their phones; the second first opposes, then changes to 同意.
    for (const [index, voter] of voters.entries()) {
      await switchTo(page, voter)
      if (index === 0) {
        // 首页 and 办事 both say a vote is waiting, in red, with the way in.
        await expect(page.locator('.cc-entry--waiting:visible .cc-entry__count')).toContainText('件事等您表决')
        await shot(page, mode, 'home')
        await expectSizes(page, `home (${mode})`, minText, minTap)
        await openTab(page, '办事')
        await expect(page.locator('.services-councils:visible .cc-entry__count')).toContainText('件事等您表决')
        await shot(page, mode, 'services')
        await openTab(page, '首页')
      }
      await openMatterAsListed(page, title)
      if (index === 0) {
        await shot(page, mode, 'vote')
        await expectSizes(page, `vote (${mode})`, minText, minTap)
      }
      if (index === 1) {
        await page.locator('.cc-vote-button--oppose:visible').click()
        await expect(page.locator('.cc-mine:visible')).toHaveText('您选择了：反对')
        await page.locator('.cc-change-vote:visible').click()
      }
      await page.locator('.cc-vote-button--agree:visible').click()
      await expect(page.locator('.cc-mine:visible')).toHaveText('您选择了：同意')
      if (index === 0) {
        await shot(page, mode, 'voted')
        await expectSizes(page, `voted (${mode})`, minText, minTap)
      }
    }

    // The chair records an in-person vote for a member without a phone.
    await switchTo(page, secretary)
    await page.goto(`/#/packages/councils/pages/matter/index?id=${encodeURIComponent(matterId)}`)
    await expect(page.locator('.cc-counts:visible')).toContainText('已投 3 人')
    await expect(page.locator('.cc-quorum:visible')).toHaveText('还差 1 票达到法定人数')
    await page.locator('.cc-record-start:visible').click()
    const elder = page.locator('.cc-record-member:visible').first()
    const elderName = ((await elder.locator('.cz-heading').first().textContent()) ?? '').trim()
    await elder.click()
    await page.locator('.cc-record-choice .cc-chip[data-value="agree"]:visible').click()
    await page.locator('.cc-record-note:visible textarea').fill('本人不会用手机，在村委会当面表决')
    await shot(page, mode, 'record')
    await expectSizes(page, `record in person (${mode})`, minText, minTap)
    await page.locator('.cc-record-submit:visible').click()
    await expect(page.locator('.cc-done:visible')).toContainText(`已登记 ${elderName} 的当面表决`)
    await expect(page.locator('.cc-counts:visible')).toContainText('已投 4 人')
    await expect(page.locator('.cc-quorum:visible')).toHaveText('已达到法定人数')
    await expect(page.locator('.cc-slot:visible', { hasText: elderName })).toContainText('主持人代为登记的当面表决')

    // The secretary closes it (asked first): passed, 4 of 7 agreeing; who voted how is published.
    await page.locator('.cc-close:visible').click()
    await expect(page.locator('.taro-modal__text')).toContainText('已投 4 / 7 人')
    await page.locator('.taro-model__confirm').click()
    await expect(page.locator('.cc-verdict:visible')).toHaveText('通过')
    await expect(page.locator('.cc-result:visible .cc-bar--agree')).toContainText('4 票')
    await expect(page.locator('.cc-result:visible .cc-bar--oppose')).toContainText('0 票')
    await expect(page.locator('.cc-slot:visible', { hasText: voters[1]!.name })).toContainText('同意')

    // Minutes, then 核验.
    await page.locator('.cc-minutes-start:visible').click()
    const summary = `理事会 ${mode} 讨论了修桥的费用和工期`
    await page.locator('.cc-minutes-summary-input:visible textarea').fill(summary)
    await shot(page, mode, 'minutes-form')
    await expectSizes(page, `minutes form (${mode})`, minText, minTap)
    await page.locator('.cc-minutes-submit:visible').click()
    await expect(page.locator('.cc-minutes:visible')).toContainText(summary)
    await page.locator('.cc-verify:visible').click()
    await expect(page.locator('.cc-verify-ok:visible')).toContainText('核验通过')
    await shot(page, mode, 'result-chair')

    // A villager of 合兴村 who is not on the board: 村务公开 lists the result with bars, then the minutes.
    const group = (await callAs<{ groups: { id: string }[] }>(request, secretary.id, 'roster', 'villageGroups', { villageId: secretary.villageId })).groups[2]!
    const people = await callAs<{ items: { id: string; age: number }[] }>(request, secretary.id, 'roster', 'groupMembers', { groupId: group.id, limit: 50 })
    const villager = people.items.find((p) => p.age >= 18 && !memberIds.has(p.id))!
    await page.evaluate(() => localStorage.removeItem('cz.token'))
    await signInById(page, request, villager.id)
    await page.locator('.cc-entry__open:visible').click()
    const result = page.locator('.cc-results .cc-matter:visible', { hasText: title })
    await expect(result).toContainText('结果：通过')
    await expect(result.locator('.cc-bar--agree')).toContainText('4 票')
    await shot(page, mode, 'list-villager')
    await expectSizes(page, `results list (${mode})`, minText, minTap)
    await result.click()
    await expect(page.locator('.cc-verdict:visible')).toHaveText('通过')
    await expect(page.locator('.cc-minutes:visible')).toContainText(summary)
    await expect(page.locator('.cc-vote-card')).toHaveCount(0)
    await expect(page.locator('.cc-manage')).toHaveCount(0)
    await shot(page, mode, 'result-villager')
    await expectSizes(page, `result as villager (${mode})`, minText, minTap)

    // The board's page: members with their seats, and 议题征集.
    await page.goto(`/#/packages/councils/pages/body/index?id=${encodeURIComponent(board.id)}`)
    await expect(page.locator('.cc-member:visible')).toHaveCount(7)
    await expect(page.locator('.cc-members:visible')).toContainText('理事长')
    await shot(page, mode, 'body')
    await expectSizes(page, `body (${mode})`, minText, minTap)
  })
}

// 议题征集: a villager proposes to the group council, a neighbour supports it, the chair adopts it as a matter.
test('a villager proposes, a neighbour supports, the group chair adopts', async ({ page, request }) => {
  const all = await personas(request)
  const villager = all.find((p) => p.description?.startsWith('合兴村2组村民：'))!
  const neighbour = all.find((p) => p.description?.startsWith('合兴村2组党员'))!
  const leader = all.find((p) => p.description?.startsWith('合兴村2组村民小组长'))!
  const council = (await callAs<Body[]>(request, leader.id, 'councils', 'bodies', {})).find((b) => b.kind === 'group_council' && b.groupId === leader.groupId)!
  const bodyPage = `/#/packages/councils/pages/body/index?id=${encodeURIComponent(council.id)}`
  const title = `2组路灯要修 ${Date.now() % 100000}`

  await page.goto('/')
  await loginAs(page, villager)
  await page.goto(bodyPage)
  await expect(page.locator('.cc-members:visible')).toContainText('议事长')
  await page.locator('.cc-propose-start:visible').click()
  await page.locator('.cc-propose-title:visible input').fill(title)
  await page.locator('.cc-propose-text:visible textarea').fill('村口第三盏路灯坏了一个月，晚上看不清路。')
  await page.locator('.cc-propose-submit:visible').click()
  const card = page.locator('.cc-proposal:visible', { hasText: title })
  await expect(card).toContainText('等主持人答复')
  await shot(page, 'normal', 'proposal')
  await expectSizes(page, 'body with a proposal', SIZES.normal.text, SIZES.normal.tap)

  await switchTo(page, neighbour)
  await page.goto(bodyPage)
  await card.locator('.cc-support').click()
  await expect(card).toContainText('1 人附议')
  await expect(card).toContainText('您已附议')

  await switchTo(page, leader)
  await page.goto(bodyPage)
  await card.locator('.cc-adopt').click()
  await page.locator('.taro-model__confirm').click()
  await expect(page.locator('.cc-matter-title:visible')).toContainText('路灯')
  await expect(page.locator('.cc-state:visible')).toHaveText('草稿，还没发布')
})
