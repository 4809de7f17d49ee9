/**
 * The local host: every cloud function behind `POST /api/fn/<name>`, the demo login, file uploads
 * and downloads (each file recorded with its owner; reads follow ../cloudfunctions/shared/files)
 * and the built h5 app, over the embedded store. The HTTP contract here is public (tests and tools
 * depend on it): extend it, never break it.
 */
import { randomUUID } from 'node:crypto'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import fastifyCompress from '@fastify/compress'
import fastifyStatic from '@fastify/static'
import Fastify, { type FastifyInstance, type FastifyReply } from 'fastify'
import { MANIFEST } from '../cloudfunctions/manifest'
import { cloudFunctions, cloudJobs } from '../cloudfunctions/registry'
import { findJob, runJob, type JobReport } from '../cloudfunctions/shared/runtime/run-job'
import { checkUploadQuota, CONTENT_TYPE_OF, kindOfExtension, readableFile, recordUpload, sniffContent, UPLOAD_RULES } from '../cloudfunctions/shared/files'
import { loadCaller } from '../cloudfunctions/shared/identity/load-caller'
import { AppError } from '../cloudfunctions/shared/runtime/app-error'
import { forbiddenKeyError } from '../cloudfunctions/shared/runtime/body-check'
import { invoke } from '../cloudfunctions/shared/runtime/define-function'
import { jsonLogger, type Logger } from '../cloudfunctions/shared/runtime/logger'
import { DEFAULT_MESSAGE_OF, HTTP_STATUS_OF, type Envelope, type ErrorCode, type FieldError } from '../types/errors'
import { uploadPurposeSchema } from '../types/functions/files'
import type { Persona } from '../types/identity'
import type { EmbeddedStore } from './embedded-store/embedded-store'
import { demoClock } from './demo-clock'
import { localDelivery } from './jobs/local-delivery'
import { scheduledJobs, startScheduler } from './jobs/scheduler'
import { localFileStorage } from './local-storage'
import { fileUrlSigner, loadFileUrlSecret, SIGNED_FILE_ROUTE } from './signed-urls'
import { PERSONAS_DOC_ID } from './seed/demo-town'
import { loadTokenSecret, tokenIssuer } from './tokens'

export interface HostOptions {
  store: EmbeddedStore
  dataDir: string
  /** Demo mode serves /api/dev/* (persona picker and login); off with DEMO=0. */
  demo: boolean
  /** Folder of the built h5 app; not served when absent. */
  staticDir?: string
  log?: Logger
  /** Real time (tests may pass their own); actions and jobs read the demo clock built on it. */
  now?: () => Date
  /** Run jobs on their schedules (JOBS=0 turns it off; the jest and Playwright hosts call jobs explicitly). */
  jobs?: boolean
  /** `<fn>/<job>` → cron, replacing the manifest's schedule (tests use a short one). */
  jobSchedules?: Record<string, string>
}

/** The largest any purpose takes (voice, document); each purpose has its own, smaller or equal, limit. */
/** Build files named by their content's hash, e.g. js/152.513938f5.js. */
const HASHED_ASSET = /\.[0-9a-f]{8}\.(js|css)$/

const MAX_UPLOAD_BYTES = Math.max(...Object.values(UPLOAD_RULES).map((rule) => rule.maxBytes))
const MAX_FILE_NAME = 200
const FILE_GONE = '文件不存在或已过期'

/** A body the host refuses before any route sees it, with the field that says where. */
class BodyError extends Error {
  readonly statusCode = 400
  constructor(
    message: string,
    readonly fields: FieldError[],
  ) {
    super(message)
  }
}

/**
 * JSON bodies: parsed with JSON.parse (which makes `__proto__` a plain own key, never a prototype),
 * then refused with a field path when malformed (`body`) or when a key names the prototype
 * machinery (the key's path). Fastify's own parser throws on `__proto__` without saying where,
 * and lets `constructor` through.
 */
function parseJsonBody(_request: unknown, body: string | Buffer, done: (error: Error | null, value?: unknown) => void): void {
  let value: unknown
  try {
    value = JSON.parse(typeof body === 'string' ? body : body.toString('utf8'))
  } catch {
    return done(new BodyError('请求的内容不是有效的 JSON', [{ path: 'body', message: '请求的内容不是有效的 JSON' }]))
  }
  const forbidden = forbiddenKeyError(value)
  if (forbidden) return done(new BodyError(DEFAULT_MESSAGE_OF.INVALID_INPUT, [forbidden]))
  done(null, value)
}

/** `/api` and everything under it is the API: never answered with the app's HTML. */
const isApiPath = (url: string): boolean => /^\/api(\/|\?|$)/.test(url)

function sendError(reply: FastifyReply, code: ErrorCode, requestId: string, message = DEFAULT_MESSAGE_OF[code], fields?: FieldError[]) {
  const body: Envelope<never> = { ok: false, error: { code, message, ...(fields ? { fields } : {}), requestId } }
  return reply.status(HTTP_STATUS_OF[code]).send(body)
}

/** By what the stored file is: uploads are stored under the extension their bytes showed (../cloudfunctions/shared/files/content.ts). */
function contentTypeOf(extension: string): string {
  const kind = kindOfExtension(extension)
  return kind ? CONTENT_TYPE_OF[kind] : 'application/octet-stream'
}

function extensionOf(fileId: string): string {
  return /\.([A-Za-z0-9]+)$/.exec(fileId)?.[1]?.toLowerCase() ?? 'bin'
}

function bearer(header: string | undefined): string | undefined {
  const match = /^Bearer\s+(\S+)$/i.exec(header ?? '')
  return match?.[1]
}

export async function buildHost(options: HostOptions): Promise<FastifyInstance> {
  const { store, demo } = options
  const log = options.log ?? jsonLogger({ service: 'cunzu-host' })
  const clock = demoClock(options.now)
  const now = clock.now
  const tokens = tokenIssuer(loadTokenSecret(options.dataDir))
  const urlSecret = loadFileUrlSecret(options.dataDir)
  const signedUrls = fileUrlSigner(urlSecret, now)
  const storage = localFileStorage(options.dataDir, { urlSecret, now })
  const app = Fastify({ logger: false, genReqId: () => randomUUID(), bodyLimit: MAX_UPLOAD_BYTES })

  app.addContentTypeParser('application/octet-stream', { parseAs: 'buffer' }, (_request, body, done) => done(null, body))
  app.removeContentTypeParser('application/json')
  app.addContentTypeParser('application/json', { parseAs: 'string' }, parseJsonBody)
  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id)
    // Browsers must take every answer as the type it is sent with: an upload never becomes a page.
    reply.header('x-content-type-options', 'nosniff')
  })
  app.addHook('onResponse', async (request, reply) => {
    // Paths only: query strings and bodies may carry personal data.
    log.info('http', { requestId: request.id, method: request.method, path: request.url.split('?')[0], status: reply.statusCode, ms: Math.round(reply.elapsedTime) })
  })
  app.setErrorHandler((error: Error & { statusCode?: number }, request, reply) => {
    if (error instanceof BodyError) return sendError(reply, 'INVALID_INPUT', request.id, error.message, error.fields)
    // Fastify's own refusals (too large, unsupported content type): the body as a whole is wrong.
    if (error.statusCode && error.statusCode < 500) return sendError(reply, 'INVALID_INPUT', request.id, '请求的格式不对', [{ path: 'body', message: '请求的格式不对' }])
    log.error('host_error', { requestId: request.id, error: error.stack })
    return sendError(reply, 'INTERNAL', request.id)
  })
  app.setNotFoundHandler((request, reply) => sendError(reply, 'NOT_FOUND', request.id))

  app.get('/healthz', async () => ({ ok: true }))

  const delivery = localDelivery(store)
  const runLocalJob = (fn: string, job: string): Promise<JobReport> | null => {
    const run = findJob(cloudJobs, fn, job)
    if (!run) return null
    return runJob(run, fn, job, {
      db: store,
      storage,
      log: log.child({ job: `${fn}/${job}` }),
      now,
      ...delivery,
    })
  }
  if (options.jobs ?? true) {
    const stop = startScheduler(scheduledJobs(MANIFEST, options.jobSchedules), (fn, job) => runLocalJob(fn, job) ?? Promise.resolve(), log)
    app.addHook('onClose', async () => stop())
  }

  if (demo) {
    app.get('/api/dev/personas', async () => {
      const { data } = await store.collection('meta').doc(PERSONAS_DOC_ID).get()
      const entries = (data?.personas as Array<{ id: string; description: string }>) ?? []
      const personas: Persona[] = []
      for (const entry of entries) {
        const caller = await loadCaller(store, entry.id)
        if (caller) {
          personas.push({ id: caller.personId, name: caller.name, roles: caller.roles, villageId: caller.villageId, groupId: caller.groupId, description: entry.description })
        }
      }
      return { ok: true, data: personas }
    })
    app.post<{ Body: { personId?: unknown } }>('/api/dev/login', async (request, reply) => {
      const personId = request.body?.personId
      if (typeof personId !== 'string' || !(await loadCaller(store, personId))) {
        return reply.status(400).send({
          ok: false,
          error: { code: 'INVALID_INPUT', message: '请选择一个演示身份', fields: [{ path: 'personId', message: '没有这个演示身份' }], requestId: request.id },
        })
      }
      return { ok: true, data: { token: await tokens.issue(personId) } }
    })

    app.get('/api/dev/clock', async () => ({ ok: true, data: { now: now().toISOString() } }))
    app.post<{ Body: { at?: unknown } }>('/api/dev/clock', async (request, reply) => {
      const at = request.body?.at
      const moment = typeof at === 'string' ? new Date(at) : null
      if (at !== null && (!moment || Number.isNaN(moment.getTime()))) {
        return reply.status(400).send({
          ok: false,
          error: { code: 'INVALID_INPUT', message: '时间格式不对', fields: [{ path: 'at', message: '请给出 ISO 时间，或 null 回到真实时间' }], requestId: request.id },
        })
      }
      return { ok: true, data: { now: clock.set(moment).toISOString() } }
    })

    app.post<{ Params: { fn: string; job: string } }>('/api/dev/jobs/:fn/:job', async (request, reply) => {
      const running = runLocalJob(request.params.fn, request.params.job)
      if (!running) return sendError(reply, 'NOT_FOUND', request.id, '没有这个定时任务')
      return { ok: true, data: await running }
    })

    app.get('/api/dev/outbox', async () => {
      const { data } = await store.collection('outbox').orderBy('sentAt', 'desc').limit(100).get()
      return { ok: true, data }
    })
  }

  // A valid token whose person is gone (removed by an import) finds nobody: 401, never someone else,
  // because person ids are never handed out again.
  const callerOf = async (authorization: string | undefined) => {
    const personId = await tokens.verify(bearer(authorization))
    return personId ? loadCaller(store, personId) : null
  }

  app.post<{ Params: { name: string } }>('/api/fn/:name', async (request, reply) => {
    const definition = Object.hasOwn(cloudFunctions, request.params.name) ? cloudFunctions[request.params.name as keyof typeof cloudFunctions] : undefined
    if (!definition) return sendError(reply, 'NOT_FOUND', request.id, '没有这项服务')
    // Loading the caller is metered too: in the cloud every call pays for it.
    const {
      result: envelope,
      reads,
      writes,
      byCollection,
    } = await store.metered(async () =>
      invoke(definition as never, request.body, {
        db: store,
        storage,
        requestId: request.id,
        log: log.child({ requestId: request.id, fn: definition.name }),
        now,
        caller: () => callerOf(request.headers.authorization),
        openId: null,
      }),
    )
    return (
      reply
        .header('x-db-reads', String(reads))
        .header('x-db-writes', String(writes))
        // e.g. `villages=1/0 groups=1/0 audit=0/1`: reads/writes per collection, to spot repeated reads.
        .header(
          'x-db-collections',
          Object.entries(byCollection)
            .map(([name, cost]) => `${name}=${cost.reads}/${cost.writes}`)
            .join(' '),
        )
        .status(envelope.ok ? 200 : HTTP_STATUS_OF[envelope.error.code])
        .send(envelope)
    )
  })

  // The app uploads bytes here and passes the returned file ID to a function (never bytes in JSON).
  // The upload is recorded as the caller's: nobody else can use or read it until an action attaches it.
  app.post<{ Querystring: { name?: string; purpose?: string } }>('/api/files', async (request, reply) => {
    const caller = await callerOf(request.headers.authorization)
    if (!caller) return sendError(reply, 'UNAUTHENTICATED', request.id)
    const purpose = uploadPurposeSchema.safeParse(request.query.purpose)
    const name = (request.query.name ?? 'upload.bin').trim() || 'upload.bin'
    const fields: FieldError[] = []
    if (!purpose.success) fields.push({ path: 'purpose', message: purpose.error.issues[0]?.message ?? '用途不对' })
    if (name.length > MAX_FILE_NAME) fields.push({ path: 'name', message: '文件名太长' })
    if (fields.length || !purpose.success) return sendError(reply, 'INVALID_INPUT', request.id, '上传的参数不对', fields)
    const bytes = request.body
    if (!Buffer.isBuffer(bytes) || bytes.length === 0) {
      return sendError(reply, 'INVALID_INPUT', request.id, '请选择要上传的文件')
    }
    const rule = UPLOAD_RULES[purpose.data]
    if (bytes.length > rule.maxBytes) {
      const limit = `${rule.maxBytes / 1024 / 1024} MB`
      return sendError(reply, 'INVALID_INPUT', request.id, `文件太大了，这类文件最大 ${limit}`, [{ path: 'body', message: `最大 ${limit}` }])
    }
    // Judged by the bytes, not the name; stored under the extension of what it really is.
    const kind = sniffContent(purpose.data, bytes)
    if (!kind) return sendError(reply, 'INVALID_INPUT', request.id, rule.wrongKind, [{ path: 'body', message: rule.wrongKind }])
    const at = now()
    try {
      await checkUploadQuota(store, caller.personId, bytes.length, at)
    } catch (error) {
      if (error instanceof AppError) return sendError(reply, error.code, request.id, error.message, error.fields)
      throw error
    }
    const { fileId } = await storage.put(`upload.${kind}`, bytes)
    try {
      await recordUpload(store, { fileId, ownerId: caller.personId, purpose: purpose.data, name, size: bytes.length, at })
    } catch (error) {
      // Another upload took the last of today's quota meanwhile: keep no unrecorded bytes.
      await storage.remove(fileId)
      if (error instanceof AppError) return sendError(reply, error.code, request.id, error.message, error.fields)
      throw error
    }
    return { ok: true, data: { fileId } }
  })

  app.get<{ Querystring: { fileId?: string } }>('/api/files/download', async (request, reply) => {
    const caller = await callerOf(request.headers.authorization)
    if (!caller) return sendError(reply, 'UNAUTHENTICATED', request.id)
    const fileId = request.query.fileId ?? ''
    // Someone else's file answers exactly like a missing one.
    if (!(await readableFile(store, caller, fileId))) return sendError(reply, 'NOT_FOUND', request.id, FILE_GONE)
    let bytes: Buffer
    try {
      bytes = await storage.get(fileId)
    } catch {
      return sendError(reply, 'NOT_FOUND', request.id, FILE_GONE)
    }
    const extension = extensionOf(fileId)
    return reply.header('content-type', contentTypeOf(extension)).header('content-disposition', `attachment; filename="cunzu.${extension}"`).send(bytes)
  })

  // What `files.url` hands out (an <Image> cannot send a token): the signature is the permission,
  // checked when it was signed; a forged, altered or expired one answers like a missing file.
  app.get<{ Querystring: { fileId?: string; expires?: string; sig?: string } }>(SIGNED_FILE_ROUTE, async (request, reply) => {
    const fileId = signedUrls.verify(request.query)
    if (!fileId) return sendError(reply, 'NOT_FOUND', request.id, FILE_GONE)
    let bytes: Buffer
    try {
      bytes = await storage.get(fileId)
    } catch {
      return sendError(reply, 'NOT_FOUND', request.id, FILE_GONE)
    }
    return (
      reply
        .header('content-type', contentTypeOf(extensionOf(fileId)))
        // Cached no longer than the signature lasts.
        .header('cache-control', `private, max-age=${Math.max(0, Math.floor((Number(request.query.expires) - now().getTime()) / 1000))}`)
        .send(bytes)
    )
  })

  if (options.staticDir && existsSync(join(options.staticDir, 'index.html'))) {
    // Weak village networks: files go compressed, and the hashed build files (their name changes
    // with their content) are kept by the browser for a year; index.html is asked for every time.
    await app.register(fastifyCompress, { global: true, threshold: 1024 })
    await app.register(fastifyStatic, {
      root: options.staticDir,
      prefix: '/',
      wildcard: false,
      cacheControl: false,
      setHeaders: (response, path) => response.header('cache-control', HASHED_ASSET.test(path) ? 'public, max-age=31536000, immutable' : 'no-cache'),
    })
    // The app's pages are client-side routes: any other GET gets index.html, except under /api,
    // where an unknown path (a demo route with DEMO=0 included) must answer the JSON 404.
    app.get('/*', (request, reply) => (isApiPath(request.url) ? sendError(reply, 'NOT_FOUND', request.id) : reply.header('cache-control', 'no-cache').sendFile('index.html')))
  }
  return app
}
