/** Layering, checked by `npm run lint`: apps use libs, libs never use apps, the domain stays pure. */
module.exports = {
  forbidden: [
    {
      name: 'apps-are-independent',
      comment: 'An app never imports another app; apps/all is the one-process composition root and may.',
      severity: 'error',
      from: { path: '^apps/([^/]+)/', pathNot: '^apps/all/' },
      to: { path: '^apps/([^/]+)/', pathNot: '^apps/$1/' },
    },
    {
      name: 'libs-never-import-apps',
      severity: 'error',
      from: { path: '^libs/' },
      to: { path: '^apps/' },
    },
    {
      name: 'domain-is-pure',
      comment: 'libs/domain: no Nest, no pg, no queue, no other lib; only zod and fast-json-patch.',
      severity: 'error',
      from: { path: '^libs/domain/' },
      to: {
        pathNot: ['^libs/domain/', 'node_modules/(zod|fast-json-patch|fast-check|@jest/globals)/', '^(node:)?(fs|path|url)$'],
      },
    },
    {
      name: 'testing-only-in-tests',
      comment: 'libs/testing serves test files, their support folders and benchmarks, never running code.',
      severity: 'error',
      from: { path: '^(apps|libs)/', pathNot: ['\\.(spec|int-spec|e2e-spec)\\.ts$', '^libs/testing/', '^libs/[^/]+/(src/testing|e2e)/'] },
      to: { path: '^libs/testing/' },
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
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'] },
  },
};
