/** The layer rules: the shape of the code, checked on every `npm test`. */
module.exports = {
  forbidden: [
    {
      name: 'domain-is-pure',
      comment:
        'Domain rules are pure functions over shapes they declare themselves: they import only the domain and a few pure libraries (dates, the holiday calendar). ' +
        'Not even types from the store (records), the contract (types/), the database or the runtime: callers adapt.',
      severity: 'error',
      from: { path: '^cloudfunctions/shared/domain/' },
      // (^|/): node_modules may be a symlink that resolves elsewhere (a git worktree's).
      // types/text-rules.ts: the text field rules (lengths, cleaning, formulas), import-free, so the
      // roster import reads cells by the very rules the contract applies to actions (one table, no copy).
      // crypto: SHA-256 of a council matter's hash chain is a pure function of its input.
      to: { pathNot: '^cloudfunctions/shared/domain/|^types/text-rules\\.ts$|(^|/)node_modules/(dayjs|chinese-days)/|^(node:)?crypto$' },
    },
    {
      name: 'records-not-wire',
      comment:
        'Stored shapes are typed by the domain or by themselves, never by what a function answers (types/functions): ' +
        'the functions map stored to wire explicitly where they differ (see cloudfunctions/shared/party-groups/wire-shapes.ts).',
      severity: 'error',
      from: { path: '^cloudfunctions/shared/records/' },
      to: { path: '^types/functions/' },
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
