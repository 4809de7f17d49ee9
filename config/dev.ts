import type { UserConfigExport } from '@tarojs/cli'

// `npm run dev:h5` serves the app from webpack's dev server; the API lives on the local host
// (`npm start`, port 8080), so forward /api there and keep the browser on one origin.
const apiHost = process.env.CUNZU_API ?? 'http://localhost:8080'

export default {
  logger: { quiet: false, stats: false },
  mini: {},
  h5: {
    devServer: {
      proxy: [{ context: ['/api', '/healthz'], target: apiHost, changeOrigin: true }],
    },
  },
} satisfies UserConfigExport<'webpack5'>
