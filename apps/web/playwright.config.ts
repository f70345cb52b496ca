import { defineConfig } from '@playwright/test';

/**
 * Browser tests of the workspace: Debian's Chromium (apt-get install chromium; Playwright's own
 * browser download is never used) against the built all-in-one service, which global-setup starts
 * on a database of its own. Run with `npm run test:browser` after `npm run build`.
 */
export default defineConfig({
  testDir: './e2e',
  testMatch: '*.browser.ts',
  outputDir: './test-results/output',
  globalSetup: './e2e/global-setup.ts',
  // One service, one browser: the machine is shared, and the flows read the same ledger.
  workers: 1,
  fullyParallel: false,
  retries: 0,
  // Generous: the machine is shared, and a full-page screenshot plus an axe pass take seconds when it is busy.
  timeout: 90_000,
  expect: { timeout: 10_000 },
  reporter: [['list']],
  use: {
    browserName: 'chromium',
    viewport: { width: 1280, height: 900 },
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
});
