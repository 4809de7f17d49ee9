import { resolve } from 'node:path'

/** Settings of the local host, from the environment. */
export function hostConfig(env: NodeJS.ProcessEnv = process.env) {
  const dataDir = resolve(env.DATA_DIR ?? '.data')
  return {
    port: Number(env.PORT ?? 8080),
    // Loopback unless told otherwise: the demo login must not be reachable from the network.
    host: env.HOST ?? '127.0.0.1',
    dataDir,
    storeFile: resolve(dataDir, 'store.sqlite'),
    demo: env.DEMO !== '0',
    jobs: env.JOBS !== '0',
    staticDir: resolve(env.STATIC_DIR ?? 'dist-h5'),
  }
}
