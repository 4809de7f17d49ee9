import { expect, test, type Page } from '@playwright/test'
import { biggestGroupLeader, loginAs, openTab, settle } from './helpers'

/**
 * A walk through five screens as a group leader, at 390 and 320 px, with 长辈模式 off and on:
 * screenshots `test-results/walk-<width>-<care|normal>-<screen>.png` for people to look at, and
 * nothing wider than the screen on any of them.
 */

type Stop = { name: string; open: (page: Page) => Promise<void>; leave?: (page: Page) => Promise<void> }

const back = (page: Page) => page.locator('.cz-back:visible').click()

const STOPS: Stop[] = [
  {
    name: 'home',
    open: async (page) => {
      await openTab(page, '首页')
      await expect(page.locator('.home-group-name:visible')).toBeVisible()
    },
  },
  { name: 'chats', open: (page) => openTab(page, '消息') },
  {
    name: 'me',
    open: async (page) => {
      await openTab(page, '我的')
      await expect(page.locator('.me-name:visible')).toBeVisible()
    },
  },
  {
    name: 'party-mine',
    open: async (page) => {
      await openTab(page, '我的')
      await page.locator('.me-party-mine:visible').click()
      await expect(page.locator('.mine-name:visible, .mine-none:visible').first()).toBeVisible()
    },
    leave: back,
  },
  {
    name: 'roster',
    open: async (page) => {
      await openTab(page, '首页')
      await page.locator('.home-roster-entry:visible').click()
      await expect(page.locator('.roster-row:visible').first()).toBeVisible()
    },
    leave: back,
  },
]

/** The full page, however long: the viewport grows to the visible screen's height first. */
async function fullShot(page: Page, width: number, path: string): Promise<void> {
  await settle(page)
  const height = await page.evaluate(() =>
    Math.max(...Array.from(document.querySelectorAll('.cz-screen')).map((el) => (el.getBoundingClientRect().height > 0 ? el.scrollHeight : 0))),
  )
  await page.setViewportSize({ width, height: Math.max(800, Math.ceil(height) + 60) })
  await settle(page)
  await page.screenshot({ path, fullPage: true })
  await page.setViewportSize({ width, height: 800 })
}

for (const width of [390, 320]) {
  for (const mode of ['normal', 'care'] as const) {
    test(`walk at ${width} px, ${mode === 'care' ? '长辈模式' : 'normal text'}`, async ({ page, request }) => {
      await page.setViewportSize({ width, height: 800 })
      const { persona } = await biggestGroupLeader(request)
      await page.goto('/')
      await page.evaluate((care) => {
        localStorage.setItem('cz.careMode', JSON.stringify({ data: care }))
        // The one-time offer is answered: the walk shows the screens as they usually are.
        localStorage.setItem('cz.careOffered', JSON.stringify({ data: true }))
      }, mode === 'care')
      await loginAs(page, persona)
      await expect(page.locator('.cz-screen:visible')).toHaveClass(mode === 'care' ? /cz-care/ : /^(?!.*cz-care)/)
      for (const stop of STOPS) {
        await stop.open(page)
        await fullShot(page, width, `test-results/walk-${width}-${mode}-${stop.name}.png`)
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)
        expect(overflow, `${stop.name}: wider than the screen`).toBeLessThanOrEqual(0)
        if (stop.leave) await stop.leave(page)
      }
    })
  }
}
