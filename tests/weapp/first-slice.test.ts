/**
 * First slice in the real mini program (WeChat DevTools + CloudBase), the same journey as
 * tests/e2e/first-slice.spec.ts: a bound villager sees their group and Party group on 首页; a group
 * leader opens 本组花名册 and loads the next page.
 *
 * Cannot run on Linux (no WeChat DevTools). On Windows/macOS:
 *   npm run build:weapp
 *   WECHAT_DEVTOOLS_CLI=<path to DevTools cli> [CUNZU_INVITE_CODE=12345678] npm run test:weapp
 * - WECHAT_DEVTOOLS_CLI: DevTools' command-line tool (see tests/weapp/jest.config.js for paths);
 *   DevTools' 服务端口 must be on. Missing → every test is skipped, with a message.
 * - CUNZU_INVITE_CODE: only needed the first time, when DevTools' WeChat account is not yet bound
 *   to a person; ask village staff (identity.issueInvitation) for a code — a group leader's code
 *   covers the roster journey too.
 * - The project is the repo root (project.config.json: miniprogramRoot dist/, cloud functions in
 *   build/functions/, deployed to the CloudBase environment selected in DevTools).
 */
import path from 'node:path'
import automator from 'miniprogram-automator'
import type MiniProgram from 'miniprogram-automator/out/MiniProgram'
import type Page from 'miniprogram-automator/out/Page'
import type { HomeOverview } from '../../types'

const cliPath = process.env.WECHAT_DEVTOOLS_CLI
const inviteCode = process.env.CUNZU_INVITE_CODE
const projectPath = path.resolve(__dirname, '..', '..')

const HOME = 'pages/home/index'
const LOGIN = 'packages/account/pages/login/index'
const ROSTER = 'packages/roster/pages/members/index'
/** Must match ROSTER_PAGE_SIZE in src/packages/roster/pages/members/use-roster.ts. */
const PAGE_SIZE = 10
const MASKED_PHONE = /\d{3}\*{4}\d{4}/

if (!cliPath) {
  console.warn("tests/weapp skipped: set WECHAT_DEVTOOLS_CLI to WeChat DevTools' cli (Windows/macOS only) to run the mini program suite.")
}
const describeWithDevTools = cliPath ? describe : describe.skip

/** Polls until `probe` returns something truthy (DevTools renders asynchronously). */
async function until<T>(what: string, probe: () => Promise<T | null | undefined | false>, timeoutMs = 20000): Promise<T> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const value = await probe().catch(() => undefined)
    if (value) return value
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 300))
  }
}

async function onPage(mp: MiniProgram, route: string): Promise<Page> {
  return until(`page ${route}`, async () => {
    const page = await mp.currentPage()
    return page && page.path.replace(/^\//, '') === route ? page : undefined
  })
}

async function textOf(page: Page, selector: string): Promise<string> {
  const el = await until(`element ${selector}`, () => page.$(selector))
  return el.text()
}

describeWithDevTools('first slice in WeChat', () => {
  let mp: MiniProgram
  let overview: HomeOverview

  beforeAll(async () => {
    mp = await automator.launch({ cliPath, projectPath, trustProject: true, timeout: 120000 })
  })

  afterAll(async () => {
    await mp?.close()
  })

  test('a bound villager sees their group, its leader and size, and their Party group', async () => {
    await mp.reLaunch(`/${HOME}`)
    // Not bound yet → the app sends the user to the invitation-code page.
    const first = await until('home or login page', async () => {
      const page = await mp.currentPage()
      const route = page?.path.replace(/^\//, '')
      return route === HOME && (await page!.$('.home-greeting')) ? page : route === LOGIN ? page : undefined
    })
    if (first.path.replace(/^\//, '') === LOGIN) {
      if (!inviteCode) throw new Error('This WeChat account is not bound yet: set CUNZU_INVITE_CODE to an 8-digit invitation code.')
      const input = await until('invitation input', () => first.$('.invite-input'))
      await (input as unknown as { input(value: string): Promise<void> }).input(inviteCode)
      await (await until('确定 button', () => first.$('.invite-submit'))).tap()
    }

    // What the screen should show, asked from the same cloud function the page uses.
    const answer = (await mp.evaluate(
      () =>
        new Promise((resolve) => {
          wx.cloud.callFunction({
            name: 'home',
            data: { action: 'overview', data: {} },
            success: (res: { result: unknown }) => resolve(res.result),
            fail: (err: { errMsg: string }) => resolve({ ok: false, error: { message: err.errMsg } }),
          })
        }),
    )) as { ok: true; data: HomeOverview } | { ok: false; error: { message: string } }
    if (!answer.ok) throw new Error(`home.overview failed: ${answer.error.message}`)
    overview = answer.data

    const home = await onPage(mp, HOME)
    expect(await textOf(home, '.home-greeting')).toContain(overview.person.name)
    expect(overview.group).not.toBeNull()
    const group = overview.group!
    expect(await textOf(home, '.home-group-name')).toContain(group.name)
    if (group.leader) expect(await textOf(home, '.home-leader')).toContain(group.leader.name)
    expect(await textOf(home, '.home-villagers')).toContain(`${group.villagerCount} 人`)
    expect(await textOf(home, '.home-households')).toContain(`${group.householdCount} 户`)
    expect(overview.partyGroup).not.toBeNull()
    expect(await textOf(home, '.home-party-name')).toBe(overview.partyGroup!.name)
    expect(await textOf(home, '.home-party-kind')).toContain(overview.partyGroup!.crossGroup ? '跨组党小组' : '本组自己的党小组')
    expect(Boolean(await home.$('.home-roster-entry'))).toBe(overview.isGroupLeader)
  })

  test('a group leader opens 本组花名册 and loads the next page', async () => {
    if (!overview?.isGroupLeader) {
      console.warn("roster journey skipped: the bound person is not a group leader (bind with a group leader's code to cover it).")
      return
    }
    const home = await mp.reLaunch(`/${HOME}`)
    await (await until('本组花名册 entry', () => home!.$('.home-roster-entry'))).tap()
    const roster = await onPage(mp, ROSTER)

    const countText = await textOf(roster, '.roster-count')
    const total = Number(/共 (\d+) 人/.exec(countText)?.[1])
    const firstRows = await until('roster rows', async () => {
      const rows = await roster.$$('.roster-row')
      return rows.length === Math.min(PAGE_SIZE, total) ? rows : undefined
    })
    expect(firstRows.length).toBeGreaterThan(0)

    const phones: string[] = await Promise.all((await roster.$$('.roster-phone')).map((el: { text(): Promise<string> }) => el.text()))
    for (const phone of phones) expect(phone).toMatch(/电话：(\d{3}\*{4}\d{4}|未登记)$/)
    expect(phones.some((phone) => MASKED_PHONE.test(phone))).toBe(true)

    if (total <= PAGE_SIZE) {
      console.warn(`next-page step skipped: the group has only ${total} villagers`)
      return
    }
    await (await until('加载更多', () => roster.$('.roster-more'))).tap()
    await until('second page of rows', async () => {
      const rows = await roster.$$('.roster-row')
      return rows.length === Math.min(PAGE_SIZE * 2, total) ? rows : undefined
    })
  })
})

// The mini program's global, used inside mp.evaluate (which runs in the app, not in Node).
declare const wx: {
  cloud: {
    callFunction(options: { name: string; data: unknown; success: (res: { result: unknown }) => void; fail: (err: { errMsg: string }) => void }): void
  }
}
