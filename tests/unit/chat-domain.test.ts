/**
 * Issue 12's pure chat rules: which chats a person is in (the roster and the village's cadres), who
 * sees which message, which messages may be asked and answered (every kind × state × question),
 * reply times, the per-person rate limit (20 a minute, a fixed window), message ids (`<chatId>|<seq>`)
 * and the content check's two adapters: the local word list and WeChat's msgSecCheck v2 behind a fake
 * openapi. The expectations are written from the issue's words, not read off the code.
 */
import { describe, expect, it } from '@jest/globals'
import fc from 'fast-check'
import { MESSAGE_KINDS } from '../../types/functions/chat'
import {
  chatIdOf,
  chatOfMessageId,
  chatsOf,
  mayAnswer,
  mayAsk,
  MESSAGES_PER_MINUTE,
  messageIdOf,
  parseChatId,
  rateDecision,
  replySeconds,
  seqOfMessageId,
  visibility,
  type MessageState,
  type QuestionFacts,
  type RateWindow,
} from '../../cloudfunctions/shared/domain/chat/rules'
import { REVIEW_WORDS, RISKY_WORDS, wordListCheck } from '../../cloudfunctions/shared/content-check/word-list'
import { MSG_SEC_CHECK_MAX, wechatContentCheck, type SecurityApi } from '../../cloudfunctions/shared/content-check/wechat'

// Written out here (not imported) so a renaming in the domain fails.
const STATES: MessageState[] = ['shown', 'held', 'hidden']
const PERSON_KINDS = ['text', 'photo', 'voice']
const QUESTIONS: Array<QuestionFacts['question']> = [null, { state: 'open' }, { state: 'answered' }]

// ── Chats and membership ────────────────────────────────────────────────────────────────────────

describe('chat ids', () => {
  it('names a group chat and a village chat by their roster ids, and reads them back', () => {
    expect(chatIdOf('group', 'v-1-g02')).toBe('group:v-1-g02')
    expect(chatIdOf('village', 'v-1')).toBe('village:v-1')
    expect(parseChatId('group:v-1-g02')).toEqual({ kind: 'group', scopeId: 'v-1-g02' })
    expect(parseChatId('village:v-1')).toEqual({ kind: 'village', scopeId: 'v-1' })
  })

  it.each(['', 'group:', 'village:', 'town:t-1', 'GROUP:g-1', 'g-1', ':g-1', 'groups:g-1'])('is no chat: %j', (id) => {
    expect(parseChatId(id)).toBeNull()
  })
})

describe('chatsOf', () => {
  const villager = { groupId: 'g-1', villageId: 'v-1' }
  it.each([
    ['a villager: their group chat, then their village chat', villager, [], ['group:g-1', 'village:v-1']],
    ['a villager the roster has not placed in a group: the village chat only', { groupId: null, villageId: 'v-1' }, [], ['village:v-1']],
    ['someone on no roster: no chats', { groupId: null, villageId: null }, [], []],
    [
      "a village's secretary or staff (living in g-1): own chats first, then every group chat of the village",
      villager,
      [{ villageId: 'v-1', groupIds: ['g-1', 'g-2', 'g-3'] }],
      ['group:g-1', 'village:v-1', 'group:g-2', 'group:g-3'],
    ],
    [
      'a cadre of another village than the one they live in: both villages',
      villager,
      [{ villageId: 'v-2', groupIds: ['g-21', 'g-22'] }],
      ['group:g-1', 'village:v-1', 'village:v-2', 'group:g-21', 'group:g-22'],
    ],
    ['a cadre on no roster: the village they serve', { groupId: null, villageId: null }, [{ villageId: 'v-2', groupIds: ['g-21'] }], ['village:v-2', 'group:g-21']],
    ['a cadre of a village with no groups yet: its village chat', { groupId: null, villageId: null }, [{ villageId: 'v-3', groupIds: [] }], ['village:v-3']],
  ])('%s', (_, person, cadreOf, expected) => {
    expect(chatsOf(person, cadreOf)).toEqual(expected)
  })

  it('moves with the roster: a villager moved to another group is in that group’s chat and not the old one', () => {
    expect(chatsOf({ groupId: 'g-2', villageId: 'v-1' }, [])).toEqual(['group:g-2', 'village:v-1'])
    expect(chatsOf({ groupId: 'g-2', villageId: 'v-1' }, [])).not.toContain('group:g-1')
    expect(chatsOf({ groupId: 'g-9', villageId: 'v-9' }, [])).not.toContain('village:v-1')
  })

  const id = fc.stringMatching(/^[a-z0-9-]{1,12}$/)
  it('lists each chat once, own chats first, every chat of a cadre’s village, and nothing else (any roster, any grants)', () => {
    fc.assert(
      fc.property(
        fc.option(id, { nil: null }),
        fc.option(id, { nil: null }),
        fc.array(fc.record({ villageId: id, groupIds: fc.array(id, { maxLength: 5 }) }), { maxLength: 3 }),
        (groupId, villageId, cadreOf) => {
          const chats = chatsOf({ groupId, villageId }, cadreOf)
          expect(new Set(chats).size).toBe(chats.length)
          const own = [...(groupId ? [`group:${groupId}`] : []), ...(villageId ? [`village:${villageId}`] : [])]
          expect(chats.slice(0, own.length)).toEqual(own)
          const served = cadreOf.flatMap((village) => [`village:${village.villageId}`, ...village.groupIds.map((g) => `group:${g}`)])
          expect(new Set(chats)).toEqual(new Set([...own, ...served]))
          for (const chat of chats) expect(parseChatId(chat)).not.toBeNull()
        },
      ),
    )
  })
})

// ── Who sees what ───────────────────────────────────────────────────────────────────────────────

describe('visibility: every state × who is looking', () => {
  const SENDER = 'p-sender'
  const VIEWERS = {
    sender: { personId: SENDER, moderates: false },
    moderator: { personId: 'p-leader', moderates: true },
    'moderator who sent it': { personId: SENDER, moderates: true },
    'another member': { personId: 'p-other', moderates: false },
  }
  // Shown: everyone. Held for review: only its sender and the moderators. Hidden: the moderators see it; everyone else (its sender too) a placeholder.
  const EXPECTED: Record<MessageState, Record<keyof typeof VIEWERS, 'full' | 'placeholder' | 'none'>> = {
    shown: { sender: 'full', moderator: 'full', 'moderator who sent it': 'full', 'another member': 'full' },
    held: { sender: 'full', moderator: 'full', 'moderator who sent it': 'full', 'another member': 'none' },
    hidden: { sender: 'placeholder', moderator: 'full', 'moderator who sent it': 'full', 'another member': 'placeholder' },
  }
  const cells = STATES.flatMap((state) => Object.entries(VIEWERS).map(([who, viewer]) => ({ state, who: who as keyof typeof VIEWERS, viewer })))
  it.each(cells)('$state message, seen by $who', ({ state, who, viewer }) => {
    expect(visibility({ state, senderId: SENDER }, viewer)).toBe(EXPECTED[state][who])
  })

  it('never shows a held message to someone who neither sent it nor moderates', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), (senderId, personId) => {
        fc.pre(senderId !== personId)
        expect(visibility({ state: 'held', senderId }, { personId, moderates: false })).toBe('none')
      }),
    )
  })
})

// ── Questions ───────────────────────────────────────────────────────────────────────────────────

describe('mayAsk and mayAnswer: every kind × state × question', () => {
  const cells = MESSAGE_KINDS.flatMap((kind) => STATES.flatMap((state) => QUESTIONS.map((question) => ({ kind, state, question, label: question?.state ?? 'none' }))))

  it('covers every kind a message can be', () => {
    expect([...MESSAGE_KINDS].sort()).toEqual(['aid', 'answer', 'card', 'notice', 'photo', 'text', 'thanks', 'voice'])
  })

  it.each(cells)('ask: $kind, $state, question $label', ({ kind, state, question }) => {
    // A person's text, photo or voice, shown to everyone, not yet a question.
    const allowed = PERSON_KINDS.includes(kind) && state === 'shown' && question === null
    const decision = mayAsk({ kind, state, question })
    if (allowed) expect(decision).toBe(true)
    else expect(decision).toMatchObject({ code: 'CONFLICT', message: expect.any(String) })
  })

  it.each(cells)('answer: $kind, $state, question $label', ({ kind, state, question }) => {
    // An open question, or a person's plain message (answered at once); never twice, never one that is not shown.
    const allowed = state === 'shown' && question?.state !== 'answered' && (question?.state === 'open' || PERSON_KINDS.includes(kind))
    const decision = mayAnswer({ kind, state, question })
    if (allowed) expect(decision).toBe(true)
    else expect(decision).toMatchObject({ code: 'CONFLICT', message: expect.any(String) })
  })

  it('says why in plain words: asked twice, answered twice, not public', () => {
    expect(mayAsk({ kind: 'text', state: 'shown', question: { state: 'open' } })).toMatchObject({ message: expect.stringContaining('已经标为提问') })
    expect(mayAsk({ kind: 'text', state: 'shown', question: { state: 'answered' } })).toMatchObject({ message: expect.stringContaining('已经答复') })
    expect(mayAnswer({ kind: 'text', state: 'shown', question: { state: 'answered' } })).toMatchObject({ message: expect.stringContaining('已经答复') })
    expect(mayAsk({ kind: 'text', state: 'held', question: null })).toMatchObject({ message: expect.stringContaining('没有公开') })
  })
})

describe('replySeconds', () => {
  it.each([
    ['2027-03-01T01:00:00.000Z', '2027-03-01T01:00:00.000Z', 0],
    ['2027-03-01T01:00:00.000Z', '2027-03-01T01:01:30.000Z', 90],
    ['2027-03-01T01:00:00.000Z', '2027-03-02T01:00:00.000Z', 86_400],
    ['2027-03-01T01:00:00.000Z', '2027-03-01T01:00:00.600Z', 1],
    // A clock that stepped back never makes a negative reply time.
    ['2027-03-01T01:00:00.000Z', '2027-03-01T00:59:00.000Z', 0],
  ])('%s → %s: %d s', (askedAt, answeredAt, seconds) => {
    expect(replySeconds(askedAt, answeredAt)).toBe(seconds)
  })

  it('is whole seconds, never negative', () => {
    const at = fc.integer({ min: Date.parse('2020-01-01'), max: Date.parse('2040-01-01') })
    fc.assert(
      fc.property(at, at, (a, b) => {
        const seconds = replySeconds(new Date(a).toISOString(), new Date(b).toISOString())
        expect(Number.isInteger(seconds)).toBe(true)
        expect(seconds).toBeGreaterThanOrEqual(0)
        if (b >= a) expect(Math.abs(seconds - (b - a) / 1000)).toBeLessThanOrEqual(0.5)
      }),
    )
  })
})

// ── Rate limit ──────────────────────────────────────────────────────────────────────────────────

describe('rateDecision: 20 a minute, a fixed window', () => {
  const MINUTE = Date.parse('2027-03-01T02:00:00.000Z')
  const at = (seconds: number) => new Date(MINUTE + seconds * 1000)

  it('is 20 a minute', () => {
    expect(MESSAGES_PER_MINUTE).toBe(20)
  })

  it('starts a window at the minute of the first message', () => {
    expect(rateDecision(null, at(17.5))).toEqual({ allowed: true, next: { windowStart: '2027-03-01T02:00:00.000Z', count: 1 } })
  })

  it('lets 20 through in one minute, refuses the 21st until the next minute, which starts afresh', () => {
    let window: RateWindow | null = null
    for (let i = 1; i <= 20; i += 1) {
      const decision = rateDecision(window, at(i * 2))
      expect(decision).toEqual({ allowed: true, next: { windowStart: '2027-03-01T02:00:00.000Z', count: i } })
      if (decision.allowed) window = decision.next
    }
    // The 21st at 02:00:42: 18 seconds until 02:01.
    expect(rateDecision(window, at(42))).toEqual({ allowed: false, retryAfterSeconds: 18 })
    expect(rateDecision(window, at(59.9))).toEqual({ allowed: false, retryAfterSeconds: 1 })
    // A refusal stores nothing: the window is the same, and still refuses.
    expect(rateDecision(window, at(59))).toEqual({ allowed: false, retryAfterSeconds: 1 })
    expect(rateDecision(window, at(60))).toEqual({ allowed: true, next: { windowStart: '2027-03-01T02:01:00.000Z', count: 1 } })
    expect(rateDecision(window, at(3600))).toEqual({ allowed: true, next: { windowStart: '2027-03-01T03:00:00.000Z', count: 1 } })
  })

  it('waits at least one second and at most a minute', () => {
    const full: RateWindow = { windowStart: '2027-03-01T02:00:00.000Z', count: 20 }
    expect(rateDecision(full, at(0))).toEqual({ allowed: false, retryAfterSeconds: 60 })
    expect(rateDecision(full, at(59.999))).toEqual({ allowed: false, retryAfterSeconds: 1 })
  })

  it('honours another limit when given one', () => {
    expect(rateDecision({ windowStart: '2027-03-01T02:00:00.000Z', count: 2 }, at(5), 3)).toMatchObject({ allowed: true, next: { count: 3 } })
    expect(rateDecision({ windowStart: '2027-03-01T02:00:00.000Z', count: 3 }, at(5), 3)).toMatchObject({ allowed: false })
  })

  it('over any run of sends: the first 20 of each calendar minute pass, the rest wait for the next minute', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 5 * 60_000 }), { maxLength: 120 }), (offsets) => {
        const times = [...offsets].sort((a, b) => a - b).map((offset) => new Date(MINUTE + offset))
        let window: RateWindow | null = null
        const perMinute = new Map<number, number>()
        for (const time of times) {
          const minute = Math.floor(time.getTime() / 60_000)
          const sent = perMinute.get(minute) ?? 0
          const decision = rateDecision(window, time)
          expect(decision.allowed).toBe(sent < 20)
          if (decision.allowed) {
            window = decision.next
            perMinute.set(minute, sent + 1)
          } else {
            expect(new Date(time.getTime() + decision.retryAfterSeconds * 1000).getTime()).toBeGreaterThanOrEqual((minute + 1) * 60_000)
            expect(decision.retryAfterSeconds).toBeLessThanOrEqual(60)
          }
        }
      }),
    )
  })
})

// ── Message ids ─────────────────────────────────────────────────────────────────────────────────

describe('message ids: <chatId>|<seq, 9 digits>', () => {
  it('says the chat and the running number', () => {
    expect(messageIdOf('group:v-1-g02', 7)).toBe('group:v-1-g02|000000007')
    expect(seqOfMessageId('group:v-1-g02', 'group:v-1-g02|000000007')).toBe(7)
    expect(chatOfMessageId('group:v-1-g02|000000007')).toBe('group:v-1-g02')
    expect(chatOfMessageId('village:v-1|000000123')).toBe('village:v-1')
  })

  const chatArb = fc.tuple(fc.constantFrom('group', 'village'), fc.stringMatching(/^[a-z0-9-]{1,20}$/)).map(([kind, id]) => `${kind}:${id}`)
  const seqArb = fc.integer({ min: 0, max: 999_999_999 })

  it('round-trips any chat and number', () => {
    fc.assert(
      fc.property(chatArb, seqArb, (chatId, seq) => {
        const id = messageIdOf(chatId, seq)
        expect(seqOfMessageId(chatId, id)).toBe(seq)
        expect(chatOfMessageId(id)).toBe(chatId)
      }),
    )
  })

  it('sorts as the numbers do within a chat', () => {
    fc.assert(
      fc.property(chatArb, seqArb, seqArb, (chatId, a, b) => {
        const [x, y] = [messageIdOf(chatId, a), messageIdOf(chatId, b)]
        expect(Math.sign(x < y ? -1 : x > y ? 1 : 0)).toBe(Math.sign(a - b))
      }),
    )
  })

  it('is not another chat’s message', () => {
    fc.assert(
      fc.property(chatArb, chatArb, seqArb, (chatId, other, seq) => {
        fc.pre(chatId !== other)
        expect(seqOfMessageId(chatId, messageIdOf(other, seq))).toBeNull()
      }),
    )
    // A chat whose id begins like another's is still another chat.
    expect(seqOfMessageId('group:g-1', messageIdOf('group:g-10', 3))).toBeNull()
    expect(seqOfMessageId('group:g-1', messageIdOf('village:g-1', 3))).toBeNull()
  })

  it.each([
    'group:g-1',
    'group:g-1|',
    'group:g-1|abc',
    'group:g-1|-000000001',
    'group:g-1|1.5',
    'group:g-1|1e3',
    'group:g-1|0x1f',
    'group:g-1| 12',
    'group:g-1|12 ',
    'group:g-1|000000001|000000002',
    'group:g-1||000000001',
    'aid-0123456789abcdef',
    '',
  ])('is no message of group:g-1: %j', (id) => {
    expect(seqOfMessageId('group:g-1', id)).toBeNull()
  })

  it.each(['', '|000000001', 'g-1|000000001', 'town:t-1|000000001', 'aid-0123', 'group:|000000001', 'group:g-1', 'group:g-1|', 'group:g-1|abc', 'group:g-1|1e3'])(
    'names no chat: %j',
    (id) => {
      expect(chatOfMessageId(id)).toBeNull()
    },
  )
})

// ── The content check: the local word list ──────────────────────────────────────────────────────

describe('the word list', () => {
  const check = wordListCheck()
  const verdict = (text: string) => check.check(text, { openId: null })

  it.each(RISKY_WORDS)('refuses %s (risky)', async (word) => {
    await expect(verdict(`大家看：${word}，快来`)).resolves.toBe('risky')
  })

  it.each(REVIEW_WORDS)('holds %s for a leader (review)', async (word) => {
    await expect(verdict(`请${word}一下`)).resolves.toBe('review')
  })

  it.each(['明天几点开会？', '低保怎么申请？', '谁家的鸡跑到路上了', '带户口本到村委会', '🙂👍', 'ok', '赌'])('lets %j pass', async (text) => {
    await expect(verdict(text)).resolves.toBe('pass')
  })

  it.each([
    ['spaces', '一起去网 赌'],
    ['a full-width space', '网　赌'],
    ['punctuation', '网，赌'],
    ['dots', '网.赌.'],
    ['a line break', '网\n赌'],
    ['a tab', '网\t赌'],
    ['an emoji', '网😀赌'],
    ['underscores and dashes', '网_赌-'],
    ['a zero-width space', '网\u200b赌'],
    ['a zero-width joiner', '网\u200d赌'],
    ['a soft hyphen', '网\u00ad赌'],
    ['a combining mark', '网\u0301赌'],
  ])('sees through %s between the characters', async (_, text) => {
    await expect(verdict(text)).resolves.toBe('risky')
  })

  it('sees a spaced-out review word too, and a risky word wins over a review word', async () => {
    await expect(verdict('转 账 给我')).resolves.toBe('review')
    await expect(verdict('转账去网赌')).resolves.toBe('risky')
  })

  it('takes other lists', async () => {
    const custom = wordListCheck(['坏话'], ['悄悄话'])
    await expect(custom.check('说坏话', { openId: null })).resolves.toBe('risky')
    await expect(custom.check('说悄悄话', { openId: null })).resolves.toBe('review')
    await expect(custom.check('网赌', { openId: null })).resolves.toBe('pass')
  })

  it('gives the same verdict however often it is asked (no state left between calls)', async () => {
    for (let i = 0; i < 3; i += 1) {
      await expect(verdict('网赌')).resolves.toBe('risky')
      await expect(verdict('你好')).resolves.toBe('pass')
    }
  })

  it('never lets a risky word through whatever harmless text surrounds it', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ maxLength: 20 }), fc.constantFrom(...RISKY_WORDS), fc.string({ maxLength: 20 }), async (before, word, after) => {
        expect(await verdict(`${before}${word}${after}`)).toBe('risky')
      }),
    )
  })
})

// ── The content check: WeChat's msgSecCheck v2 ──────────────────────────────────────────────────

describe('the WeChat adapter', () => {
  type Args = Parameters<SecurityApi['security']['msgSecCheck']>[0]
  function fakeOpenapi(answer: (args: Args) => Promise<{ errCode?: number; result?: { suggest?: string } }>) {
    const calls: Args[] = []
    const openapi: SecurityApi = {
      security: {
        msgSecCheck: (args) => {
          calls.push(args)
          return answer(args)
        },
      },
    }
    return { calls, check: wechatContentCheck(openapi) }
  }
  const says = (suggest: string | undefined, errCode = 0) => fakeOpenapi(async () => ({ errCode, result: suggest === undefined ? undefined : { suggest } }))

  it.each([
    ['pass', 'pass'],
    ['review', 'review'],
    ['risky', 'risky'],
  ] as const)('answers %s as %s', async (suggest, expected) => {
    const { check, calls } = says(suggest)
    await expect(check.check('明天几点开会？', { openId: 'o-123' })).resolves.toBe(expected)
    expect(calls).toEqual([{ content: '明天几点开会？', version: 2, scene: 3, openid: 'o-123' }])
  })

  it.each([
    ['an unknown suggest', says('block')],
    ['a suggest in capitals', says('PASS')],
    ['no result', says(undefined)],
    ['an error code without a result', says(undefined, 40001)],
    ['an empty answer', fakeOpenapi(async () => undefined as never)],
  ])('holds the message on %s', async (_, { check }) => {
    await expect(check.check('你好', { openId: 'o-123' })).resolves.toBe('review')
  })

  it('holds the message when WeChat cannot be asked (it throws)', async () => {
    const { check } = fakeOpenapi(async () => {
      throw new Error('errCode: -1 system error')
    })
    await expect(check.check('你好', { openId: 'o-123' })).resolves.toBe('review')
  })

  it('holds the message without asking when there is no OPENID', async () => {
    const { check, calls } = says('pass')
    await expect(check.check('你好', { openId: null })).resolves.toBe('review')
    await expect(check.check('你好', { openId: '' })).resolves.toBe('review')
    expect(calls).toEqual([])
  })

  it('sends at most 2,500 characters', async () => {
    expect(MSG_SEC_CHECK_MAX).toBe(2500)
    const { check, calls } = says('pass')
    const long = '村'.repeat(2600)
    await check.check(long, { openId: 'o-123' })
    expect(calls[0].content).toBe('村'.repeat(2500))
    await check.check('短', { openId: 'o-123' })
    expect(calls[1].content).toBe('短')
  })
})
