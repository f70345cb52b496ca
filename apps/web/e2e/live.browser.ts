import { newCompany, type Appended } from './events.js';
import { expect, test } from './fixtures.js';

test.describe('live timeline', () => {
  test('an event posted through the API appears within a second, and opens to its source and corroborations', async ({
    page,
    workspace,
  }) => {
    await workspace.signIn(page);
    await expect(page.locator('.live-status')).toContainText('Live');

    // Posted from the page and timed by the page's own clock, from the 201 to the card in the DOM,
    // so the figure is the workspace's latency, not the test runner's polling.
    const company = newCompany('Live Wire Robotics');
    const { appended, elapsedMs } = await page.evaluate(
      async ({ body, key, label }) => {
        const response = await fetch('/v1/events', {
          method: 'POST',
          headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
          body: JSON.stringify(body),
        });
        if (response.status !== 201) throw new Error(`POST /v1/events answered ${response.status}`);
        const posted = performance.now();
        const shown = () => [...document.querySelectorAll('.event-card a')].some((link) => link.textContent === label);
        await new Promise<void>((resolve, reject) => {
          if (shown()) return resolve();
          const observer = new MutationObserver(() => shown() && (observer.disconnect(), resolve()));
          observer.observe(document.body, { childList: true, subtree: true });
          setTimeout(() => (observer.disconnect(), reject(new Error('the event did not appear within 10 s'))), 10_000);
        });
        return { appended: (await response.json()) as Appended, elapsedMs: performance.now() - posted };
      },
      { body: company.body, key: workspace.adminKey, label: `company:${company.slug}` },
    );
    expect(elapsedMs).toBeLessThan(1_000);
    await expect(page.getByRole('link', { name: `company:${company.slug}` })).toBeVisible();
    await workspace.shot(page, 'live-timeline');

    await workspace.api('POST', '/v1/events', {
      type: 'fact.corroborated',
      subject: `company:${company.slug}`,
      expected_version: 1,
      occurred_on: null,
      occurred_precision: 'unknown',
      data: { target_event_id: appended.event_id, resulting_confidence: 'confirmed' },
      source: { source_id: 'src:browser-tests-registry', publisher: 'Handelsregister', genre: 'regulatory_filing', confidence: 'official' },
    });

    await page.goto(`/events/${appended.global_position}`);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('company · registered');
    const source = page.getByRole('region', { name: 'Source' });
    await expect(source).toContainText('Browser Test Wire');
    await expect(source).toContainText('Ada Tester');
    await expect(source).toContainText('de (translated from en)');
    await expect(source).toContainText('relayed from Reuters');
    await expect(source.getByRole('link', { name: 'https://example.com/browser-test' })).toBeVisible();
    const about = page.getByRole('region', { name: 'Corrections and corroborations' });
    await expect(about).toContainText('fact · corroborated');
    await expect(about).toContainText('confirmed');
    await expect(about).toContainText('Handelsregister');
    await workspace.checkAccessibility(page);
    await workspace.shot(page, 'event');
  });

  test('filters narrow the stream by type and region', async ({ page, workspace }) => {
    await workspace.signIn(page);
    await page.getByLabel('Type').fill('listing.');
    await page.getByRole('button', { name: 'Filter' }).click();
    await expect(page).toHaveURL(/type=listing\./);
    await expect(page.getByRole('link', { name: 'listing · priced' }).first()).toBeVisible();
    await expect(page.getByRole('link', { name: 'company · registered' })).toHaveCount(0);

    await page.getByLabel('Type').fill('');
    await page.getByLabel('Region').fill('sg');
    await page.getByRole('button', { name: 'Filter' }).click();
    await expect(page).toHaveURL(/region=SG/);
    await expect(page.getByRole('link', { name: 'company:manus' }).first()).toBeVisible();
    await expect(page.getByRole('link', { name: 'company:zhipu' })).toHaveCount(0);
  });
});
