import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['.dependency-cruiser.cjs', 'dist/**', 'node_modules/**', '.data/**', 'coverage/**', 'apps/web/test-results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly', globalThis: 'readonly' } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
      'no-console': ['error', { allow: ['error'] }],
    },
  },
  {
    // The workspace runs in the browser (apps/web/src); its tests and tools run in Node.
    files: ['apps/web/src/**'],
    languageOptions: { globals: { window: 'readonly', document: 'readonly', navigator: 'readonly', sessionStorage: 'readonly', fetch: 'readonly' } },
  },
  {
    // Playwright reads a fixture's dependencies from its destructuring pattern, empty when it has none.
    files: ['apps/web/e2e/**'],
    rules: { 'no-empty-pattern': 'off' },
  },
  {
    // The CLI and benchmarks talk to a terminal.
    files: ['apps/cli/**', 'bench/**', 'libs/testing/jest/**'],
    rules: { 'no-console': 'off' },
  },
);
