import { expect, test, type Page } from '@playwright/test'
import { biggestGroupLeader, expectSizes, loginAs, openTab, settle } from './helpers'

// 长辈模式 at a phone's size: with it on, every visible body text is at least 18 px and every
// tappable thing at least 60 px tall, on every page visited. Normal mode must stay generous too.
// Screenshots of both modes land in test-results/ for people to look at.

test.use({ viewport: { width: 375, height: 812 } })

const CARE = { text: 18, tap: 60 }
const NORMAL = { text: 16, tap: 48 }

type Stop = { name: string; open: (page: Page) => Promise<void> }

const STOPS: Stop[] = [
  {
    name: 'home',
    open: async (page) => {
      await openTab(page, '首页')
      await expect(page.locator('.home-group-name:visible')).toBeVisible()
    },
  },
  {
    name: 'roster',
    open: async (page) => {
      await openTab(page, '首页')
      await page.locator('.home-roster-entry:visible').click()
      await expect(page.locator('.roster-row:visible').first()).toBeVisible()
      await expect(page.locator('.roster-more:visible, .roster-end:visible').first()).toBeVisible()
    },
  },
  { name: 'chats', open: (page) => openTab(page, '消息') },
  { name: 'services', open: (page) => openTab(page, '办事') },
  {
    name: 'me',
    open: async (page) => {
      await openTab(page, '我的')
      await expect(page.locator('.me-name:visible')).toBeVisible()
    },
  },
]

async function tour(page: Page, mode: 'off' | 'on', min: { text: number; tap: number }) {
  for (const stop of STOPS) {
    await stop.open(page)
    await settle(page)
    await page.screenshot({ path: `test-results/care-${mode}-${stop.name}.png`, fullPage: true })
    await expectSizes(page, `${stop.name} (care ${mode})`, min.text, min.tap)
    if (stop.name === 'roster') await page.locator('.cz-back:visible').click()
  }
}

test('长辈模式 makes text ≥ 18 px and tap targets ≥ 60 px on every page', async ({ page, request }) => {
  // A group leader, so the roster page is part of the tour.
  const { persona } = await biggestGroupLeader(request)
  await loginAs(page, persona)

  await tour(page, 'off', NORMAL)

  await openTab(page, '我的')
  const row = page.locator('.me-care-row:visible')
  await expect(row.locator('.nut-switch')).toHaveClass(/nut-switch-close/)
  await row.click()
  await expect(row.locator('.nut-switch')).not.toHaveClass(/nut-switch-close/)

  await tour(page, 'on', CARE)

  // The choice is remembered: still on after a reload.
  await page.reload()
  await expect(page.locator('.cz-screen.cz-care:visible')).toBeVisible()

  // The login page too (logging out keeps 长辈模式).
  await openTab(page, '我的')
  await page.locator('.me-logout:visible').click()
  // It asks first; 确定退出 leaves.
  await expect(page.locator('.taro-modal__text')).toContainText('确定退出吗')
  await page.locator('.taro-model__confirm').click()
  await expect(page.locator('.persona-card').first()).toBeVisible()
  await settle(page)
  await page.screenshot({ path: 'test-results/care-on-login.png', fullPage: true })
  await expectSizes(page, 'login (care on)', CARE.text, CARE.tap)
})
