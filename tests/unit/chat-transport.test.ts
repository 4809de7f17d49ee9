/**
 * The app's chat transport (src/services/chat-transport.ts): polls `history {chatId, after}` every
 * 2 s while subscribed, hands over what is new oldest first, moves `after` along, backs off after a
 * failure and stops when unsubscribed. The API client is replaced: no Taro, no host.
 */
jest.mock('../../src/services/api', () => ({ call: jest.fn() }))

import { call } from '../../src/services/api'
import { newClientId, pollingTransport, POLL_MS } from '../../src/services/chat-transport'

const mockCall = call as unknown as jest.Mock
const message = (seq: number) => ({ id: `group:g1|${String(seq).padStart(9, '0')}`, seq })

async function flush(ms: number): Promise<void> {
  await jest.advanceTimersByTimeAsync(ms)
}

beforeEach(() => {
  jest.useFakeTimers()
  mockCall.mockReset()
})
afterEach(() => jest.useRealTimers())

test('polls after the newest it has, delivers oldest first, and moves on', async () => {
  mockCall.mockResolvedValueOnce({ items: [message(3), message(2)], nextCursor: null }).mockResolvedValue({ items: [], nextCursor: null })
  const got: number[][] = []
  const stop = pollingTransport.subscribe('group:g1', message(1).id, (items) => got.push(items.map((m) => m.seq)))
  expect(mockCall).not.toHaveBeenCalled()
  await flush(POLL_MS)
  expect(mockCall).toHaveBeenLastCalledWith('chat', 'history', { chatId: 'group:g1', after: message(1).id, limit: 50 })
  expect(got).toEqual([[2, 3]])
  await flush(POLL_MS)
  expect(mockCall).toHaveBeenLastCalledWith('chat', 'history', { chatId: 'group:g1', after: message(3).id, limit: 50 })
  expect(got).toEqual([[2, 3]])
  stop()
  await flush(POLL_MS * 5)
  expect(mockCall).toHaveBeenCalledTimes(2)
})

test('an empty chat asks for its latest page until something arrives', async () => {
  mockCall
    .mockResolvedValueOnce({ items: [], nextCursor: null })
    .mockResolvedValueOnce({ items: [message(1)], nextCursor: null })
    .mockResolvedValue({ items: [], nextCursor: null })
  const stop = pollingTransport.subscribe('group:g1', null, () => undefined)
  await flush(POLL_MS)
  expect(mockCall).toHaveBeenLastCalledWith('chat', 'history', { chatId: 'group:g1', limit: 20 })
  await flush(POLL_MS)
  await flush(POLL_MS)
  expect(mockCall).toHaveBeenLastCalledWith('chat', 'history', { chatId: 'group:g1', after: message(1).id, limit: 50 })
  stop()
})

test('a failed poll waits longer, then carries on from where it was', async () => {
  mockCall.mockRejectedValueOnce(new Error('offline')).mockResolvedValue({ items: [], nextCursor: null })
  const stop = pollingTransport.subscribe('group:g1', message(5).id, () => undefined)
  await flush(POLL_MS)
  expect(mockCall).toHaveBeenCalledTimes(1)
  await flush(POLL_MS * 2)
  expect(mockCall).toHaveBeenCalledTimes(1)
  await flush(POLL_MS)
  expect(mockCall).toHaveBeenCalledTimes(2)
  expect(mockCall).toHaveBeenLastCalledWith('chat', 'history', { chatId: 'group:g1', after: message(5).id, limit: 50 })
  stop()
})

test('one request at a time: a slow answer is not overtaken by the next poll', async () => {
  let answer: (value: unknown) => void = () => undefined
  mockCall.mockImplementationOnce(() => new Promise((resolve) => (answer = resolve))).mockResolvedValue({ items: [], nextCursor: null })
  const stop = pollingTransport.subscribe('group:g1', message(1).id, () => undefined)
  await flush(POLL_MS * 5)
  expect(mockCall).toHaveBeenCalledTimes(1)
  answer({ items: [], nextCursor: null })
  await flush(POLL_MS)
  expect(mockCall).toHaveBeenCalledTimes(2)
  stop()
})

test('client ids are long enough for the contract and do not repeat', () => {
  const ids = new Set(Array.from({ length: 1000 }, newClientId))
  expect(ids.size).toBe(1000)
  for (const id of ids) expect(id.length).toBeGreaterThanOrEqual(8)
})
