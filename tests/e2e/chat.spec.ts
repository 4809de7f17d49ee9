import { mkdirSync } from 'node:fs'
import { expect, test, type Browser, type BrowserContext, type Page } from '@playwright/test'
import type { Persona } from '../../types'
import { callAs, expectSizes, loginAs, openTab, personas, settle } from './helpers'

/**
 * Issue 12: two villagers of 合兴村2组 in two browsers. The group leader posts a notice (pinned,
 * "N/M 人已读", and who has not read it); one villager reads it (我知道了), sends text and a voice
 * message (Chromium's fake microphone); the other sees both within 3 s. A villager of another
 * village's group does not see the chat in 群聊, and its link says 没有找到. Screenshots go to
 * /tmp/chat-shots/.
 */

const SHOTS = '/tmp/chat-shots'
/** A 2×2 green PNG (the upload checks the bytes, not the name). */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAAD0lEQVR4nGNgWMAAQhAKABGOAoEf3CQEAAAAAElFTkSuQmCC', 'base64')
const chatPage = (id: string) => `/#/packages/chat/pages/chat/index?id=${encodeURIComponent(id)}`

// getUserMedia needs a microphone: Chromium's fake one (a beep), allowed without asking.
test.use({
  launchOptions: {
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--use-fake-device-for-media-stream',
      '--use-fake-ui-for-media-stream',
      '--autoplay-policy=no-user-gesture-required',
    ],
  },
  permissions: ['microphone'],
})

async function shot(page: Page, name: string, full = false): Promise<void> {
  await settle(page)
  mkdirSync(SHOTS, { recursive: true })
  await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: full })
}

async function open(browser: Browser, baseURL: string): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ baseURL, viewport: { width: 375, height: 812 }, locale: 'zh-CN', permissions: ['microphone'] })
  return { context, page: await context.newPage() }
}

function find(all: Persona[], prefix: string): Persona {
  const found = all.find((p) => p.description?.startsWith(prefix))
  if (!found) throw new Error(`no persona described as ${prefix}…`)
  return found
}

test('two villagers of one group chat in near real time; a notice shows who read it; another group sees nothing', async ({ browser, request, baseURL }) => {
  test.setTimeout(240_000)
  const all = await personas(request)
  const villager = find(all, '合兴村2组村民：')
  const neighbour = find(all, '合兴村2组党员')
  const leader = find(all, '合兴村2组村民小组长')
  const outsider = find(all, '新安村1组村民小组长')
  expect(villager.groupId).toBe(neighbour.groupId)
  expect(outsider.groupId).not.toBe(villager.groupId)
  const chatId = `group:${villager.groupId}`

  const L = await open(browser, baseURL!)
  const A = await open(browser, baseURL!)
  const B = await open(browser, baseURL!)
  const C = await open(browser, baseURL!)

  // The leader posts a notice: pinned on top, with how many have read it.
  await loginAs(L.page, leader)
  await L.page.goto(chatPage(chatId))
  await expect(L.page.locator('.ch-head__name:visible')).toContainText('组')
  await L.page.locator('.ch-plus:visible').click()
  await L.page.locator('.ch-extra--notice:visible').click()
  const noticeText = `明天上午9点在村部开会，请各户派一人参加（${Date.now() % 10000}）`
  await L.page.locator('.ch-notice-text:visible textarea').fill(noticeText)
  await shot(L.page, 'leader-notice-form')
  await L.page.locator('.ch-notice-submit:visible').click()
  const leaderPinned = L.page.locator('.ch-pinned:visible', { hasText: noticeText })
  await expect(leaderPinned).toBeVisible()
  await expect(leaderPinned.locator('.ch-pinned__count')).toContainText('人已读')
  await shot(L.page, 'leader-chat-notice')

  // Villager A: 消息 → 群聊 lists the group chat with an unread count; the notice is on top.
  await loginAs(A.page, villager)
  await openTab(A.page, '消息')
  await A.page.locator('.chats-segment:visible', { hasText: '群聊' }).click()
  const row = A.page.locator(`.chats-chat:visible[data-chat-id="${chatId}"]`)
  await expect(row).toBeVisible()
  await expect(row.locator('.chats-chat__badge')).toBeVisible()
  await expect(A.page.locator('.cz-tabbar__item:visible', { hasText: '消息' }).locator('.cz-tabbar__badge')).toBeVisible()
  await shot(A.page, 'villager-chat-list')
  await expectSizes(A.page, 'chat list', 16, 48)
  await row.click()
  const pinned = A.page.locator('.ch-pinned:visible', { hasText: noticeText })
  await expect(pinned).toBeVisible()
  const before = await pinned.locator('.ch-pinned__count').textContent()
  // Opening the chat reads it; 我知道了 says so in as many words (either way the count is N/M).
  if (await pinned.locator('.ch-pinned__ok').isVisible()) await pinned.locator('.ch-pinned__ok').click()
  await expect(pinned.locator('.ch-pinned__done')).toBeVisible()
  await expect(pinned.locator('.ch-pinned__count')).toHaveText(/^\d+\/\d+ 人已读$/)
  expect(before).toMatch(/人已读/)

  // Villager B opens the same chat in another browser.
  await loginAs(B.page, neighbour)
  await B.page.goto(chatPage(chatId))
  await expect(B.page.locator('.ch-pinned:visible', { hasText: noticeText })).toBeVisible()

  // A sends text: shown at once (发送中 → 已发送); B sees it within 3 s.
  const text = `今天下午有人去镇上吗？想搭个车（${Date.now() % 10000}）`
  await A.page.locator('.ch-input:visible input').fill(text)
  await A.page.locator('.ch-send:visible').click()
  const mine = A.page.locator('.ch-row.is-mine:visible', { hasText: text })
  await expect(mine).toBeVisible({ timeout: 1000 })
  await expect(mine.locator('.ch-status')).toHaveText('已发送')
  await expect(B.page.locator('.ch-row:visible', { hasText: text })).toBeVisible({ timeout: 3000 })
  await expect(B.page.locator('.ch-row:visible', { hasText: text })).toHaveCount(1)
  await expect(A.page.locator('.ch-row:visible', { hasText: text })).toHaveCount(1)

  // A weak signal: the first try never reaches the server → 发送失败; a tap sends it again with the
  // same client id. Then one that reached the server but whose answer was lost: still shown once.
  let dropNext: 'before' | 'after' | null = 'before'
  await A.page.route('**/api/fn/chat', async (route) => {
    const body = route.request().postDataJSON() as { action?: string } | null
    const drop = body?.action === 'send' ? dropNext : null
    if (!drop) return route.continue()
    dropNext = null
    if (drop === 'after') await route.fetch()
    return route.abort('failed')
  })
  const lost = `网不好的时候发的一句话（${Date.now() % 10000}）`
  await A.page.locator('.ch-input:visible input').fill(lost)
  await A.page.locator('.ch-send:visible').click()
  const failed = A.page.locator('.ch-row.is-pending:visible', { hasText: lost })
  await expect(failed.locator('.ch-status.is-failed')).toContainText('发送失败')
  await shot(A.page, 'villager-send-failed')
  await failed.locator('.ch-retry').click()
  await expect(A.page.locator('.ch-row:visible', { hasText: lost }).locator('.ch-status')).toHaveText('已发送')
  await expect(B.page.locator('.ch-row:visible', { hasText: lost })).toHaveCount(1, { timeout: 3000 })
  dropNext = 'after'
  const halfLost = `服务器收到了但回答丢了（${Date.now() % 10000}）`
  await A.page.locator('.ch-input:visible input').fill(halfLost)
  await A.page.locator('.ch-send:visible').click()
  await expect(A.page.locator('.ch-row:visible', { hasText: halfLost })).toBeVisible()
  await A.page
    .locator('.ch-row.is-pending:visible', { hasText: halfLost })
    .locator('.ch-retry')
    .click({ timeout: 2500 })
    .catch(() => undefined)
  await expect(B.page.locator('.ch-row:visible', { hasText: halfLost })).toHaveCount(1, { timeout: 3000 })
  await A.page.waitForTimeout(2500)
  await expect(A.page.locator('.ch-row:visible', { hasText: halfLost })).toHaveCount(1)
  await expect(B.page.locator('.ch-row:visible', { hasText: halfLost })).toHaveCount(1)
  await A.page.unroute('**/api/fn/chat')

  // A holds 按住说话 for two seconds and lets go: a voice message; B sees it within 3 s.
  const voicesBefore = await B.page.locator('.ch-row:visible .ch-voice').count()
  const talk = A.page.locator('.ch-talk:visible')
  const box = (await talk.boundingBox())!
  await A.page.mouse.move(box.x + box.width / 2, box.y + box.height / 2)
  await A.page.mouse.down()
  await expect(talk).toHaveClass(/is-recording/)
  await A.page.waitForTimeout(2300)
  await shot(A.page, 'villager-recording')
  await A.page.mouse.up()
  await expect(A.page.locator('.ch-row.is-mine:visible .ch-voice').last()).toBeVisible({ timeout: 5000 })
  await expect(B.page.locator('.ch-row:visible .ch-voice')).toHaveCount(voicesBefore + 1, { timeout: 3000 })
  const voice = B.page.locator('.ch-row:visible .ch-voice').last()
  await expect(voice.locator('.ch-voice__seconds')).toHaveText(/^[23]″$/)
  await shot(A.page, 'villager-a-chat')
  await shot(B.page, 'villager-b-chat')
  await expectSizes(B.page, 'chat page', 16, 48)

  // One tap plays it.
  await voice.click()
  await expect(voice).toHaveClass(/is-playing/)
  await voice.click()

  // The leader sees how many have read the notice, and who has not.
  await L.page.reload()
  const leaderCount = L.page.locator('.ch-pinned:visible', { hasText: noticeText }).locator('.ch-pinned__reads')
  await expect(leaderCount).toContainText(/[2-9]\/\d+ 人已读/)
  await leaderCount.click()
  await expect(L.page.locator('.ch-reads:visible .ch-reads-count')).toContainText('人已读')
  await shot(L.page, 'leader-notice-reads')
  await L.page.locator('.ch-reads:visible .cz-button', { hasText: '关闭' }).click()

  // The menu on a message: 提问 marks it a question for the leader.
  await A.page.locator('.ch-row.is-mine:visible .ch-bubble', { hasText: text }).click()
  await shot(A.page, 'villager-message-menu')
  await A.page.locator('.ch-do-ask:visible').click()
  await expect(A.page.locator('.ch-row.is-mine:visible', { hasText: text }).locator('.ch-question')).toHaveText('提问 · 等待答复')

  // 长辈模式: the same chat, bigger.
  await A.page.evaluate(() => localStorage.setItem('cz.careMode', JSON.stringify({ data: true })))
  await A.page.reload()
  await expect(A.page.locator('.ch-row:visible', { hasText: text })).toBeVisible()
  await shot(A.page, 'villager-chat-care')
  await expectSizes(A.page, 'chat page (care)', 18, 60)
  // A small phone (320 px) in 长辈模式: nothing wider than the screen.
  await A.page.setViewportSize({ width: 320, height: 700 })
  await settle(A.page)
  expect(await A.page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0)
  await shot(A.page, 'villager-chat-care-320')

  // Another group's villager: 群聊 lacks the chat; its link says 没有找到.
  await loginAs(C.page, outsider)
  await openTab(C.page, '消息')
  await C.page.locator('.chats-segment:visible', { hasText: '群聊' }).click()
  await expect(C.page.locator('.chats-chat:visible').first()).toBeVisible()
  await expect(C.page.locator(`.chats-chat[data-chat-id="${chatId}"]`)).toHaveCount(0)
  await C.page.goto(chatPage(chatId))
  await expect(C.page.locator('.cz-status--error:visible')).toContainText('没有找到')
  await shot(C.page, 'outsider-not-found')

  for (const one of [L, A, B, C]) await one.context.close()
})

test('mutual aid from a chat: neighbours pledge, the requester thanks; the leader answers an open question', async ({ browser, request, baseURL }) => {
  test.setTimeout(240_000)
  const all = await personas(request)
  const villager = find(all, '合兴村2组村民：')
  const neighbour = find(all, '合兴村2组党员')
  const leader = find(all, '合兴村2组村民小组长')
  const chatId = `group:${villager.groupId}`
  const A = await open(browser, baseURL!)
  const B = await open(browser, baseURL!)
  const L = await open(browser, baseURL!)

  // A asks for help from the chat's ＋.
  await loginAs(A.page, villager)
  await A.page.goto(chatPage(chatId))
  // A photo: ＋ → 发照片 → the picture shows in the chat.
  await A.page.locator('.ch-plus:visible').click()
  const chooser = A.page.waitForEvent('filechooser')
  await A.page.locator('.ch-extra:visible', { hasText: '发照片' }).click()
  await (await chooser).setFiles({ name: 'field.png', mimeType: 'image/png', buffer: PNG })
  await expect(A.page.locator('.ch-row.is-mine:visible[data-kind="photo"] img').last()).toBeVisible({ timeout: 5000 })
  await A.page.locator('.ch-plus:visible').click()
  await shot(A.page, 'composer-extras')
  await A.page.locator('.ch-extra--aid:visible').click()
  const title = `房顶漏雨要修（${Date.now() % 10000}）`
  await A.page.locator('.ch-aid-title:visible textarea').fill(title)
  await A.page.locator('.ch-aid-text:visible textarea').fill('周六上午需要三四个人帮忙修房顶，还缺一卷油毡。')
  await shot(A.page, 'aid-form')
  await A.page.locator('.ch-aid-submit:visible').click()
  await expect(A.page.locator('.ch-aid__title:visible')).toHaveText(title)
  await expect(A.page.locator('.ch-fulfil-open:visible')).toBeVisible()

  // B sees the request as a card in the chat and pledges time.
  await loginAs(B.page, neighbour)
  await B.page.goto(chatPage(chatId))
  const card = B.page.locator('.ch-card:visible', { hasText: title })
  await expect(card).toBeVisible()
  await shot(B.page, 'chat-with-aid-card')
  await card.click()
  await expect(B.page.locator('.ch-aid__title:visible')).toHaveText(title)
  await B.page.locator('.ch-pledge-time:visible').click()
  await B.page.locator('.ch-pledge-note:visible textarea').fill('周六上午我来')
  await B.page.locator('.ch-pledge-submit:visible').click()
  await expect(B.page.locator('.ch-pledge:visible', { hasText: '我' })).toContainText('出力')
  await shot(B.page, 'aid-pledged', true)
  await expectSizes(B.page, 'aid page', 16, 48)

  // A marks it solved and thanks everyone.
  await A.page.reload()
  await expect(A.page.locator('.ch-pledge:visible', { hasText: neighbour.name })).toBeVisible()
  await A.page.locator('.ch-fulfil-open:visible').click()
  await A.page.locator('.ch-thanks-text:visible textarea').fill('谢谢各位乡亲，房顶修好了！')
  await A.page.locator('.ch-fulfil-submit:visible').click()
  await expect(A.page.locator('.ch-aid__state:visible')).toHaveText('已解决')
  await expect(A.page.locator('.ch-aid__thanks:visible')).toContainText('房顶修好了')
  await shot(A.page, 'aid-fulfilled', true)

  // A question waiting for the leader: listed (longest waiting first), answered from the chat.
  const question = `低保明年还要重新申请吗？（${Date.now() % 10000}）`
  const sent = await callAs<{ id: string }>(request, villager.id, 'chat', 'send', { chatId, clientId: `e2e-q-${Date.now()}`, kind: 'text', text: question })
  await callAs(request, villager.id, 'chat', 'ask', { messageId: sent.id })
  await loginAs(L.page, leader)
  await L.page.goto(chatPage(chatId))
  await L.page.locator('.ch-questions-link:visible').click()
  const waiting = L.page.locator('.ch-open-question:visible', { hasText: question })
  await expect(waiting).toBeVisible()
  await shot(L.page, 'leader-questions', true)
  await waiting.click()
  await L.page.locator('.ch-row:visible .ch-bubble', { hasText: question }).click()
  await L.page.locator('.ch-do-answer:visible').click()
  await L.page.locator('.ch-answer-text:visible textarea').fill('要的，明年 1 月到村部重新登记，我会提前通知。')
  await L.page.locator('.ch-answer-submit:visible').click()
  await expect(L.page.locator('.ch-row:visible[data-kind="answer"]', { hasText: '明年 1 月' })).toBeVisible({ timeout: 5000 })
  await expect(A.page.locator('body')).toBeVisible()
  await A.page.goto(chatPage(chatId))
  await expect(A.page.locator('.ch-row:visible', { hasText: question }).locator('.ch-question')).toHaveText('提问 · 已答复')
  await shot(A.page, 'villager-answered')

  // The leader hides a message (with a reason, told to the sender); members then see only that it was hidden.
  await L.page.locator(`.ch-row:visible[data-message-id="${sent.id}"] .ch-bubble`).click()
  await L.page.locator('.ch-do-hide:visible').click()
  await L.page.locator('.ch-hide-reason:visible textarea').fill('涉及个人隐私，请私下问组长')
  await shot(L.page, 'leader-hide-form')
  await L.page.locator('.ch-hide-submit:visible').click()
  await expect(L.page.locator(`.ch-row:visible[data-message-id="${sent.id}"] .ch-bubble.is-hidden`)).toBeVisible()
  await B.page.goto(chatPage(chatId))
  await expect(B.page.locator(`.ch-row:visible[data-message-id="${sent.id}"] .ch-hidden-text`)).toHaveText('这条消息已被隐藏')
  await shot(B.page, 'villager-sees-hidden')
  // Opened afresh, the chat shows its newest message, not its top.
  await expect(B.page.locator('.ch-row:visible').last()).toBeInViewport()

  for (const one of [A, B, L]) await one.context.close()
})

test('older messages by cursor: 查看更早的消息 adds earlier pages with no repeats; the newest is in view', async ({ page, request }) => {
  test.setTimeout(120_000)
  const all = await personas(request)
  const villager = find(all, '合兴村2组村民：')
  const senders = [find(all, '合兴村2组党员'), find(all, '合兴村2组村民小组长'), find(all, '合兴村村干部')]
  const chatId = `group:${villager.groupId}`
  const run = Date.now() % 100000
  for (let i = 1; i <= 24; i += 1) {
    await callAs(request, senders[i % 3].id, 'chat', 'send', { chatId, clientId: `e2e-old-${run}-${i}`, kind: 'text', text: `第${i}条（${run}）` })
  }
  await loginAs(page, villager)
  await page.goto(chatPage(chatId))
  await expect(page.locator('.ch-row:visible', { hasText: `第24条（${run}）` })).toBeInViewport()
  await expect(page.locator('.ch-row:visible')).toHaveCount(20)
  await expect(page.locator('.ch-row:visible', { hasText: `第1条（${run}）` })).toHaveCount(0)
  while (await page.locator('.ch-older:visible').isVisible()) {
    const shown = await page.locator('.ch-row:visible').count()
    await page.locator('.ch-older:visible').click()
    await expect.poll(() => page.locator('.ch-row:visible').count()).toBeGreaterThan(shown)
    if (await page.locator('.ch-row:visible', { hasText: `第1条（${run}）` }).count()) break
  }
  await expect(page.locator('.ch-row:visible', { hasText: `第1条（${run}）` })).toHaveCount(1)
  const ids = await page.locator('.ch-row:visible[data-message-id]').evaluateAll((rows) => rows.map((row) => row.getAttribute('data-message-id')))
  expect(new Set(ids).size).toBe(ids.length)
  // Oldest first on screen, as they were said.
  const texts = await page.locator('.ch-row:visible .ch-text').allTextContents()
  const mine = texts.filter((t) => t.endsWith(`（${run}）`)).map((t) => Number(/第(\d+)条/.exec(t)![1]))
  expect(mine).toEqual(Array.from({ length: 24 }, (_, i) => i + 1))
  await shot(page, 'older-history')

  // 转为办事: pick the kind of errand; the message's words are the request's note.
  await page.locator('.ch-row:visible .ch-bubble', { hasText: `第24条（${run}）` }).click()
  await page.locator('.ch-do-errand:visible').click()
  await page.locator('.eu-item:visible').first().click()
  await expect(page.locator('.eu-note-input:visible textarea')).toHaveValue(`第24条（${run}）`)
  await shot(page, 'errand-from-chat')
})
