import { expect, test } from './fixtures.js';

test.describe('operations', () => {
  test('an admin sees each read model and opens the queue dashboard without the key in the URL', async ({ page, workspace }) => {
    await workspace.signIn(page);
    await page.getByRole('link', { name: 'Operations' }).click();
    const acquisitions = page.locator('tr[data-projection]').first();
    await expect(acquisitions).toContainText('live');
    await workspace.checkAccessibility(page);
    await workspace.shot(page, 'operations');

    await page.getByRole('button', { name: 'Open the queue dashboard' }).click();
    await expect(page).toHaveURL(/\/admin\/queues\/?$/);
    await expect(page.getByText('webhooks').first()).toBeVisible({ timeout: 15_000 });
    expect(page.url()).not.toContain(workspace.adminKey);
    await workspace.shot(page, 'queue-dashboard');
  });

  test('the queue dashboard sends a browser without a session to sign in, and comes back', async ({ page, workspace }) => {
    await page.goto('/admin/queues');
    await expect(page).toHaveURL(/\/sign-in\?next=%2Fadmin%2Fqueues/);
    await expect(page.getByText('The queue dashboard needs an admin key.')).toBeVisible();
    await page.getByLabel('API key').fill(workspace.readKey);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page).toHaveURL(/\/$/);
    const refused = await page.request.get('/admin/queues/api/queues');
    expect(refused.status()).toBe(401);

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.goto('/admin/queues');
    await page.getByLabel('API key').fill(workspace.adminKey);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page).toHaveURL(/\/admin\/queues\/?$/);
    await expect(page.getByText('webhooks').first()).toBeVisible({ timeout: 15_000 });
  });
});
