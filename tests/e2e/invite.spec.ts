import { expect, test } from '@playwright/test'
import { expectSizes, loginAs, openTab, personas } from './helpers'

// Village staff bring a villager in: pick the group, pick the person, read out an 8-digit code.
test('village staff issue an invitation code for a villager of their village', async ({ page, request }) => {
  const staff = (await personas(request)).find((p) => p.roles.includes('village_staff'))
  if (!staff) throw new Error('the seed has no village staff persona')
  await loginAs(page, staff)
  await openTab(page, '我的')
  await page.locator('.me-invite:visible').click()

  const groups = page.locator('.invite-group:visible')
  await expect(groups.first()).toBeVisible()
  await groups.first().click()
  const people = page.locator('.invite-person:visible')
  await expect(people.first()).toBeVisible()
  const name = (await people.first().locator('.invite-strong').textContent())?.trim()
  await people.first().click()

  const card = page.locator('.invite-code-card:visible')
  await expect(card).toContainText(`给 ${name} 的邀请码`)
  await expect(card.locator('.invite-code')).toHaveText(/^\d{4} \d{4}$/)
  await expect(card).toContainText('有效期到')
  await page.screenshot({ path: 'test-results/invite-code.png' })
  await expectSizes(page, 'invite', 16, 48)
})

test('a plain villager cannot issue codes', async ({ page, request }) => {
  const villager = (await personas(request)).find((p) => p.roles.length === 1 && p.roles[0] === 'villager')!
  await loginAs(page, villager)
  await page.goto('/#/packages/invite/pages/issue/index')
  await expect(page.getByText('只有村书记和村干部能给本村村民发邀请码')).toBeVisible()
})
