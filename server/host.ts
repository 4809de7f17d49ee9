/**
 * The local host: every cloud function behind `POST /api/fn/<name>`, the demo login, file uploads
 * and the built h5 app, over the embedded store. The HTTP contract here is public (tests and tools
 * depend on it): extend it, never break it.
 */
import { randomUUID } from 'node:crypto'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import fastifyStatic from '@fastify/static'
import Fastify, { type FastifyInstance, type FastifyReply } from 'fastify'
import { cloudFunctions } from '../cloudfunctions/registry'
import { loadCaller } from '../cloudfunctions/shared/identity/load-caller'
import { invoke } from '../cloudfunctions/shared/runtime/define-function'
import { jsonLogger, type Logger } from '../cloudfunctions/shared/runtime/logger'
import { DEFAULT_MESSAGE_OF, HTTP_STATUS_OF, type Envelope, type ErrorCode } from '../types/errors'
import type { Persona } from '../types/identity'
import type { EmbeddedStore } from './embedded-store/embedded-store'
import { localFileStorage } from './local-storage'
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
  now?: () => Date
}

const MAX_UPLOAD_BYTES = 10 * 1024 * 1024

function sendError(reply: FastifyReply, code: ErrorCode, requestId: string, message = DEFAULT_MESSAGE_OF[code]) {
  const body: Envelope<never> = { ok: false, error: { code, message, requestId } }
  return reply.status(HTTP_STATUS_OF[code]).send(body)
}

function bearer(header: string | undefined): string | undefined {
  const match = /^Bearer\s+(\S+)$/i.exec(header ?? '')
  return match?.[1]
}

export async function buildHost(options: HostOptions): Promise<FastifyInstance> {
  const { store, demo } = options
  const log = options.log ?? jsonLogger({ service: 'cunzu-host' })
  const now = options.now ?? (() => new Date())
  const tokens = tokenIssuer(loadTokenSecret(options.dataDir))
  const storage = localFileStorage(options.dataDir)
  const app = Fastify({ logger: false, genReqId: () => randomUUID(), bodyLimit: MAX_UPLOAD_BYTES })

  app.addContentTypeParser('application/octet-stream', { parseAs: 'buffer' }, (_request, body, done) => done(null, body))
  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id)
  })
  app.addHook('onResponse', async (request, reply) => {
    // Paths only: query strings and bodies may carry personal data.
    log.info('http', { requestId: request.id, method: request.method, path: request.url.split('?')[0], status: reply.statusCode, ms: Math.round(reply.elapsedTime) })
  })
  app.setErrorHandler((error: Error & { statusCode?: number }, request, reply) => {
    if (error.statusCode && error.statusCode < 500) return sendError(reply, 'INVALID_INPUT', request.id, '请求的格式不对')
    log.error('host_error', { requestId: request.id, error: error.stack })
    return sendError(reply, 'INTERNAL', request.id)
  })
  app.setNotFoundHandler((request, reply) => sendError(reply, 'NOT_FOUND', request.id))

  app.get('/healthz', async () => ({ ok: true }))

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
  }

  const callerOf = async (authorization: string | undefined) => {
    const personId = await tokens.verify(bearer(authorization))
    return personId ? loadCaller(store, personId) : null
  }

  app.post<{ Params: { name: string } }>('/api/fn/:name', async (request, reply) => {
    const definition = Object.hasOwn(cloudFunctions, request.params.name)
      ? cloudFunctions[request.params.name as keyof typeof cloudFunctions]
      : undefined
    if (!definition) return sendError(reply, 'NOT_FOUND', request.id, '没有这项服务')
    const envelope = await invoke(definition as never, request.body, {
      db: store,
      storage,
      requestId: request.id,
      log: log.child({ requestId: request.id, fn: definition.name }),
      now,
      caller: () => callerOf(request.headers.authorization),
      openId: null,
    })
    return reply.status(envelope.ok ? 200 : HTTP_STATUS_OF[envelope.error.code]).send(envelope)
  })

  // The app uploads bytes here and passes the returned file ID to a function (never bytes in JSON).
  app.post<{ Querystring: { name?: string } }>('/api/files', async (request, reply) => {
    if (!(await callerOf(request.headers.authorization))) return sendError(reply, 'UNAUTHENTICATED', request.id)
    if (!Buffer.isBuffer(request.body) || request.body.length === 0) {
      return sendError(reply, 'INVALID_INPUT', request.id, '请选择要上传的文件')
    }
    const { fileId } = await storage.put(request.query.name ?? 'upload.bin', request.body)
    return { ok: true, data: { fileId } }
  })

  app.get<{ Querystring: { fileId?: string } }>('/api/files/download', async (request, reply) => {
    if (!(await callerOf(request.headers.authorization))) return sendError(reply, 'UNAUTHENTICATED', request.id)
    let bytes: Buffer
    try {
      bytes = await storage.get(request.query.fileId ?? '')
    } catch {
      return sendError(reply, 'NOT_FOUND', request.id, '文件不存在或已过期')
    }
    const extension = /\.([A-Za-z0-9]+)$/.exec(request.query.fileId ?? '')?.[1] ?? 'bin'
    return reply
      .header('content-type', extension === 'xlsx' ? 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' : 'application/octet-stream')
      .header('content-disposition', `attachment; filename="cunzu.${extension}"`)
      .send(bytes)
  })

  if (options.staticDir && existsSync(join(options.staticDir, 'index.html'))) {
    await app.register(fastifyStatic, { root: options.staticDir, prefix: '/', wildcard: false })
    app.get('/*', (_request, reply) => reply.sendFile('index.html'))
  }
  return app
}
