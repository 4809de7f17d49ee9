import path from 'node:path'
import { defineConfig, type UserConfigExport } from '@tarojs/cli'
import devConfig from './dev'
import prodConfig from './prod'

const root = path.resolve(__dirname, '..')
// The shared contract lives outside src/ (the cloud functions import it too): let Taro's babel
// rule compile it for both targets, or webpack would refuse its TypeScript. The app imports it
// relatively (src/services/contract.ts), so no alias or tsconfig path is needed.
const sharedSources = [path.join(root, 'types')]

// Two output folders so the WeChat build (project.config.json points at dist/) and the browser
// build (served by the local host from dist-h5/) never overwrite each other. The h5 dev server
// (`npm run dev:h5`) serves from memory but still empties its output folder on start: point it
// elsewhere, or it would wipe the dist-h5/ that `npm start` serves.
const isH5 = process.env.TARO_ENV === 'h5'
const isDevServer = isH5 && process.env.NODE_ENV === 'development'
const outputRoot = isH5 ? (isDevServer ? 'node_modules/.cache/cunzu-dev-h5' : 'dist-h5') : 'dist'

export default defineConfig<'webpack5'>(async (merge) => {
  const baseConfig: UserConfigExport<'webpack5'> = {
    projectName: 'cunzu',
    date: '2025-11-25',
    // NutUI is drawn for a 375-wide design, our own styles for 750.
    designWidth(input) {
      const file = typeof input === 'object' && input?.file ? input.file.replace(/\\+/g, '/') : ''
      return file.includes('@nutui') ? 375 : 750
    },
    deviceRatio: { 640: 2.34 / 2, 750: 1, 375: 2, 828: 1.81 / 2 },
    sourceRoot: 'src',
    outputRoot,
    plugins: [],
    // Build-time settings the app reads; defined even when unset, so no `process` is left in the bundle.
    defineConstants: {
      'process.env.TARO_APP_CLOUD_ENV': JSON.stringify(process.env.TARO_APP_CLOUD_ENV ?? ''),
      'process.env.TARO_APP_WX_TEMPLATE_PARTY_GROUP_CHANGED': JSON.stringify(process.env.TARO_APP_WX_TEMPLATE_PARTY_GROUP_CHANGED ?? ''),
    },
    copy: { patterns: [], options: {} },
    framework: 'react',
    // Taro 4.1.11 watch builds crash in the pre-bundler ("options.roots.map is not a function").
    compiler: { type: 'webpack5', prebundle: { enable: false } },
    // Rebuilds drop from ~13 s to ~3 s (weapp) and ~18 s to ~5 s (h5).
    cache: { enable: true },
    mini: {
      compile: { include: sharedSources },
      postcss: {
        pxtransform: { enable: true, config: {} },
        cssModules: { enable: false, config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' } },
      },
    },
    h5: {
      publicPath: '/',
      staticDirectory: 'static',
      compile: { include: sharedSources },
      router: { mode: 'hash' },
      webpackChain(chain) {
        // Taro splits only the initial chunks, so every lazily loaded page carried its own copy of
        // zod, the API client and the shared components (4 × ~150 KB). Split async chunks too.
        const splitChunks = chain.optimization.get('splitChunks')
        chain.optimization.splitChunks({ ...splitChunks, chunks: 'all' })
      },
      output: { filename: 'js/[name].[hash:8].js', chunkFilename: 'js/[name].[chunkhash:8].js' },
      miniCssExtractPluginOption: {
        ignoreOrder: true,
        filename: 'css/[name].[hash].css',
        chunkFilename: 'css/[name].[chunkhash].css',
      },
      postcss: {
        autoprefixer: { enable: true, config: {} },
        cssModules: { enable: false, config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' } },
      },
    },
  }
  if (process.env.NODE_ENV === 'development') return merge({}, baseConfig, devConfig)
  return merge({}, baseConfig, prodConfig)
})
