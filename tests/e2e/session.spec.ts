import { expect, test, type Page } from '@playwright/test'
import { loginAs, openTab, personas, plainVillager } from './helpers'

// Who is signed in (identity.me) is loaded once per sign-in into the app's session and read by
// every screen from there: walking through screens must not ask for it again.

/** Counts the app's identity.me calls from now on. */
function countMeCalls(page: Page): { count: () => number } {
  let count = 0
  page.on('request', (req) => {
    if (!req.url().includes('/api/fn/identity') || req.method() !== 'POST') return
    try {
      const body = JSON.parse(req.postData() ?? '{}') as { action?: unknown }
      if (body.action === 'me') count += 1
    } catch {
      // Not JSON: not an action call.
    }
  })
  return { count: () => count }
}

/** Lets any request a screen would make on showing go out before counting. */
async function quiet(page: Page): Promise<void> {
  await page.waitForLoadState('networkidle')
}

test('identity.me is asked once per sign-in, however many screens are walked', async ({ page, request }) => {
  const villager = await plainVillager(request)
  const me = countMeCalls(page)
  await loginAs(page, villager)

  // 首页 → 消息 → 我的 → 我的党小组 → back → 首页
  await openTab(page, '消息')
  await expect(page.locator('.chats-segment:visible').first()).toBeVisible()
  await quiet(page)
  await openTab(page, '我的')
  await expect(page.locator('.me-name:visible')).toHaveText(villager.name)
  await page.locator('.me-party-mine:visible').click()
  await expect(page.locator('.mine-name:visible, .mine-none:visible').first()).toBeVisible()
  await quiet(page)
  await page.locator('.cz-back:visible').click()
  await expect(page.locator('.me-name:visible')).toBeVisible()
  await openTab(page, '首页')
  await expect(page.locator('.home-greeting:visible')).toContainText(villager.name)
  await quiet(page)

  expect(me.count(), 'identity.me requests while walking five screens').toBe(1)
})

test('logging out forgets who was signed in: the next person is asked for once', async ({ page, request }) => {
  const villager = await plainVillager(request)
  const other = (await personas(request)).find((p) => p.id !== villager.id && p.groupId)
  if (!other) throw new Error('the seed has only one persona with a villager group')
  const me = countMeCalls(page)
  await loginAs(page, villager)
  await openTab(page, '我的')
  await expect(page.locator('.me-name:visible')).toHaveText(villager.name)

  await page.locator('.me-logout:visible').click()
  await page.locator('.taro-model__confirm').click()
  const card = page.locator(`.persona-card[data-person-id="${other.id}"]`)
  await expect(card).toBeVisible()
  await card.click()
  await expect(page.locator('.home-greeting:visible')).toContainText(other.name)
  await openTab(page, '我的')
  // The new person's name, not the old one's from a stale session.
  await expect(page.locator('.me-name:visible')).toHaveText(other.name)
  await quiet(page)
  expect(me.count(), 'one identity.me per sign-in').toBe(2)
})
