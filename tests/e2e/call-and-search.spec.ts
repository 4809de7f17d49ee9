import { expect, test } from '@playwright/test'
import { callAs, expectSizes, loginAs, overviewOf, personas, settle } from './helpers'

const HEXING = 'v-hexing'
const G02 = 'v-hexing-g02'

// A villager taps 打电话给 <组长> on 首页: the full number comes from roster.callNumber (audited) and
// shows under the button; nobody else's number is on offer.
test('a villager of 合兴村 calls their group leader from 首页, and no one else', async ({ page, request }) => {
  const all = await personas(request)
  const villager = all.find((p) => p.roles.length === 1 && p.roles[0] === 'villager' && p.villageId === HEXING && p.groupId)
  if (!villager) throw new Error('the seed has no plain villager of 合兴村')
  const overview = await overviewOf(request, villager.id)
  const leader = overview.group?.leader
  if (!leader) throw new Error(`${villager.name}'s group has no leader`)
  const { phone } = await callAs<{ phone: string }>(request, villager.id, 'roster', 'callNumber', { personId: leader.id })
  expect(phone).toMatch(/^\d{11}$/)

  // A stranger: someone of another village. The villager's own token is refused.
  const stranger = all.find((p) => p.villageId && p.villageId !== HEXING)
  if (!stranger) throw new Error('the seed has no persona outside 合兴村')
  const login = await request.post('/api/dev/login', { data: { personId: villager.id } })
  const token = ((await login.json()) as { data: { token: string } }).data.token
  const refused = await request.post('/api/fn/roster', {
    data: { action: 'callNumber', data: { personId: stranger.id } },
    headers: { Authorization: `Bearer ${token}` },
  })
  expect(refused.status()).toBe(403)

  await loginAs(page, villager)
  const button = page.locator('.home-call-leader:visible .call-button')
  await expect(button).toHaveText(`打电话给 ${leader.name}`)

  // Only the leader and the service point's 负责人 can be called from here.
  const allowed = [`打电话给 ${leader.name}`]
  const host = overview.partyGroup?.servicePoint
  if (host) allowed.push(`打电话给 ${host.hostName}`)
  const offered = await page.locator('.call-button:visible').allTextContents()
  expect(offered.length).toBeGreaterThan(0)
  for (const text of offered) expect(allowed).toContain(text.trim())
  await settle(page)
  await page.screenshot({ path: 'test-results/call-home.png', fullPage: true })

  // The h5 build sets location to tel:<number>; Chromium hands that to the system and stays here.
  await button.click()
  await expect(page.locator('.home-call-leader:visible .call-number')).toContainText(phone)
  await settle(page)
  await page.locator('.home-call-leader:visible').scrollIntoViewIfNeeded()
  await page.screenshot({ path: 'test-results/call-home-number.png' })
  await expectSizes(page, 'home with call buttons', 16, 48)
})

// 合兴村2组's leader searches the roster by pinyin initials and opens 黄伟强's page.
test('the leader of 合兴村2组 finds 黄伟强 by typing hwq and opens his page', async ({ page, request }) => {
  const leader = (await personas(request)).find((p) => p.roles.includes('group_leader') && p.groupId === G02)
  if (!leader) throw new Error('the seed has no persona leading 合兴村2组')
  await loginAs(page, leader)
  await page.locator('.home-roster-entry:visible').click()
  await expect(page.locator('.roster-count:visible')).toContainText('共')
  // Rows stay masked; the leader has 打电话 on the rows of people with a number.
  await expect(page.locator('.roster-phone:visible').first()).toContainText(/未登记|\*\*\*\*/)
  await expect(page.locator('.roster-call:visible').first()).toBeVisible()

  const box = page.locator('.search-input:visible input')
  await expect(box).toHaveAttribute('placeholder', '输入姓名、户号或拼音首字母，如 hwq')
  await box.fill('hwq')
  const hit = page.locator('.search-results:visible .roster-row', { hasText: '黄伟强' })
  await expect(hit).toBeVisible()
  await expect(hit.locator('.roster-phone')).toContainText('184****5259')
  await expect(page.locator('.roster-count:visible')).toHaveCount(0)
  await settle(page)
  await page.screenshot({ path: 'test-results/search-hwq.png' })
  await expectSizes(page, 'roster search', 16, 48)

  await hit.locator('.roster-row__open').click()
  await expect(page.locator('.person-name:visible')).toHaveText('黄伟强')
  await expect(page.locator('.person-household:visible')).toContainText('02-008')
  await expect(page.locator('.person-phone:visible')).toContainText('184****5259')
  await expect(page.locator('.person-call:visible .call-button')).toHaveText('打电话给 黄伟强')
  await settle(page)
  await page.screenshot({ path: 'test-results/search-person.png' })
  await expectSizes(page, 'person page', 16, 48)
})
