/**
 * Issue 7, finding 10: uploads are judged by their bytes against the purpose's allow-list and size
 * limit, count against a per-person daily quota (RATE_LIMITED, 429, "明天再试"), and come back with
 * the Content-Type of what they are and `nosniff`. Through the real host over a real store.
 */
import { z } from 'zod'
import { QUOTA_MESSAGE, UPLOAD_QUOTA, UPLOAD_QUOTAS } from '../../cloudfunctions/shared/files'
import { envelopeSchema } from '../../types/errors'
import { isPlainVillager, startTestHost, type TestHost } from '../support/test-host'
import { SAMPLE, zip } from '../support/zip'

const MIB = 1024 * 1024
/** 23:30 in Beijing: half an hour before the quota's day turns. */
let clock = new Date('2026-03-02T15:30:00Z')
let host: TestHost
let villager: string
let villagerId: string

beforeAll(async () => {
  host = await startTestHost({ now: () => clock })
  villagerId = host.personaWith(isPlainVillager).id
  villager = await host.login(villagerId)
})
afterAll(async () => host.close())

async function upload(name: string, purpose: string, bytes: Buffer, token = villager) {
  const response = await host.app.inject({
    method: 'POST',
    url: `/api/files?name=${encodeURIComponent(name)}&purpose=${purpose}`,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/octet-stream' },
    payload: bytes,
  })
  return { status: response.statusCode, body: response.json() }
}

const webp = Buffer.concat([Buffer.from('RIFF'), Buffer.alloc(4), Buffer.from('WEBPVP8 ')])
const aac = Buffer.from([0xff, 0xf1, 0x50, 0x80, 0x01, 0x1f, 0xfc])
const webm = Buffer.concat([Buffer.from([0x1a, 0x45, 0xdf, 0xa3, 0x9f, 0x42, 0x82, 0x84]), Buffer.from('webm')])
const xlsx = zip([{ name: 'xl/workbook.xml', data: '<workbook/>' }])
const xls = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0])
const html = Buffer.from('<html><script>alert(1)</script></html>')

describe('uploads are judged by their bytes, not their names', () => {
  it.each([
    ['import', 'a.xlsx', xlsx],
    ['import', 'a.csv', SAMPLE.csv],
    ['photo', 'a.jpg', SAMPLE.jpg],
    ['photo', 'a.png', SAMPLE.png],
    ['photo', 'a.webp', webp],
    ['voice', 'a.aac', aac],
    ['voice', 'a.mp3', SAMPLE.mp3],
    ['voice', 'a.webm', webm],
    ['document', 'a.docx', SAMPLE.docx],
  ])('takes %s %s', async (purpose, name, bytes) => {
    expect((await upload(name, purpose, bytes)).status).toBe(200)
  })

  it.each([
    ['import', 'roster.xls', xls, '只支持 .xlsx 或 .csv 文件'],
    ['import', 'roster.xlsx', SAMPLE.docx, '只支持 .xlsx 或 .csv 文件'],
    ['import', 'roster.csv', Buffer.from('组号\u0000姓名'), '只支持 .xlsx 或 .csv 文件'],
    ['photo', 'photo.jpg', html, '只支持 JPG、PNG 或 WebP 图片'],
    ['photo', 'photo.jpg', SAMPLE.csv, '只支持 JPG、PNG 或 WebP 图片'],
    ['voice', 'voice.mp3', SAMPLE.jpg, '只支持 AAC、MP3 或 WebM 语音'],
    ['document', 'letter.docx', xlsx, '只支持 Word（.docx）文件'],
  ])('refuses for %s %s with other bytes', async (purpose, name, bytes, message) => {
    const before = host.store.checksum()
    const refused = await upload(name, purpose, bytes)
    expect(refused.status).toBe(400)
    expect(refused.body.error).toMatchObject({ code: 'INVALID_INPUT', message, fields: [{ path: 'body' }] })
    expect(host.store.checksum()).toBe(before)
  })

  it('stores an upload as what it is and serves it with that type and nosniff', async () => {
    // A PNG named .jpg is a PNG.
    const { body } = await upload('门前.jpg', 'photo', SAMPLE.png)
    expect(body.data.fileId).toMatch(/\.png$/)
    const download = await host.app.inject({
      method: 'GET',
      url: `/api/files/download?fileId=${encodeURIComponent(body.data.fileId)}`,
      headers: { authorization: `Bearer ${villager}` },
    })
    expect(download.headers['content-type']).toBe('image/png')
    expect(download.headers['x-content-type-options']).toBe('nosniff')
    const voice = (await upload('v.webm', 'voice', webm)).body.data.fileId
    const link = await host.call('files', 'url', { fileId: voice }, villager)
    const played = await host.app.inject({ method: 'GET', url: link.body.data.url })
    expect(played.headers['content-type']).toBe('audio/webm')
    expect(played.headers['x-content-type-options']).toBe('nosniff')
  })

  it('refuses a file larger than its purpose allows', async () => {
    const big = Buffer.concat([SAMPLE.jpg, Buffer.alloc(5 * MIB)])
    const refused = await upload('big.jpg', 'photo', big)
    expect(refused.status).toBe(400)
    expect(refused.body.error.message).toBe('文件太大了，这类文件最大 5 MB')
  })
})

describe('a daily quota per person', () => {
  const quotaDoc = () => `${villagerId}|2026-03-02`

  it(`stops the ${UPLOAD_QUOTA.files + 1}th upload of a Beijing day with 429 RATE_LIMITED, and lets it through the next day`, async () => {
    const { data } = await host.store.collection(UPLOAD_QUOTAS).doc(quotaDoc()).get()
    const already = (data?.files as number | undefined) ?? 0
    for (let index = already; index < UPLOAD_QUOTA.files; index += 1) expect((await upload(`p${index}.jpg`, 'photo', SAMPLE.jpg)).status).toBe(200)
    const before = host.store.checksum()
    const refused = await upload('one-more.jpg', 'photo', SAMPLE.jpg)
    expect(refused.status).toBe(429)
    expect(refused.body.error).toMatchObject({ code: 'RATE_LIMITED', message: QUOTA_MESSAGE })
    expect(refused.body.error.message).toContain('明天再试')
    expect(host.store.checksum()).toBe(before)
    // So does registering a file the WeChat app uploaded: it counts as an upload too.
    const registered = await host.call('files', 'register', { fileId: 'cloud://env-1/user-uploads/photo/late.jpg', name: 'late.jpg', purpose: 'photo' }, villager)
    expect(registered.status).toBe(429)

    clock = new Date('2026-03-02T16:00:00Z') // midnight in Beijing
    expect((await upload('tomorrow.jpg', 'photo', SAMPLE.jpg)).status).toBe(200)
  })

  it(`counts bytes too: past ${UPLOAD_QUOTA.bytes / MIB} MiB a day is refused`, async () => {
    const other = host.personaWith((p) => p.id !== villagerId)
    const token = await host.login(other.id)
    const nearlyFull = Buffer.concat([SAMPLE.mp3, Buffer.alloc(9 * MIB)])
    for (let index = 0; index < 11; index += 1) expect((await upload(`v${index}.mp3`, 'voice', nearlyFull, token)).status).toBe(200)
    const refused = await upload('v-last.mp3', 'voice', nearlyFull, token)
    expect(refused.status).toBe(429)
    expect(refused.body.error.code).toBe('RATE_LIMITED')
  })
})

it('files.register takes only an extension its purpose allows', async () => {
  const refused = await host.call('files', 'register', { fileId: 'cloud://env-1/user-uploads/photo/page.html', name: 'page.html', purpose: 'photo' }, villager)
  expect(refused.status).toBe(400)
  expect(refused.body.error).toMatchObject({ code: 'INVALID_INPUT', message: '只支持 JPG、PNG 或 WebP 图片' })
  const svg = await host.call('files', 'register', { fileId: 'cloud://env-1/user-uploads/photo/a.svg', name: 'a.svg', purpose: 'photo' }, villager)
  expect(svg.status).toBe(400)
})

it('the app’s envelope takes RATE_LIMITED (its schema derives from ERROR_CODES)', () => {
  const answer = { ok: false, error: { code: 'RATE_LIMITED', message: QUOTA_MESSAGE, requestId: 'r' } }
  expect(envelopeSchema(z.unknown()).safeParse(answer).success).toBe(true)
})
