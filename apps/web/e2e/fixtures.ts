import { AxeBuilder } from '@axe-core/playwright';
import { expect, test as base, type Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { RESULTS } from './service.js';

export { expect };

const SCREENSHOTS = path.join(RESULTS, 'screenshots');

export interface Workspace {
  url: string;
  adminKey: string;
  readKey: string;
  /** Calls the API as the admin (or `key`), failing the test on an unexpected status. */
  api<T>(method: string, path: string, body?: unknown, key?: string): Promise<T>;
  signIn(page: Page, key?: string): Promise<void>;
  /** Keeps a full-page screenshot in test-results/screenshots (an artifact, not committed). */
  shot(page: Page, name: string): Promise<void>;
  /** Fails on serious or critical axe findings (labels, contrast, roles) on the page as it is. */
  checkAccessibility(page: Page): Promise<void>;
}

export const test = base.extend<{ workspace: Workspace }>({
  // The service's port is chosen by global-setup, after this config was read.
  baseURL: async ({}, use) => use(process.env.NEWSLEDGER_WEB_URL),
  workspace: async ({}, use) => {
    const url = process.env.NEWSLEDGER_WEB_URL!;
    const adminKey = process.env.NEWSLEDGER_WEB_ADMIN_KEY!;
    mkdirSync(SCREENSHOTS, { recursive: true });
    await use({
      url,
      adminKey,
      readKey: process.env.NEWSLEDGER_WEB_READ_KEY!,
      async api<T>(method: string, apiPath: string, body?: unknown, key = adminKey): Promise<T> {
        const response = await fetch(url + apiPath, {
          method,
          headers: { authorization: `Bearer ${key}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
          body: body === undefined ? undefined : JSON.stringify(body),
        });
        const text = await response.text();
        if (!response.ok) throw new Error(`${method} ${apiPath}: ${response.status} ${text}`);
        return (text ? JSON.parse(text) : undefined) as T;
      },
      async signIn(page, key = adminKey) {
        await page.goto('/sign-in');
        await page.getByLabel('API key').fill(key);
        await page.getByRole('button', { name: 'Sign in' }).click();
        await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();
      },
      async shot(page, name) {
        await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });
      },
      async checkAccessibility(page) {
        const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa']).analyze();
        const serious = results.violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical');
        expect(serious.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`)).toEqual(
          [],
        );
      },
    });
  },
});
