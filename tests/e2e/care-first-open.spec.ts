import { expect, test, type Locator, type Page } from '@playwright/test'
import { biggestGroupLeader, loginAs, openTab, personas, plainVillager, settle } from './helpers'

/** Issue 8, finding 5: 长辈模式 is offered on the first 首页, switched on 首页, and names stay whole. */

const screen = (page: Page) => page.locator('.cz-screen:visible')

test('the first 首页 offers 长辈模式 once; 打开 turns it on and it is not offered again', async ({ page, request }) => {
  await loginAs(page, await plainVillager(request))
  const offer = page.locator('.home-care-offer:visible')
  await expect(offer).toContainText('字太小？打开长辈模式，字更大、按钮更大')
  await expect(screen(page)).not.toHaveClass(/cz-care/)
  await settle(page)
  await page.screenshot({ path: 'test-results/care-first-open-offer.png' })

  await offer.locator('.home-care-offer-yes').click()
  await expect(screen(page)).toHaveClass(/cz-care/)
  await expect(offer).toHaveCount(0)
  await expect(page.locator('.home-care-row:visible')).toContainText('长辈模式：开')

  // Remembered: after a reload it is still on, and not offered again.
  await page.reload()
  await expect(page.locator('.home-greeting:visible')).toBeVisible()
  await expect(screen(page)).toHaveClass(/cz-care/)
  await expect(page.locator('.home-care-offer')).toHaveCount(0)
})

test('不用了 is remembered too, and the 首页 row switches 长辈模式 on and off', async ({ page, request }) => {
  await loginAs(page, await plainVillager(request))
  await page.locator('.home-care-offer:visible .home-care-offer-no').click()
  await expect(page.locator('.home-care-offer')).toHaveCount(0)
  await expect(screen(page)).not.toHaveClass(/cz-care/)
  await page.reload()
  await expect(page.locator('.home-greeting:visible')).toBeVisible()
  await expect(page.locator('.home-care-offer')).toHaveCount(0)

  const row = page.locator('.home-care-row:visible')
  await expect(row).toContainText('长辈模式：关')
  expect((await row.boundingBox())!.height).toBeGreaterThanOrEqual(48)
  await row.click()
  await expect(row).toContainText('长辈模式：开')
  await expect(screen(page)).toHaveClass(/cz-care/)
  expect((await row.boundingBox())!.height).toBeGreaterThanOrEqual(60)
  // The same setting as 我的 → 显示.
  await openTab(page, '我的')
  await expect(page.locator('.me-care-row:visible .nut-switch')).not.toHaveClass(/nut-switch-close/)
  await openTab(page, '首页')
  await row.click()
  await expect(row).toContainText('长辈模式：关')
  await expect(screen(page)).not.toHaveClass(/cz-care/)
})

/** How many lines `name` takes inside the element (by the boxes of the text range that holds it). */
async function linesOf(element: Locator, name: string): Promise<number> {
  return element.evaluate((el, name) => {
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT)
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const at = (node.textContent ?? '').indexOf(name)
      if (at < 0) continue
      const range = document.createRange()
      range.setStart(node, at)
      range.setEnd(node, at + name.length)
      const tops = new Set(Array.from(range.getClientRects()).map((r) => Math.round(r.top)))
      return tops.size
    }
    return -1
  }, name)
}

test('at 320 px, 200% text and 长辈模式, a 3-character name stays on one line', async ({ page, request }) => {
  await page.setViewportSize({ width: 320, height: 720 })
  const all = await personas(request)
  const { persona: leader } = await biggestGroupLeader(request)
  const person = all.find((p) => Array.from(p.name).length === 3 && p.groupId) ?? leader
  await page.goto('/')
  await page.evaluate(() => {
    localStorage.setItem('cz.fontScale', JSON.stringify({ data: 2 }))
    localStorage.setItem('cz.careMode', JSON.stringify({ data: true }))
  })
  await loginAs(page, person)
  expect(await linesOf(page.locator('.home-greeting:visible'), person.name)).toBe(1)
  await openTab(page, '我的')
  expect(await linesOf(page.locator('.me-name:visible'), person.name)).toBe(1)
  await settle(page)
  await page.screenshot({ path: 'test-results/care-name-320.png' })

  // The roster: every name on the first page on one line.
  await page.evaluate(() => localStorage.removeItem('cz.token'))
  await loginAs(page, leader)
  await page.locator('.home-roster-entry:visible').click()
  const names = page.locator('.roster-row:visible .roster-name')
  await expect(names.first()).toBeVisible()
  for (const name of (await names.allTextContents()).slice(0, 20)) {
    expect(await linesOf(page.locator('.roster-row:visible .roster-name', { hasText: name }).first(), name), name).toBe(1)
  }
  await settle(page)
  await page.screenshot({ path: 'test-results/care-roster-320.png' })
})

test('at 320 px and 200% text, 「重新计算」 stays on one line', async ({ page, request }) => {
  await page.setViewportSize({ width: 320, height: 720 })
  const secretary = (await personas(request)).find((p) => p.roles.includes('village_secretary'))
  if (!secretary) throw new Error('the seed has no village secretary persona')
  await page.goto('/')
  await page.evaluate(() => {
    localStorage.setItem('cz.fontScale', JSON.stringify({ data: 2 }))
    localStorage.setItem('cz.careMode', JSON.stringify({ data: true }))
  })
  await loginAs(page, secretary)
  await page.goto('/#/packages/party/pages/village/index')
  const label = page.locator('.party-recompute:visible .cz-button__text')
  await expect(label).toHaveText('重新计算')
  expect(await linesOf(label, '重新计算')).toBe(1)
  const [text, button] = await Promise.all([label.boundingBox(), page.locator('.party-recompute:visible').boundingBox()])
  expect(text!.x + text!.width).toBeLessThanOrEqual(button!.x + button!.width)
  await settle(page)
  await page.screenshot({ path: 'test-results/care-recompute-320.png' })
})
