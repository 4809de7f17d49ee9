/**
 * Files belong to someone: uploads are recorded with their owner and purpose, actions attach them
 * in their own transaction, downloads follow who may see what a file is attached to (404 like a
 * missing file otherwise), previews go through short-lived signed URLs, and unattached uploads
 * expire. All through the real host over a real embedded store.
 */
import { recordingSender } from '../../cloudfunctions/shared/inbox/sender'
import { randomUUID } from 'node:crypto'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { expireUploads } from '../../cloudfunctions/files/jobs'
import { attachFiles, type FileRecord } from '../../cloudfunctions/shared/files'
import { loadCaller } from '../../cloudfunctions/shared/identity/load-caller'
import { AppError } from '../../cloudfunctions/shared/runtime/app-error'
import { JOB_BATCH, type JobContext } from '../../cloudfunctions/shared/runtime/jobs'
import { silentLogger } from '../../cloudfunctions/shared/runtime/logger'
import { localFileStorage } from '../../server/local-storage'
import { isPlainVillager, startTestHost, type TestHost } from '../support/test-host'
import { SAMPLE } from '../support/zip'

const MINUTE = 60 * 1000
const DAY = 24 * 60 * MINUTE
const START = new Date('2026-03-02T02:00:00Z')

let host: TestHost
/** The host's clock; tests move it forward, never back. */
let clock = START
let village: string
const tokens: Record<'secretary' | 'staff' | 'villager' | 'otherSecretary' | 'townOfficer', string> = {} as never
const ids: Record<keyof typeof tokens, string> = {} as never

beforeAll(async () => {
  host = await startTestHost({ now: () => clock })
  const staff = host.personaWith((p) => p.roles.includes('village_staff'))
  village = staff.villageId!
  ids.staff = staff.id
  ids.secretary = host.personaWith((p) => p.roles.includes('village_secretary') && p.villageId === village).id
  ids.villager = host.personaWith((p) => isPlainVillager(p) && p.villageId === village).id
  ids.otherSecretary = host.personaWith((p) => p.roles.includes('village_secretary') && p.villageId !== village).id
  ids.townOfficer = host.personaWith((p) => p.roles.includes('town_officer')).id
  for (const who of Object.keys(ids) as Array<keyof typeof ids>) tokens[who] = await host.login(ids[who])
})
afterAll(async () => host.close())

async function upload(token: string, query: string, bytes: Buffer = Buffer.from('x')) {
  const response = await host.app.inject({
    method: 'POST',
    url: `/api/files?${query}`,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/octet-stream' },
    payload: bytes,
  })
  return { status: response.statusCode, body: response.json() }
}

/** Bytes that pass each purpose's content check (the name plays no part in it). */
const SAMPLE_OF: Record<string, Buffer> = { photo: SAMPLE.jpg, voice: SAMPLE.mp3, document: SAMPLE.docx, import: SAMPLE.csv }

async function uploaded(token: string, name: string, purpose: string, bytes: Buffer = SAMPLE_OF[purpose]): Promise<string> {
  const response = await upload(token, `name=${encodeURIComponent(name)}&purpose=${purpose}`, bytes)
  expect(response.status).toBe(200)
  return response.body.data.fileId
}

async function download(fileId: string, token: string) {
  const response = await host.app.inject({ method: 'GET', url: `/api/files/download?fileId=${encodeURIComponent(fileId)}`, headers: { authorization: `Bearer ${token}` } })
  return { status: response.statusCode, bytes: response.rawPayload, body: response.statusCode === 200 ? null : response.json() }
}

async function fetchUrl(url: string) {
  const response = await host.app.inject({ method: 'GET', url })
  return { status: response.statusCode, bytes: response.rawPayload }
}

async function record(fileId: string): Promise<FileRecord | null> {
  return (await host.store.collection<FileRecord>('files').doc(fileId).get()).data
}

const fieldPaths = (body: { error: { fields?: Array<{ path: string }> } }) => body.error.fields?.map((field) => field.path)

async function exportRoster(): Promise<string> {
  const exported = await host.call('roster', 'export', { villageId: village }, tokens.secretary)
  expect(exported.status).toBe(200)
  return exported.body.data.fileId
}

describe('uploading', () => {
  it('needs a purpose a person may upload for', async () => {
    const missing = await upload(tokens.villager, 'name=a.jpg')
    expect(missing.status).toBe(400)
    expect(missing.body).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', fields: [{ path: 'purpose' }] } })
    for (const purpose of ['export', 'template', 'selfie', '']) {
      const bad = await upload(tokens.villager, `name=a.jpg&purpose=${purpose}`)
      expect(bad.status).toBe(400)
      expect(fieldPaths(bad.body)).toEqual(['purpose'])
    }
  })

  it('records the uploader as owner, unattached, expiring in 7 days', async () => {
    const fileId = await uploaded(tokens.villager, '门前.jpg', 'photo', SAMPLE.jpg)
    expect(await record(fileId)).toEqual({
      _id: fileId,
      _v: 1,
      ownerId: ids.villager,
      purpose: 'photo',
      name: '门前.jpg',
      size: SAMPLE.jpg.length,
      createdAt: clock.toISOString(),
      expiresAt: new Date(clock.getTime() + 7 * DAY).toISOString(),
      attachedTo: null,
    })
    expect((await download(fileId, tokens.villager)).bytes).toEqual(SAMPLE.jpg)
    // Nobody else, however senior, reads an unattached upload.
    for (const token of [tokens.secretary, tokens.staff]) expect((await download(fileId, token)).status).toBe(404)
  })
})

describe('a roster export', () => {
  let fileId: string
  beforeAll(async () => {
    fileId = await exportRoster()
  })

  it('is recorded as the village’s, attached and never expiring', async () => {
    expect(await record(fileId)).toMatchObject({
      ownerId: ids.secretary,
      purpose: 'export',
      expiresAt: null,
      attachedTo: { kind: 'rosterExport', id: village, villageId: village },
    })
  })

  it('is downloaded by the village’s own staff only; everyone else gets the answer a missing file gets', async () => {
    expect((await download(fileId, tokens.secretary)).status).toBe(200)
    expect((await download(fileId, tokens.staff)).status).toBe(200)
    const missing = await download('local://00000000-0000-0000-0000-000000000000.xlsx', tokens.villager)
    expect(missing.status).toBe(404)
    for (const token of [tokens.villager, tokens.otherSecretary, tokens.townOfficer]) {
      const refused = await download(fileId, token)
      expect(refused.status).toBe(404)
      expect(refused.body.error).toEqual({ ...missing.body.error, requestId: expect.any(String) })
    }
  })

  it('cannot be previewed, imported or claimed by anyone', async () => {
    const preview = await host.call('roster', 'importPreview', { villageId: village, fileId }, tokens.secretary)
    expect(preview.status).toBe(400)
    expect(fieldPaths(preview.body)).toEqual(['data.fileId'])
    const claim = await host.call('files', 'register', { fileId, name: 'x.xlsx', purpose: 'import' }, tokens.villager)
    expect(claim.status).toBe(400)
    expect(await record(fileId)).toMatchObject({ ownerId: ids.secretary, attachedTo: { kind: 'rosterExport' } })
  })

  it('reaches WeChat staff through files.download, a short-lived URL', async () => {
    const link = await host.call('files', 'download', { fileId }, tokens.staff)
    expect(link.status).toBe(200)
    expect((await fetchUrl(link.body.data.url)).bytes.equals((await download(fileId, tokens.staff)).bytes)).toBe(true)
    expect((await host.call('files', 'download', { fileId }, tokens.villager)).status).toBe(404)
  })
})

describe('a roster import file', () => {
  it('stays its uploader’s: another person’s unattached upload is refused with data.fileId and changes nothing', async () => {
    const fileId = await uploaded(tokens.secretary, 'roster.xlsx', 'import', (await download(await exportRoster(), tokens.secretary)).bytes)
    const before = host.store.checksum()
    const preview = await host.call('roster', 'importPreview', { villageId: village, fileId }, tokens.staff)
    expect(preview.status).toBe(400)
    expect(fieldPaths(preview.body)).toEqual(['data.fileId'])
    const commit = await host.call('roster', 'importCommit', { villageId: village, fileId }, tokens.staff)
    expect(commit.status).toBe(400)
    expect(commit.body.error).toMatchObject({ code: 'INVALID_INPUT', fields: [{ path: 'data.fileId' }] })
    expect(host.store.checksum()).toBe(before)
    expect((await download(fileId, tokens.staff)).status).toBe(404)
  })

  it('must be uploaded for import', async () => {
    const photo = await uploaded(tokens.secretary, 'roster.csv', 'photo')
    const preview = await host.call('roster', 'importPreview', { villageId: village, fileId: photo }, tokens.secretary)
    expect(preview.status).toBe(400)
    expect(fieldPaths(preview.body)).toEqual(['data.fileId'])
  })

  it('is attached to the village by the commit: then its staff read it and villagers do not', async () => {
    const fileId = await uploaded(tokens.secretary, 'roster.xlsx', 'import', (await download(await exportRoster(), tokens.secretary)).bytes)
    expect((await host.call('roster', 'importPreview', { villageId: village, fileId }, tokens.secretary)).body.data.valid).toBe(true)
    const commit = await host.call('roster', 'importCommit', { villageId: village, fileId }, tokens.secretary)
    expect(commit.status).toBe(200)
    expect(await record(fileId)).toMatchObject({ expiresAt: null, attachedTo: { kind: 'rosterImport', id: village, villageId: village } })
    expect((await download(fileId, tokens.staff)).status).toBe(200)
    expect((await download(fileId, tokens.villager)).status).toBe(404)
    expect((await download(fileId, tokens.otherSecretary)).status).toBe(404)
    // Once it is the village's, its staff may look at it again (and a retried commit is no error).
    expect((await host.call('roster', 'importPreview', { villageId: village, fileId }, tokens.staff)).status).toBe(200)
    expect((await host.call('roster', 'importCommit', { villageId: village, fileId }, tokens.staff)).status).toBe(200)
  })
})

describe('attachFiles', () => {
  it('names each unusable file of a list and attaches none of them', async () => {
    const mine = await uploaded(tokens.villager, 'a.jpg', 'photo')
    const theirs = await uploaded(tokens.staff, 'b.jpg', 'photo')
    const caller = (await loadCaller(host.store, ids.villager))!
    const subject = { kind: 'test', id: 'x', villageId: village }
    const before = host.store.checksum()
    const attempt = host.store.runTransaction((tx) => attachFiles(tx, caller, [mine, theirs, 'local://nope.jpg'], subject, { at: clock }))
    await expect(attempt).rejects.toBeInstanceOf(AppError)
    await expect(attempt).rejects.toMatchObject({ code: 'INVALID_INPUT', fields: [{ path: 'data.fileIds.1' }, { path: 'data.fileIds.2' }] })
    expect(host.store.checksum()).toBe(before)

    await host.store.runTransaction((tx) => attachFiles(tx, caller, [mine, mine], subject, { at: clock }))
    expect(await record(mine)).toMatchObject({ attachedTo: subject, expiresAt: null })
    // A kind nobody registered a reader for is readable by nobody, its uploader included.
    expect((await download(mine, tokens.villager)).status).toBe(404)
  })
})

describe('files.url', () => {
  it('gives a signed URL for one’s own photo that works for 10 minutes', async () => {
    const fileId = await uploaded(tokens.villager, '门前.png', 'photo', SAMPLE.png)
    const answer = await host.call('files', 'url', { fileId }, tokens.villager)
    expect(answer.status).toBe(200)
    const { url, expiresAt } = answer.body.data
    expect(new Date(expiresAt).getTime()).toBe(clock.getTime() + 10 * MINUTE)
    expect(url).toMatch(/^\/api\/files\/signed\?/)

    // No login: the signature is the permission.
    const fetched = await host.app.inject({ method: 'GET', url })
    expect(fetched.statusCode).toBe(200)
    expect(fetched.headers['content-type']).toBe('image/png')
    expect(fetched.headers['x-content-type-options']).toBe('nosniff')
    expect(fetched.rawPayload).toEqual(SAMPLE.png)

    const signed = new URL(url, 'http://host')
    const tampered = new URLSearchParams(signed.search)
    tampered.set('expires', String(Number(tampered.get('expires')) + DAY))
    expect((await fetchUrl(`${signed.pathname}?${tampered}`)).status).toBe(404)
    const otherFile = new URLSearchParams(signed.search)
    otherFile.set('fileId', await exportRoster())
    expect((await fetchUrl(`${signed.pathname}?${otherFile}`)).status).toBe(404)
    expect((await fetchUrl(`${signed.pathname}?fileId=${encodeURIComponent(fileId)}`)).status).toBe(404)

    clock = new Date(clock.getTime() + 9 * MINUTE)
    expect((await fetchUrl(url)).status).toBe(200)
    clock = new Date(clock.getTime() + 2 * MINUTE)
    expect((await fetchUrl(url)).status).toBe(404)
  })

  it('answers 404 for someone else’s photo and 400 for what is not a photo or voice', async () => {
    const photo = await uploaded(tokens.villager, 'p.jpg', 'photo')
    expect((await host.call('files', 'url', { fileId: photo }, tokens.secretary)).status).toBe(404)
    expect((await host.call('files', 'url', { fileId: 'local://nope.jpg' }, tokens.villager)).status).toBe(404)
    const voice = await uploaded(tokens.villager, 'v.mp3', 'voice')
    expect((await host.call('files', 'url', { fileId: voice }, tokens.villager)).status).toBe(200)
    const document = await uploaded(tokens.villager, 'd.csv', 'document')
    const refused = await host.call('files', 'url', { fileId: document }, tokens.villager)
    expect(refused.status).toBe(400)
    expect(refused.body.error).toMatchObject({ code: 'INVALID_INPUT', message: '只能预览图片和语音', fields: [{ path: 'data.fileId' }] })
    expect((await host.call('files', 'url', { fileId: await exportRoster() }, tokens.secretary)).status).toBe(400)
  })
})

describe('files.register', () => {
  const appUpload = `cloud://env-test.1234/user-uploads/photo/${Date.now()}-abc.jpg`

  it('records a file the WeChat app uploaded as the caller’s, once', async () => {
    const before = host.store.checksum()
    const refusedIds = [
      'local://anything.jpg',
      'cloud://env-test.1234/uploads/1-花名册.xlsx',
      'cloud://env-test.1234/user-uploads-x/photo/a.jpg',
      'cloud://env-test.1234/user-uploads/photo/../../uploads/1-x.xlsx',
      'cloud://env-test.1234/user-uploads/voice/a.jpg',
    ]
    for (const fileId of refusedIds) {
      const refused = await host.call('files', 'register', { fileId, name: 'a.jpg', purpose: 'photo' }, tokens.villager)
      expect(refused.status).toBe(400)
      expect(fieldPaths(refused.body)).toEqual(['data.fileId'])
    }
    expect((await host.call('files', 'register', { fileId: appUpload, name: 'a.jpg', purpose: 'export' }, tokens.villager)).status).toBe(400)
    expect(host.store.checksum()).toBe(before)

    expect((await host.call('files', 'register', { fileId: appUpload, name: '门前.jpg', purpose: 'photo' }, tokens.villager)).body).toEqual({
      ok: true,
      data: { fileId: appUpload },
    })
    expect(await record(appUpload)).toMatchObject({ ownerId: ids.villager, purpose: 'photo', size: null, attachedTo: null })
    expect((await host.call('files', 'register', { fileId: appUpload, name: '门前.jpg', purpose: 'photo' }, tokens.villager)).status).toBe(200)
    const stolen = await host.call('files', 'register', { fileId: appUpload, name: 'x.jpg', purpose: 'photo' }, tokens.secretary)
    expect(stolen.status).toBe(400)
    expect(await record(appUpload)).toMatchObject({ ownerId: ids.villager })
  })
})

describe('expireUploads', () => {
  const context = (): JobContext => ({
    db: host.store,
    storage: localFileStorage(host.dataDir),
    log: silentLogger,
    now: () => clock,
    actor: { kind: 'system', job: 'files/expireUploads' },
    messages: recordingSender(host.store),
    templateIdFor: () => null,
  })

  it('removes unattached uploads after 7 days, bytes and record, and a rerun changes nothing', async () => {
    const old = await uploaded(tokens.villager, 'old.jpg', 'photo')
    const exported = await exportRoster()
    clock = new Date(clock.getTime() + 6 * DAY)
    const young = await uploaded(tokens.villager, 'young.jpg', 'photo')
    clock = new Date(clock.getTime() + 2 * DAY)

    const { data: all } = await host.store.collection<FileRecord>('files').limit(1000).get()
    const due = all.filter((file) => !file.attachedTo && file.expiresAt! < clock.toISOString())
    expect(due.map((file) => file._id)).toContain(old)

    const first = await expireUploads(context())
    expect(first).toEqual({ processed: due.length, changed: due.length, more: false })
    expect(await record(old)).toBeNull()
    expect(existsSync(join(host.dataDir, 'files', old.slice('local://'.length)))).toBe(false)
    expect((await download(old, tokens.villager)).status).toBe(404)
    expect(await record(young)).not.toBeNull()
    expect((await download(exported, tokens.secretary)).status).toBe(200)

    expect(await expireUploads(context())).toEqual({ processed: 0, changed: 0, more: false })
  })

  it(`removes at most ${JOB_BATCH} a run and says when more remain`, async () => {
    const expired = clock.getTime() - DAY
    const files = host.store.collection('files')
    for (let index = 0; index <= JOB_BATCH; index += 1) {
      await files.doc(`local://${randomUUID()}.jpg`).set({
        ownerId: ids.villager,
        purpose: 'photo',
        name: 'p.jpg',
        size: 1,
        createdAt: new Date(expired - 7 * DAY).toISOString(),
        expiresAt: new Date(expired).toISOString(),
        attachedTo: null,
      })
    }
    expect(await expireUploads(context())).toEqual({ processed: JOB_BATCH, changed: JOB_BATCH, more: true })
    expect(await expireUploads(context())).toEqual({ processed: 1, changed: 1, more: false })
    expect(await expireUploads(context())).toEqual({ processed: 0, changed: 0, more: false })
  })
})
