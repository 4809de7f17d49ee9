/** The layer rules: the shape of the code, checked on every `npm test`. */
module.exports = {
  forbidden: [
    {
      name: 'domain-is-pure',
      comment: 'Domain rules are pure functions: no Taro, no SDKs, no store, no runtime, no I/O (type-only imports of record shapes are fine).',
      severity: 'error',
      from: { path: '^cloudfunctions/shared/domain' },
      to: {
        dependencyTypesNot: ['type-only'],
        path: '(^node_modules/(@tarojs|@cloudbase|wx-server-sdk|better-sqlite3|fastify|exceljs|mingo|zod))|^cloudfunctions/shared/(db|runtime|storage|records|identity)|^server|^src|^(node:)?(fs|path|http|https|net|child_process)$',
      },
    },
    {
      name: 'app-does-not-import-functions',
      comment: 'The app talks to functions through the contract (types/) and the API client only.',
      severity: 'error',
      from: { path: '^src' },
      to: { path: '^(cloudfunctions|server)' },
    },
    {
      name: 'contract-is-plain',
      comment: 'types/ holds zod schemas only, shared by the app and the functions.',
      severity: 'error',
      from: { path: '^types' },
      to: { path: '^(src|cloudfunctions|server)|^node_modules/(?!zod)' },
    },
    {
      name: 'functions-do-not-import-local-host',
      comment: 'Deployed bundles hold no demo or local-only code.',
      severity: 'error',
      from: { path: '^cloudfunctions' },
      to: { path: '^server|better-sqlite3' },
    },
    {
      name: 'no-circular',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)(dist|dist-h5|build)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'] },
  },
}
