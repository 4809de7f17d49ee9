/** Unit tests (pure domain) and integration tests (functions through the HTTP host over a real embedded store). */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/tests'],
  testMatch: ['**/tests/unit/**/*.test.ts', '**/tests/integration/**/*.test.ts'],
  transform: {
    '^.+\\.(t|j)sx?$': ['@swc/jest', { jsc: { target: 'es2022', parser: { syntax: 'typescript', tsx: true } } }],
  },
  // ESM-only packages that jest must transform to CommonJS.
  transformIgnorePatterns: ['^(?!.*/node_modules/(jose|mingo|content-disposition|cookie)/).*/node_modules/'],
  testTimeout: 30000,
}
