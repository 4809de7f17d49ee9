/**
 * WeChat mini program journeys through miniprogram-automator. They drive WeChat DevTools, which
 * exists only for Windows and macOS — so this suite is not part of `npm test`. Run it on a
 * developer machine with DevTools installed (设置 → 安全设置 → 服务端口 turned on):
 *
 *   npm run build:weapp && WECHAT_DEVTOOLS_CLI="/Applications/wechatwebdevtools.app/Contents/MacOS/cli" npm run test:weapp
 *
 * (Windows: WECHAT_DEVTOOLS_CLI="C:/Program Files (x86)/Tencent/微信web开发者工具/cli.bat".)
 * Without WECHAT_DEVTOOLS_CLI every test is skipped with a message saying so.
 */
module.exports = {
  rootDir: __dirname,
  testEnvironment: 'node',
  testMatch: ['<rootDir>/**/*.test.ts'],
  transform: {
    '^.+\\.(t|j)sx?$': ['@swc/jest', { jsc: { target: 'es2022', parser: { syntax: 'typescript' } } }],
  },
  // DevTools takes a while to start and compile; cloud calls add network time.
  testTimeout: 180000,
  maxWorkers: 1,
}
