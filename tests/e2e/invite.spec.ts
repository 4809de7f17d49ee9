import { expect, test } from '@playwright/test'
import { expectSizes, loginAs, openTab, personas } from './helpers'

// Village staff bring a villager in: pick the group, pick the person, read out an 8-digit code.
test('village staff issue an invitation code for a villager of their village', async ({ page, request }) => {
  const staff = (await personas(request)).find((p) => p.roles.includes('village_staff'))
  if (!staff) throw new Error('the seed has no village staff persona')
  await loginAs(page, staff)
  await openTab(page, '我的')

  // Its own card on 我的, not under 党小组.
  await expect(page.locator('.me-invite-card:visible .me-invite')).toBeVisible()
  await expect(page.locator('.me-party:visible .me-invite')).toHaveCount(0)
  await page.locator('.me-invite:visible').click()

  const groups = page.locator('.invite-group:visible')
  await expect(groups.first()).toBeVisible()
  const total = Number(/(\d+) 人/.exec((await groups.first().textContent()) ?? '')![1])
  await groups.first().click()
  const people = page.locator('.invite-person:visible')
  await expect(people.first()).toBeVisible()
  // The count on the group list is the one said here, with who is left out and why.
  const count = page.locator('.invite-count:visible')
  await expect(count).toContainText(`共 ${total} 人`)
  const listed = await people.count()
  if (listed < total) await expect(count).toContainText(`列出 ${listed} 人；${total - listed} 人不满 16 岁`)
  else await expect(count).toContainText('都列在下面')

  // 返回 leads back to the group list, not out of the page.
  await page.locator('.cz-back:visible').click()
  await expect(groups.first()).toBeVisible()
  await groups.first().click()
  await expect(people.first()).toBeVisible()

  const name = (await people.first().locator('.invite-strong').textContent())?.trim()
  // Asked first; 不发 issues nothing.
  await people.first().click()
  await expect(page.locator('.taro-modal__text')).toHaveText(`给 ${name} 发一个邀请码？`)
  await page.screenshot({ path: 'test-results/invite-confirm.png' })
  await page.locator('.taro-model__cancel').click()
  await expect(page.locator('.invite-code-card')).toHaveCount(0)
  await people.first().click()
  await page.locator('.taro-model__confirm').click()

  const card = page.locator('.invite-code-card:visible')
  await expect(card).toContainText(`给 ${name} 的邀请码`)
  await expect(card.locator('.invite-code')).toHaveText(/^\d{4} \d{4}$/)
  await expect(card).toContainText('有效期到')
  await expect(card.locator('.invite-copy')).toHaveText('复制')
  await expect(card.locator('.invite-share')).toHaveText('分享')
  await page.screenshot({ path: 'test-results/invite-code.png' })
  await expectSizes(page, 'invite', 16, 48)

  // 复制 puts the eight digits on the clipboard (the browser build's stand-in for WeChat's).
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write'])
  await card.locator('.invite-copy').click()
  const code = ((await card.locator('.invite-code').textContent()) ?? '').replace(/\s/g, '')
  await expect.poll(() => page.evaluate(() => navigator.clipboard.readText().catch(() => ''))).toContain(code)

  // 返回 from the code leads to the group list too.
  await page.locator('.cz-back:visible').click()
  await expect(groups.first()).toBeVisible()
})

test('a plain villager cannot issue codes', async ({ page, request }) => {
  const villager = (await personas(request)).find((p) => p.roles.length === 1 && p.roles[0] === 'villager')!
  await loginAs(page, villager)
  await page.goto('/#/packages/invite/pages/issue/index')
  await expect(page.getByText('只有村书记和村干部能给本村村民发邀请码')).toBeVisible()
})
