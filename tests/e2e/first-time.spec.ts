import { expect, test } from '@playwright/test'
import { biggestGroupLeader, loginAs, openTab, personas, plainVillager } from './helpers'

// What a first-time user runs into: no login or a stale one, a page they may not see, and
// placeholder pages whose words must fit who is reading.

test('no saved login goes straight to login; a stale one says so there', async ({ page }) => {
  const calls: string[] = []
  page.on('request', (req) => {
    if (req.url().includes('/api/fn/')) calls.push(req.url())
  })
  await page.goto('/')
  await expect(page.locator('.persona-card').first()).toBeVisible()
  expect(calls, 'no function is asked without a login').toEqual([])
  await expect(page.locator('.login-expired')).toHaveCount(0)

  // A token the host no longer accepts (Taro keeps storage as {"data": …}).
  await page.evaluate(() => localStorage.setItem('cz.token', JSON.stringify({ data: 'expired-or-foreign-token' })))
  await page.goto(`/?fresh=${Date.now()}#/pages/home/index`)
  await expect(page.locator('.login-expired:visible')).toHaveText('登录已过期，请重新选择')
  await expect(page.locator('.persona-card').first()).toBeVisible()
  await page.screenshot({ path: 'test-results/first-time-expired.png' })
})

test('a page the person may not see says so plainly and leads home, with no request number', async ({ page, request }) => {
  const villager = await plainVillager(request)
  await loginAs(page, villager)
  await page.goto('/#/packages/party/pages/village/index')
  const notice = page.locator('.cz-status--error:visible')
  await expect(notice).toBeVisible()
  await expect(notice).not.toContainText('编号')
  await expect(notice.locator('.cz-error-retry')).toHaveCount(0)
  await page.screenshot({ path: 'test-results/first-time-forbidden.png' })
  await notice.locator('.cz-error-home').click()
  await expect(page.locator('.home-greeting:visible')).toContainText(villager.name)
})

test('消息 and 办事 speak to the reader: a group leader is not sent to the group leader, an officer not to a group', async ({ page, request }) => {
  const { persona: leader } = await biggestGroupLeader(request)
  await loginAs(page, leader)
  for (const tab of ['消息', '办事'] as const) {
    await openTab(page, tab)
    if (tab === '消息') await page.locator('.chats-segment:visible', { hasText: '群聊' }).click()
    const screen = page.locator('.cz-screen:visible')
    // 办事 (issue 10): the leader's to-do leads it; 群聊 (issue 12): the leader's own group chat.
    await expect(screen).toContainText(tab === '办事' ? '组长待办' : '本组群')
    await expect(screen).not.toContainText('找本组组长')
    await expect(screen).not.toContainText('打电话给组长')
  }

  const officer = (await personas(request)).find((p) => p.roles.includes('town_officer'))
  if (!officer) throw new Error('the seed has no town officer persona')
  await page.evaluate(() => localStorage.removeItem('cz.token'))
  await loginAs(page, officer)
  for (const tab of ['消息', '办事'] as const) {
    await openTab(page, tab)
    if (tab === '消息') await page.locator('.chats-segment:visible', { hasText: '群聊' }).click()
    const screen = page.locator('.cz-screen:visible')
    // An officer is in no village's chat: 群聊 says so, without sending them to a group leader.
    await expect(screen).toContainText(tab === '办事' ? '本镇办事情况' : '干部不在其中')
    await expect(screen).not.toContainText('组长')
  }
})

test('退出登录 asks first; 不退出 stays', async ({ page, request }) => {
  const villager = await plainVillager(request)
  await loginAs(page, villager)
  await openTab(page, '我的')
  await page.locator('.me-logout:visible').click()
  await expect(page.locator('.taro-modal__text')).toHaveText('退出后需要重新选择身份（微信里需要村干部重新发邀请码）。确定退出吗？')
  await page.screenshot({ path: 'test-results/first-time-logout.png' })
  await page.locator('.taro-model__cancel').click()
  await expect(page.locator('.me-name:visible')).toHaveText(villager.name)
})

test('signing in again after an expired login returns to the page the person was on', async ({ page, request }) => {
  const { persona: leader } = await biggestGroupLeader(request)
  await loginAs(page, leader)
  await page.locator('.home-roster-entry:visible').click()
  await expect(page.locator('.roster-row:visible').first()).toBeVisible()
  const url = page.url()
  expect(url).toContain('groupId=')

  // The saved login goes stale while the person is on the roster.
  await page.evaluate(() => localStorage.setItem('cz.token', JSON.stringify({ data: 'expired-or-foreign-token' })))
  await page.reload()
  await expect(page.locator('.login-expired:visible')).toBeVisible()
  await page.locator(`.persona-card[data-person-id="${leader.id}"]`).click()
  await expect(page.locator('.roster-row:visible').first()).toBeVisible()
  expect(page.url()).toContain(`groupId=${encodeURIComponent(leader.groupId!)}`)

  // Remembered once: the next sign-in leads to 首页 again.
  await page.evaluate(() => localStorage.removeItem('cz.token'))
  await loginAs(page, leader)
})
