import { createServer, type Server } from 'node:http';
import { newCompany } from './events.js';
import { expect, test } from './fixtures.js';

interface Received {
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

test.describe('subscriptions', () => {
  let receiver: Server;
  let received: Received[];
  let hookUrl: string;

  test.beforeAll(async () => {
    received = [];
    receiver = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk) => (body += chunk));
      request.on('end', () => {
        received.push({ headers: request.headers, body });
        response.writeHead(200, { 'content-type': 'text/plain' }).end('thanks');
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    const address = receiver.address();
    hookUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/hook`;
  });

  test.afterAll(async () => {
    await new Promise((resolve) => receiver.close(resolve));
  });

  test('create a subscription, post an event, and see its delivery in the log', async ({ page, workspace }) => {
    await workspace.signIn(page);
    await page.getByRole('link', { name: 'Subscriptions' }).click();
    await page.getByRole('button', { name: 'New subscription' }).click();
    await page.getByLabel('Endpoint URL').fill(hookUrl);
    await page.getByLabel('Description').fill('Browser test receiver');
    await page.getByLabel('Event types').fill('company.*');
    await page.getByRole('button', { name: 'Create subscription' }).click();
    await expect(page.getByTestId('secret')).toHaveText(/^whsec_/);
    await workspace.shot(page, 'subscription-created');
    await page.getByRole('button', { name: 'I have stored it' }).click();
    await expect(page.getByTestId('secret')).toHaveCount(0);

    await page.getByRole('link', { name: 'Browser test receiver' }).click();
    await expect(page.getByTestId('subscription-status')).toHaveText('active');
    await expect(page.getByText('No deliveries yet.')).toBeVisible();

    const company = newCompany('Delivery Check Systems');
    await workspace.api('POST', '/v1/events', company.body);
    const delivery = page.locator('.delivery[data-event-type="company.registered"]');
    await expect(delivery).toContainText('succeeded', { timeout: 15_000 });
    await delivery.getByText('Attempts').click();
    await expect(delivery.getByRole('row').nth(1)).toContainText('200');
    await expect(delivery).toContainText('thanks');
    expect(
      received.some((request) => request.body.includes(company.slug) && String(request.headers['webhook-signature']).startsWith('v1,')),
    ).toBe(true);
    await workspace.checkAccessibility(page);
    await workspace.shot(page, 'subscription-deliveries');

    // Pause and enable round-trip through the API the page calls.
    await page.getByRole('button', { name: 'Pause' }).click();
    await expect(page.getByTestId('subscription-status')).toHaveText('disabled');
    await page.getByRole('button', { name: 'Enable' }).click();
    await expect(page.getByTestId('subscription-status')).toHaveText('active');

    // A replay re-sends the matching past events and shows its progress.
    await page.getByRole('button', { name: 'Start replay' }).click();
    await expect(page.getByText(/Replay completed/)).toBeVisible({ timeout: 15_000 });
    await expect(page.locator('progress')).toHaveAttribute('value', '1');
    await workspace.shot(page, 'subscription-replay');
  });

  test('a read key sees subscriptions but no control that writes', async ({ page, workspace }) => {
    await workspace.api('POST', '/v1/subscriptions', { url: hookUrl, description: 'Seen by a reader', event_types: ['listing.*'] });
    await workspace.signIn(page, workspace.readKey);
    await expect(page.getByRole('link', { name: 'Operations' })).toHaveCount(0);
    await page.getByRole('link', { name: 'Subscriptions' }).click();
    await expect(page.getByRole('link', { name: 'Seen by a reader' })).toBeVisible();
    await expect(page.getByRole('button', { name: 'New subscription' })).toHaveCount(0);
    await page.getByRole('link', { name: 'Seen by a reader' }).click();
    await expect(page.getByRole('heading', { name: 'Delivery log' })).toBeVisible();
    for (const name of ['Send a test', 'Rotate secret', 'Pause', 'Enable', 'Delete', 'Start replay', 'Retry']) {
      await expect(page.getByRole('button', { name })).toHaveCount(0);
    }
    await workspace.shot(page, 'read-key-subscription');
    await page.goto('/operations');
    await expect(page.getByText('This page needs a key with the admin scope.')).toBeVisible();
  });
});
