import { expect, type APIRequestContext, type Page } from '@playwright/test'
import type { HomeOverview, Persona } from '../../types'

/** Seeded people come from the host; tests choose them by role, never by a hard-coded id. */
export async function personas(request: APIRequestContext): Promise<Persona[]> {
  const res = await request.get('/api/dev/personas')
  expect(res.ok()).toBeTruthy()
  const body = (await res.json()) as { ok: boolean; data: Persona[] }
  expect(body.ok).toBe(true)
  return body.data
}

/** A plain villager: no other role at all. */
export async function plainVillager(request: APIRequestContext): Promise<Persona> {
  const found = (await personas(request)).find((p) => p.roles.length === 1 && p.roles[0] === 'villager' && p.groupId)
  if (!found) throw new Error('the seed has no persona with roles exactly ["villager"]')
  return found
}

/** The group leader whose group has the most villagers, so the roster has a second page to load. */
export async function biggestGroupLeader(request: APIRequestContext): Promise<{ persona: Persona; total: number }> {
  const leaders = (await personas(request)).filter((p) => p.roles.includes('group_leader') && p.groupId)
  if (leaders.length === 0) throw new Error('the seed has no persona with the group_leader role')
  let best: { persona: Persona; total: number } | undefined
  for (const persona of leaders) {
    const page = await callAs<{ total: number }>(request, persona.id, 'roster', 'groupMembers', {
      groupId: persona.groupId,
      limit: 1,
    })
    if (!best || page.total > best.total) best = { persona, total: page.total }
  }
  return best!
}

/** Calls a function the way the app does, to know what the screen should show. */
export async function callAs<T>(request: APIRequestContext, personId: string, fn: string, action: string, data: unknown): Promise<T> {
  const login = await request.post('/api/dev/login', { data: { personId } })
  const { data: session } = (await login.json()) as { data: { token: string } }
  const res = await request.post(`/api/fn/${fn}`, {
    data: { action, data },
    headers: { Authorization: `Bearer ${session.token}` },
  })
  const body = (await res.json()) as { ok: boolean; data: T; error?: unknown }
  expect(body.ok, `${fn}.${action} as ${personId}: ${JSON.stringify(body.error)}`).toBe(true)
  return body.data
}

export function overviewOf(request: APIRequestContext, personId: string): Promise<HomeOverview> {
  return callAs<HomeOverview>(request, personId, 'home', 'overview', {})
}

/** Opens the app logged out (so it must land on login) and picks the persona's card. */
export async function loginAs(page: Page, persona: Persona): Promise<void> {
  await page.goto('/')
  const card = page.locator(`.persona-card[data-person-id="${persona.id}"]`)
  await expect(card).toBeVisible()
  await card.click()
  await expect(page.locator('.home-greeting:visible')).toContainText(persona.name)
}

/** Waits for Taro's page slide and other transitions to finish, so screenshots show one page. */
export async function settle(page: Page): Promise<void> {
  await page.waitForFunction(() => document.getAnimations().length === 0)
}

/** Taro keeps visited tab pages in the DOM (hidden): always act on the visible one. */
export async function openTab(page: Page, label: '首页' | '消息' | '办事' | '我的'): Promise<void> {
  await page.locator('.cz-tabbar__item:visible', { hasText: label }).click()
  await expect(page.locator('.cz-tabbar__item.is-active:visible .cz-tabbar__text')).toHaveText(label)
}

export interface SizeReport {
  texts: number
  taps: number
  smallTexts: { text: string; px: number }[]
  shortTaps: { text: string; px: number }[]
}

/** Font size of every visible .cz-text and height of every visible .cz-tap on the page. */
export async function measure(page: Page, minText: number, minTap: number): Promise<SizeReport> {
  return page.evaluate(
    ({ minText, minTap }) => {
      const visible = (el: Element) => {
        const r = el.getBoundingClientRect()
        return r.width > 0 && r.height > 0 && el.checkVisibility({ visibilityProperty: true, opacityProperty: true })
      }
      const label = (el: Element) => (el.textContent ?? '').trim().slice(0, 30)
      const texts = Array.from(document.querySelectorAll('.cz-text')).filter(visible)
      const taps = Array.from(document.querySelectorAll('.cz-tap')).filter(visible)
      return {
        texts: texts.length,
        taps: taps.length,
        smallTexts: texts.map((el) => ({ text: label(el), px: parseFloat(getComputedStyle(el).fontSize) })).filter((t) => t.px < minText),
        shortTaps: taps.map((el) => ({ text: label(el), px: el.getBoundingClientRect().height })).filter((t) => t.px < minTap),
      }
    },
    { minText, minTap },
  )
}

/** Asserts the size rules on the page as it is now, naming every offender. */
export async function expectSizes(page: Page, where: string, minText: number, minTap: number): Promise<void> {
  const report = await measure(page, minText, minTap)
  expect(report.texts, `${where}: no visible .cz-text at all`).toBeGreaterThan(0)
  expect(report.smallTexts, `${where}: text smaller than ${minText}px`).toEqual([])
  expect(report.shortTaps, `${where}: tap targets lower than ${minTap}px`).toEqual([])
}
