/**
 * What each cloud function needs from its platform, in one place: its timeout, the WeChat open
 * APIs it calls and its scheduled jobs. `cloudbaserc.json` (`npm run manifest`) and every bundle's
 * `config.json` (`npm run build:functions`) are generated from it; the registry's jobs, the
 * contract and the folders are checked against it (tests/unit/manifest.test.ts).
 * Plain data: the build script reads it without loading any function.
 */
export interface JobSpec {
  /** CloudBase's 7-field cron (second minute hour day month weekday year), Beijing time. */
  cron: string
  /** What the job does, for the README and the logs. */
  purpose: string
}

export interface FunctionSpec {
  /** Seconds CloudBase lets one invocation run. */
  timeout: number
  /** WeChat open APIs called through wx-server-sdk's cloud.openapi (config.json permissions.openapi). */
  openapi: readonly string[]
  jobs: Readonly<Record<string, JobSpec>>
}

export const MANIFEST = {
  system: { timeout: 20, openapi: [], jobs: {} },
  identity: {
    timeout: 20,
    openapi: [],
    jobs: {
      expireInvitations: { cron: '0 10 3 * * * *', purpose: '把过期未用的邀请码标为过期（每天 3:10）' },
    },
  },
  home: { timeout: 20, openapi: [], jobs: {} },
  roster: { timeout: 60, openapi: [], jobs: {} },
  partyGroups: { timeout: 60, openapi: [], jobs: {} },
  files: {
    timeout: 20,
    openapi: [],
    jobs: {
      expireUploads: { cron: '0 40 3 * * * *', purpose: '删除上传后7天仍未用上的文件（每天 3:40）' },
    },
  },
  councils: {
    timeout: 60,
    openapi: [],
    jobs: {
      closeAndRemind: { cron: '0 */5 * * * * *', purpose: '到截止时间结束表决并公布结果；截止前 24 小时提醒还没投票的人（每 5 分钟）' },
    },
  },
  errands: {
    timeout: 60,
    openapi: [],
    jobs: {
      deadlines: { cron: '0 */10 * * * * *', purpose: '督办：到期前一个工作日提醒，超期督办到村、到镇，办好 3 个工作日未评价请组长回访（每 10 分钟）' },
    },
  },
  mediation: {
    timeout: 60,
    openapi: [],
    jobs: {
      timeLimits: {
        cron: '0 */5 * * * * *',
        purpose: '调解时限：24 小时未签收或未联系告知上一级，各级时限到期自动上报（镇级标记超期），满 30 天提醒，司法确认剩 7 天、回访到期提醒（每 5 分钟）',
      },
    },
  },
  chat: {
    timeout: 20,
    openapi: ['security.msgSecCheck'],
    jobs: {},
  },
  inbox: {
    timeout: 60,
    openapi: ['subscribeMessage.send'],
    jobs: {
      deliver: { cron: '0 * * * * * *', purpose: '把新通知作为微信订阅消息发出（每分钟）' },
    },
  },
} as const satisfies Record<string, FunctionSpec>

export type ManifestFunctionName = keyof typeof MANIFEST

export const CLOUD_RUNTIME = 'Nodejs18.15'

/** `<function>/<job>` names, as the demo route and `npm run job` take them. */
export function jobNames(): string[] {
  return Object.entries(MANIFEST as Record<string, FunctionSpec>).flatMap(([fn, spec]) => Object.keys(spec.jobs).map((job) => `${fn}/${job}`))
}

/** A timer trigger as CloudBase and WeChat DevTools declare it (trigger name = job name). */
export function triggersOf(spec: FunctionSpec) {
  return Object.entries(spec.jobs).map(([name, job]) => ({ name, type: 'timer' as const, config: job.cron }))
}

/** The cloudbaserc.json `tcb fn deploy --all` reads. */
export function cloudbaseRc() {
  return {
    version: '2.0',
    envId: '{{env.TCB_ENV_ID}}',
    functionRoot: './build/functions',
    functions: Object.entries(MANIFEST as Record<string, FunctionSpec>).map(([name, spec]) => ({
      name,
      timeout: spec.timeout,
      runtime: CLOUD_RUNTIME,
      installDependency: true,
      handler: 'index.main',
      ...(Object.keys(spec.jobs).length > 0 ? { triggers: triggersOf(spec) } : {}),
    })),
  }
}

/** The config.json WeChat DevTools reads beside each bundled function. */
export function bundleConfig(spec: FunctionSpec) {
  return { timeout: spec.timeout, envVariables: {}, triggers: triggersOf(spec), permissions: { openapi: [...spec.openapi] } }
}
