import { expect, test } from '@playwright/test'
import { loginAs, openTab, plainVillager, settle } from './helpers'

/** Issue 8, finding 5: 长辈模式 reaches dialogs, and the tab bar stays readable at 200% text. */

test('the logout dialog follows 长辈模式', async ({ page, request }) => {
  const villager = await plainVillager(request)
  await loginAs(page, villager)
  await openTab(page, '我的')
  await page.locator('.me-logout:visible').click()
  const text = page.locator('.taro-modal__text')
  await expect(text).toBeVisible()
  const normal = await text.evaluate((el) => parseFloat(getComputedStyle(el).fontSize))
  expect(normal).toBeGreaterThanOrEqual(18)
  await page.locator('.taro-model__cancel').click()

  await page.evaluate(() => localStorage.setItem('cz.careMode', JSON.stringify({ data: true })))
  await page.reload()
  await openTab(page, '我的')
  await page.locator('.me-logout:visible').click()
  await expect(text).toBeVisible()
  const care = await text.evaluate((el) => parseFloat(getComputedStyle(el).fontSize))
  expect(care).toBeGreaterThan(normal)
  const button = await page.locator('.taro-model__cancel').evaluate((el) => el.getBoundingClientRect().height)
  expect(button).toBeGreaterThanOrEqual(60)
  await settle(page)
  await page.screenshot({ path: 'test-results/care-dialog.png' })
  await page.locator('.taro-model__cancel').click()
})

for (const width of [375, 320]) {
  test(`at 200% text and ${width} px the four tab labels stay apart and whole`, async ({ page, request }) => {
    await page.setViewportSize({ width, height: 720 })
    const villager = await plainVillager(request)
    await page.goto('/')
    await page.evaluate(() => {
      localStorage.setItem('cz.fontScale', JSON.stringify({ data: 2 }))
      localStorage.setItem('cz.careMode', JSON.stringify({ data: true }))
    })
    await loginAs(page, villager)
    const labels = page.locator('.cz-tabbar:visible .cz-tabbar__text')
    await expect(labels).toHaveCount(4)
    const boxes = await labels.evaluateAll((els) =>
      els.map((el) => {
        const label = el.getBoundingClientRect()
        const item = el.parentElement!.getBoundingClientRect()
        return { left: label.left, right: label.right, itemLeft: item.left, itemRight: item.right, lines: Math.round(label.height / parseFloat(getComputedStyle(el).lineHeight)) }
      }),
    )
    for (const box of boxes) {
      expect(box.left).toBeGreaterThanOrEqual(box.itemLeft)
      expect(box.right).toBeLessThanOrEqual(box.itemRight)
      expect(box.lines).toBe(1)
    }
    await settle(page)
    await page.screenshot({ path: `test-results/care-tabbar-200pct-${width}.png` })
  })
}
