import { expect, test } from './fixtures.js';

interface StreamEvent {
  type: string;
  recorded_at: string;
}

// The seed records the Manus deal's announcement (December 2025) and then its Beijing review
// (undated, so it counts from the article of 2026-02-11): before the review the deal is "announced".
test.describe('time travel on the Manus deal', () => {
  test.beforeEach(async ({ page, workspace }) => {
    await workspace.signIn(page);
  });

  test('"known at" before the review was recorded shows the deal announced, and the URL carries it', async ({ page, workspace }) => {
    const stream = await workspace.api<{ data: StreamEvent[] }>('GET', '/v1/subjects/acquisition:meta-manus-2025/events');
    const review = stream.data.find((event) => event.type === 'acquisition.review_opened')!;
    const before = new Date(Date.parse(review.recorded_at) - 1).toISOString();

    await page.goto('/deals/meta-manus-2025');
    await expect(page.getByTestId('deal-status')).toHaveText('under review');
    await page.getByLabel('Known at').fill(before);
    await page.getByRole('button', { name: 'Apply' }).click();
    await expect(page).toHaveURL(new RegExp(`as_of=${encodeURIComponent(before)}`));
    await expect(page.getByTestId('deal-status')).toHaveText('announced');
    await expect(page.getByText('No regulatory review reported.')).toBeVisible();
    await expect(page.getByRole('status').filter({ hasText: 'Showing what the ledger knew at' })).toBeVisible();
    await workspace.shot(page, 'time-travel-known-at');

    // The link is the view: opened afresh (as when shared), it shows the same past, and links keep it.
    await page.goto(page.url());
    await expect(page.getByTestId('deal-status')).toHaveText('announced');
    await page.getByRole('link', { name: 'Deals' }).click();
    await expect(page).toHaveURL(/\/deals\?as_of=/);

    await page.getByRole('button', { name: 'Back to now' }).click();
    await expect(page).not.toHaveURL(/as_of=/);
  });

  test('"world on" 2026-01-15 shows the deal announced: the review counts from 2026-02-11', async ({ page, workspace }) => {
    await page.goto('/deals/meta-manus-2025');
    await page.getByLabel('World on').fill('2026-01-15');
    await page.getByRole('button', { name: 'Apply' }).click();
    await expect(page).toHaveURL(/valid_at=2026-01-15/);
    await expect(page.getByTestId('deal-status')).toHaveText('announced');
    await workspace.shot(page, 'time-travel-world-on');

    await page.goto('/deals/meta-manus-2025?valid_at=2026-02-11');
    await expect(page.getByTestId('deal-status')).toHaveText('under review');
  });
});
