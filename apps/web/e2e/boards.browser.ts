import { expect, test } from './fixtures.js';

// What the seed (data/seed-article.jsonl) must show; its README states the end state.
test.describe('the seed on the boards', () => {
  test.beforeEach(async ({ page, workspace }) => {
    await workspace.signIn(page);
  });

  test('signing in opens the live timeline on the seed', async ({ page, workspace }) => {
    await expect(page).toHaveURL(/\/$/);
    await expect(page.getByRole('heading', { name: 'Live timeline' })).toBeVisible();
    await expect(page.locator('.live-status')).toContainText('Live');
    await expect(page.getByRole('link', { name: 'company:zhipu' }).first()).toBeVisible();
    // The key sits in session storage and nowhere in the address.
    expect(await page.evaluate(() => sessionStorage.getItem('newsledger.api_key'))).toBe(workspace.adminKey);
    expect(page.url()).not.toContain(workspace.adminKey);
    await workspace.checkAccessibility(page);
    await workspace.shot(page, 'timeline');
  });

  test('the deal board puts Meta–Manus under review with its Chinese review', async ({ page, workspace }) => {
    await page.goto('/deals');
    const column = page.locator('[data-status="under_review"].board-column');
    const card = column.locator('[data-deal="meta-manus-2025"]');
    await expect(card).toBeVisible();
    await expect(card).toContainText('Meta');
    await expect(card).toContainText('Manus');
    const chip = card.locator('[data-review="cn-unspecified-1"]');
    await expect(chip).toContainText('open');
    await expect(chip).toContainText('CN');
    await expect(chip).toContainText('Beijing (regulatory review)');
    await expect(page.locator('[data-status="completed"].board-column')).toContainText('none');
    await workspace.checkAccessibility(page);
    await workspace.shot(page, 'deals');

    await card.getByRole('link', { name: 'meta-manus-2025' }).click();
    await expect(page.getByTestId('deal-status')).toHaveText('under review');
    await expect(page.locator('tr[data-review="cn-unspecified-1"]')).toContainText('open');
    await expect(page.getByRole('heading', { name: 'Timeline' })).toBeVisible();
    await expect(page.getByRole('link', { name: 'acquisition · review opened' })).toBeVisible();
    await expect(page.getByRole('link', { name: 'acquisition · announced' })).toBeVisible();
    await workspace.checkAccessibility(page);
    await workspace.shot(page, 'deal-meta-manus');
  });

  test('listings show both Hong Kong floats trading and US$1.18bn raised on XHKG', async ({ page, workspace }) => {
    await page.goto('/listings');
    const total = page.locator('[data-venue="XHKG"]');
    await expect(total).toContainText('2 listings');
    await expect(total).toContainText('≈US$1.18bn');
    const zhipu = page.getByRole('row').filter({ hasText: 'zhipu-xhkg-2026' });
    await expect(zhipu).toContainText('trading');
    await expect(zhipu).toContainText('≈US$560M');
    const minimax = page.getByRole('row').filter({ hasText: 'minimax-xhkg-2026' });
    await expect(minimax).toContainText('trading');
    await expect(minimax).toContainText('≈US$620M');
    await expect(page.getByText('Gross proceeds by month and venue, in USD')).toBeVisible();
    await expect(page.locator('.recharts-bar-rectangle').first()).toBeVisible();
    await workspace.checkAccessibility(page);
    await workspace.shot(page, 'listings');

    await zhipu.getByRole('link', { name: 'zhipu-xhkg-2026' }).click();
    await expect(page.getByTestId('listing-status')).toHaveText('trading');
    await expect(page.getByRole('heading', { level: 1 })).toContainText('XHKG');
    await workspace.shot(page, 'listing-zhipu');
  });

  test('the H200 corridor shows four conditional import approvals from anonymous sources', async ({ page, workspace }) => {
    await page.goto('/corridors');
    const card = page.locator('[data-corridor="nvidia-h200-us-cn"]');
    await expect(card).toContainText('approved conditional');
    await expect(card).toContainText('officially not officially approved');
    await expect(card).toContainText('4 approval(s)');
    await workspace.checkAccessibility(page);
    await workspace.shot(page, 'corridors');

    await card.getByRole('link', { name: 'nvidia-h200-us-cn' }).click();
    const approvals = page.getByRole('region', { name: 'Importer approvals' });
    for (const importer of ['DeepSeek', 'Alibaba', 'ByteDance', 'Tencent']) {
      const row = approvals.getByRole('row').filter({ hasText: importer });
      await expect(row).toContainText('approved conditional');
      await expect(row).toContainText('anonymous sources');
    }
    const exportSide = page.getByRole('region', { name: /Export side/ });
    await expect(exportSide).toContainText('licence required');
    await expect(exportSide.locator('.field').filter({ hasText: 'Authorization announced' })).toContainText('yes');
    await expect(page.getByRole('region', { name: /Import side/ })).toContainText('not officially approved');
    await workspace.checkAccessibility(page);
    await workspace.shot(page, 'corridor-h200');
  });

  test('companies are found by alias, and a company page lists everything it took part in', async ({ page, workspace }) => {
    await page.goto('/companies');
    await page.getByLabel('Name or alias').fill('z.ai');
    await page.getByRole('button', { name: 'Search' }).click();
    await expect(page).toHaveURL(/q=z\.ai/);
    await expect(page.locator('[data-company="zhipu"]')).toBeVisible();
    await page.getByLabel('Only referenced, never registered').check();
    await page.getByLabel('Name or alias').fill('');
    await page.getByRole('button', { name: 'Search' }).click();
    await expect(page.locator('[data-company="openai"]')).toBeVisible();
    await workspace.checkAccessibility(page);
    await workspace.shot(page, 'companies');

    await page.goto('/companies/tencent');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Tencent');
    const timeline = page.getByRole('region', { name: 'Timeline' });
    await expect(timeline).toContainText('company · key person hired');
    await expect(timeline).toContainText('chiptrade · import approval granted');
    await expect(page.getByRole('region', { name: 'Chip licences and approvals' })).toContainText('approved conditional');
    await workspace.checkAccessibility(page);
    await workspace.shot(page, 'company-tencent');
  });

  test('pages fit a phone screen and are reachable by keyboard', async ({ page, workspace }) => {
    await page.setViewportSize({ width: 390, height: 844 });
    for (const [path, name] of [
      ['/', 'phone-timeline'],
      ['/deals', 'phone-deals'],
      ['/listings', 'phone-listings'],
    ] as const) {
      await page.goto(path);
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow, `${path} scrolls sideways`).toBeLessThanOrEqual(1);
      await workspace.shot(page, name);
    }
    await page.keyboard.press('Tab');
    await expect(page.getByRole('link', { name: 'Skip to content' })).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(page.locator('main')).toBeFocused();
  });
});
