import { expect, test } from './fixtures.js';
import { ADMIN_KEY, loadFixture, startService, type RunningService } from './service.js';

// data/real-world-public.jsonl (88 public reports, 2016–2025) in an empty ledger of its own: the
// shapes real news takes must show as the fixture's notes say, today and at the points they name.
test.describe('the real-world public corpus', () => {
  test.describe.configure({ mode: 'serial' });
  let service: RunningService;

  test.beforeAll(async () => {
    test.setTimeout(180_000);
    service = await startService('real-world');
    await loadFixture(service, 'real-world-public.jsonl', { batch: true });
  });
  test.afterAll(async () => {
    await service?.stop();
  });

  test.beforeEach(async ({ page }) => {
    await page.goto(`${service.url}/sign-in`);
    await page.getByLabel('API key').fill(ADMIN_KEY);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();
  });

  test('the deal board shows every deal where it ended, with each review', async ({ page, workspace }) => {
    await page.goto(`${service.url}/deals`);
    const completed = page.locator('[data-status="completed"].board-column');
    for (const deal of ['cisco-splunk-2023', 'hpe-juniper-2024', 'nvidia-mellanox-2019'])
      await expect(completed.locator(`[data-deal="${deal}"]`)).toBeVisible();
    const terminated = page.locator('[data-status="terminated"].board-column');
    const figma = terminated.locator('[data-deal="adobe-figma-2022"]');
    await expect(figma.locator('[data-review="gb-cma-1"]')).toContainText('moot');
    await expect(figma.locator('[data-review="gb-cma-1"]')).toContainText('deadline Feb 25, 2024');
    await expect(terminated.locator('[data-deal="qualcomm-nxp-2016"] [data-review="cn-mofcom-1"]')).toContainText('withdrawn');
    await expect(completed.locator('[data-deal="hpe-juniper-2024"]')).toContainText('≈US$13.4bn');
    await workspace.shot(page, 'real-world-deals');
  });

  test('known at the end of April 2018, Qualcomm–NXP was still under review with the refiled Chinese review open', async ({
    page,
    workspace,
  }) => {
    await page.goto(`${service.url}/deals/qualcomm-nxp-2016?as_of=2018-04-30`);
    await expect(page.getByTestId('deal-status')).toHaveText('under review');
    await expect(page.locator('tr[data-review="cn-mofcom-2"]')).toContainText('open');
    await expect(page.locator('tr[data-review="eu-ec-1"]')).toContainText('cleared with conditions');
    await workspace.shot(page, 'real-world-qualcomm-as-of');
    await page.getByRole('button', { name: 'Back to now' }).click();
    await expect(page.getByTestId('deal-status')).toHaveText('terminated');
    await expect(page.locator('tr[data-review="cn-mofcom-2"]')).toContainText('moot');
  });

  test('the world on 2023-12-16 had Adobe–Figma under review; on 2023-12-17 it was terminated', async ({ page }) => {
    await page.goto(`${service.url}/deals/adobe-figma-2022?valid_at=2023-12-16`);
    await expect(page.getByTestId('deal-status')).toHaveText('under review');
    await page.goto(`${service.url}/deals/adobe-figma-2022?valid_at=2023-12-17`);
    await expect(page.getByTestId('deal-status')).toHaveText('terminated');
    await page.goto(`${service.url}/deals/adobe-figma-2022?valid_at=2023-12-17&as_of=2023-12-18T23:59:59Z`);
    await expect(page.getByTestId('deal-status')).toHaveText('under review');
  });

  test('listings show proceeds per venue and currency, and Kioxia’s corrected first-day close', async ({ page, workspace }) => {
    await page.goto(`${service.url}/listings`);
    await expect(page.locator('[data-venue="XNYS"]')).toContainText('US$748M');
    await expect(page.locator('[data-venue="XHKG"]')).toContainText('≈HK$1.04bn');
    await expect(page.locator('[data-venue="XTKS"]')).toContainText('no proceeds stated');
    await expect(page.getByRole('row').filter({ hasText: 'reddit-xnys-2024' })).toContainText('+48.35 %');
    await expect(page.getByRole('row').filter({ hasText: 'kioxia-xtks-2020' })).toContainText('postponed');
    await workspace.shot(page, 'real-world-listings');

    await page.goto(`${service.url}/listings/kioxia-xtks-2024`);
    await expect(page.getByText('+10.03 %')).toBeVisible();
    await page.goto(`${service.url}/listings/kioxia-xtks-2024?as_of=2024-12-18`);
    await expect(page.getByText('+10.4 %')).toBeVisible();
  });

  test('the AMD corridor shows its licences, and companies are found in any script', async ({ page, workspace }) => {
    await page.goto(`${service.url}/corridors/amd-mi308-us-cn`);
    await expect(page.getByRole('region', { name: 'Export licences' })).toContainText('granted');
    await workspace.shot(page, 'real-world-corridor-amd');
    await page.goto(`${service.url}/companies?q=${encodeURIComponent('キオクシア')}`);
    await expect(page.locator('[data-company="kioxia"]')).toBeVisible();
    await page.goto(`${service.url}/companies/shein`);
    await expect(page.getByRole('region', { name: 'Relocations', exact: true })).toContainText('SG');
    await workspace.shot(page, 'real-world-company-shein');
  });
});
