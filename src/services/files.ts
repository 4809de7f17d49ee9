import Taro from '@tarojs/taro'
import { z } from 'zod'
import { ApiError, call } from './api'
import { APP_UPLOAD_FOLDER, DEFAULT_MESSAGE_OF, envelopeSchema, type UploadPurpose } from './contract'
import { goToLogin } from './routes'
import { clearToken, getToken } from './session'

/**
 * Files in and out, following the build like api.ts: the browser build talks to the local host
 * (POST /api/files, GET /api/files/download), the WeChat build to cloud storage. Functions only
 * ever see a file ID, never bytes. Every upload names its purpose and becomes the uploader's;
 * in WeChat the app registers it with `files.register` (the host records it on upload), and
 * downloads go through `files.download` because cloud storage is readable by functions only.
 */

export interface FileRef {
  fileId: string
  fileName: string
}

/** The spreadsheets staff may upload (see the roster template's 填写说明). */
const EXTENSIONS = ['xlsx', 'csv']
const NETWORK_MESSAGE = '网络不太好，请检查网络后再试'
const uploadAnswer = envelopeSchema(z.object({ fileId: z.string() }))

/**
 * Lets the user choose a spreadsheet and uploads it for `purpose`; null when they changed their mind.
 * `onChosen` runs once a file is chosen, before the upload (to say "uploading…" only then).
 */
export async function chooseAndUpload(purpose: UploadPurpose, onChosen?: (fileName: string) => void): Promise<FileRef | null> {
  return process.env.TARO_ENV === 'h5' ? chooseAndUploadInBrowser(purpose, onChosen) : chooseAndUploadInWeChat(purpose, onChosen)
}

/** Fetches a file a function produced (template, export) and hands it to the user. */
export async function downloadAndOpen(file: FileRef): Promise<void> {
  return process.env.TARO_ENV === 'h5' ? downloadInBrowser(file) : openInWeChat(file)
}

function clientError(message: string, code: ApiError['code'] = 'INVALID_INPUT'): ApiError {
  return new ApiError({ code, message, requestId: 'client' })
}

function extensionOf(name: string): string {
  return /\.([a-z0-9]+)$/i.exec(name)?.[1]?.toLowerCase() ?? ''
}

function checkExtension(name: string): void {
  if (!EXTENSIONS.includes(extensionOf(name))) throw clientError('请选择 Excel 表格（.xlsx）或 CSV 文件（.csv）')
}

// ---------------------------------------------------------------- browser

function chooseInBrowser(): Promise<File | null> {
  return new Promise((resolve) => {
    const input = document.createElement('input')
    input.type = 'file'
    input.accept = EXTENSIONS.map((ext) => `.${ext}`).join(',')
    input.className = 'cz-file-input'
    input.style.display = 'none'
    const done = (file: File | null) => {
      input.remove()
      resolve(file)
    }
    input.addEventListener('change', () => done(input.files?.[0] ?? null), { once: true })
    input.addEventListener('cancel', () => done(null), { once: true })
    document.body.appendChild(input)
    input.click()
  })
}

function authHeader(token: string | undefined): Record<string, string> {
  return token ? { Authorization: `Bearer ${token}` } : {}
}

/** A host answer that is not 2xx: our envelope's words when there is one. `sentToken`: the request carried a saved login. */
async function errorOf(res: Response, sentToken: boolean): Promise<ApiError> {
  const body: unknown = await res.json().catch(() => null)
  const parsed = uploadAnswer.safeParse(body)
  const error = parsed.success && !parsed.data.ok ? new ApiError(parsed.data.error) : clientError(DEFAULT_MESSAGE_OF.INTERNAL, 'INTERNAL')
  if (error.code === 'UNAUTHENTICATED') {
    clearToken()
    goToLogin(sentToken ? 'expired' : undefined)
  }
  return error
}

async function send(url: string, init: RequestInit): Promise<Response> {
  try {
    return await fetch(url, init)
  } catch {
    throw clientError(NETWORK_MESSAGE, 'NETWORK')
  }
}

async function chooseAndUploadInBrowser(purpose: UploadPurpose, onChosen?: (fileName: string) => void): Promise<FileRef | null> {
  const file = await chooseInBrowser()
  if (!file) return null
  checkExtension(file.name)
  onChosen?.(file.name)
  const token = getToken()
  const res = await send(`/api/files?name=${encodeURIComponent(file.name)}&purpose=${purpose}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/octet-stream', ...authHeader(token) },
    body: file,
  })
  if (!res.ok) throw await errorOf(res, !!token)
  const parsed = uploadAnswer.safeParse(await res.json().catch(() => null))
  if (!parsed.success || !parsed.data.ok) throw clientError(DEFAULT_MESSAGE_OF.INTERNAL, 'INTERNAL')
  return { fileId: parsed.data.data.fileId, fileName: file.name }
}

async function downloadInBrowser(file: FileRef): Promise<void> {
  const token = getToken()
  const res = await send(`/api/files/download?fileId=${encodeURIComponent(file.fileId)}`, { headers: authHeader(token) })
  if (!res.ok) throw await errorOf(res, !!token)
  const url = URL.createObjectURL(await res.blob())
  const link = document.createElement('a')
  link.href = url
  link.download = file.fileName
  link.style.display = 'none'
  document.body.appendChild(link)
  link.click()
  link.remove()
  // Give the browser time to start the download before the bytes go away.
  setTimeout(() => URL.revokeObjectURL(url), 60_000)
}

// ---------------------------------------------------------------- WeChat

/** WeChat's own "cancel" is not an error: the user just closed the picker. */
function cancelled(error: unknown): boolean {
  return /cancel/i.test(String((error as { errMsg?: unknown } | null)?.errMsg ?? ''))
}

async function chooseAndUploadInWeChat(purpose: UploadPurpose, onChosen?: (fileName: string) => void): Promise<FileRef | null> {
  let picked: { path: string; name: string } | undefined
  try {
    // Staff get the spreadsheet into WeChat by sending it to themselves (文件传输助手) or a chat.
    const res = await Taro.chooseMessageFile({ count: 1, type: 'file', extension: EXTENSIONS })
    picked = res.tempFiles[0]
  } catch (error) {
    if (cancelled(error)) return null
    throw clientError('没能打开聊天里的文件，请再试一次')
  }
  if (!picked) return null
  checkExtension(picked.name)
  onChosen?.(picked.name)
  let fileId: string
  try {
    // An ASCII path: the original name (often Chinese) is kept in FileRef for the screen. The folder
    // is the one `files.register` accepts.
    const cloudPath = `${APP_UPLOAD_FOLDER}/${purpose}/${Date.now()}-${Math.random().toString(36).slice(2, 10)}.${extensionOf(picked.name)}`
    fileId = (await Taro.cloud.uploadFile({ cloudPath, filePath: picked.path })).fileID
  } catch {
    throw clientError(NETWORK_MESSAGE, 'NETWORK')
  }
  // Until registered the file has no owner and no action will take it.
  await call('files', 'register', { fileId, name: picked.name.slice(0, 200), purpose })
  return { fileId, fileName: picked.name }
}

async function openInWeChat(file: FileRef): Promise<void> {
  // The function checks who may read the file (404 otherwise) and answers a short-lived URL.
  const { url } = await call('files', 'download', { fileId: file.fileId })
  let filePath: string
  try {
    const res = await Taro.downloadFile({ url })
    if (res.statusCode !== 200) throw new Error(`HTTP ${res.statusCode}`)
    filePath = res.tempFilePath
  } catch {
    throw clientError(NETWORK_MESSAGE, 'NETWORK')
  }
  try {
    // showMenu: the "…" menu lets staff forward the file to a chat or a computer.
    await Taro.openDocument({ filePath, fileType: extensionOf(file.fileName) as 'xlsx', showMenu: true })
  } catch {
    throw clientError('手机上打不开这个文件，请转发到电脑上查看')
  }
}

// ---------------------------------------------------------------- photos

const PHOTO_TYPES = 'image/jpeg,image/png,image/webp'

function choosePhotosInBrowser(count: number): Promise<File[]> {
  return new Promise((resolve) => {
    const input = document.createElement('input')
    input.type = 'file'
    input.accept = PHOTO_TYPES
    input.multiple = count > 1
    input.className = 'cz-file-input cz-photo-input'
    input.style.display = 'none'
    const done = (files: File[]) => {
      input.remove()
      resolve(files.slice(0, count))
    }
    input.addEventListener('change', () => done(Array.from(input.files ?? [])), { once: true })
    input.addEventListener('cancel', () => done([]), { once: true })
    document.body.appendChild(input)
    input.click()
  })
}

async function uploadPhotoInBrowser(file: File): Promise<string> {
  const token = getToken()
  const res = await send(`/api/files?name=${encodeURIComponent(file.name.slice(0, 200) || 'photo.jpg')}&purpose=photo`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/octet-stream', ...authHeader(token) },
    body: file,
  })
  if (!res.ok) throw await errorOf(res, !!token)
  const parsed = uploadAnswer.safeParse(await res.json().catch(() => null))
  if (!parsed.success || !parsed.data.ok) throw clientError(DEFAULT_MESSAGE_OF.INTERNAL, 'INTERNAL')
  return parsed.data.data.fileId
}

async function choosePhotosInWeChat(count: number): Promise<{ path: string; name: string }[]> {
  try {
    const res = await Taro.chooseMedia({ count, mediaType: ['image'], sizeType: ['compressed'], sourceType: ['album', 'camera'] })
    return res.tempFiles.map((file, index) => ({ path: file.tempFilePath, name: `photo-${index + 1}.${extensionOf(file.tempFilePath) || 'jpg'}` }))
  } catch (error) {
    if (cancelled(error)) return []
    throw clientError('没能打开相册，请再试一次')
  }
}

async function uploadPhotoInWeChat(picked: { path: string; name: string }): Promise<string> {
  let fileId: string
  try {
    const cloudPath = `${APP_UPLOAD_FOLDER}/photo/${Date.now()}-${Math.random().toString(36).slice(2, 10)}.${extensionOf(picked.name) || 'jpg'}`
    fileId = (await Taro.cloud.uploadFile({ cloudPath, filePath: picked.path })).fileID
  } catch {
    throw clientError(NETWORK_MESSAGE, 'NETWORK')
  }
  await call('files', 'register', { fileId, name: picked.name, purpose: 'photo' })
  return fileId
}

/**
 * Lets the person take or choose up to `count` photos and uploads them (purpose `photo`); the file
 * IDs in the order chosen, empty when they changed their mind. `onChosen` runs before the upload.
 */
export async function chooseAndUploadPhotos(count: number, onChosen?: (n: number) => void): Promise<string[]> {
  if (count < 1) return []
  if (process.env.TARO_ENV === 'h5') {
    const files = await choosePhotosInBrowser(count)
    if (files.length > 0) onChosen?.(files.length)
    const ids: string[] = []
    for (const file of files) ids.push(await uploadPhotoInBrowser(file))
    return ids
  }
  const picked = await choosePhotosInWeChat(count)
  if (picked.length > 0) onChosen?.(picked.length)
  const ids: string[] = []
  for (const one of picked) ids.push(await uploadPhotoInWeChat(one))
  return ids
}

/** A short-lived address to show a photo (`files.url` checks who may see it). */
export async function photoUrl(fileId: string): Promise<string> {
  return (await call('files', 'url', { fileId })).url
}

/**
 * Uploads a recorded voice message (purpose `voice`): a Blob in the browser (webm), a temporary
 * file path in WeChat (aac). Answers the file ID for `chat.send`.
 */
export async function uploadVoice(source: Blob | string, extension: 'webm' | 'aac' | 'mp3'): Promise<string> {
  const name = `voice-${Date.now()}.${extension}`
  if (typeof source !== 'string') {
    const token = getToken()
    const res = await send(`/api/files?name=${encodeURIComponent(name)}&purpose=voice`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/octet-stream', ...authHeader(token) },
      body: source,
    })
    if (!res.ok) throw await errorOf(res, !!token)
    const parsed = uploadAnswer.safeParse(await res.json().catch(() => null))
    if (!parsed.success || !parsed.data.ok) throw clientError(DEFAULT_MESSAGE_OF.INTERNAL, 'INTERNAL')
    return parsed.data.data.fileId
  }
  let fileId: string
  try {
    const cloudPath = `${APP_UPLOAD_FOLDER}/voice/${Date.now()}-${Math.random().toString(36).slice(2, 10)}.${extension}`
    fileId = (await Taro.cloud.uploadFile({ cloudPath, filePath: source })).fileID
  } catch {
    throw clientError(NETWORK_MESSAGE, 'NETWORK')
  }
  await call('files', 'register', { fileId, name, purpose: 'voice' })
  return fileId
}
