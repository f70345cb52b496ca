import { describe, expect, it } from '@jest/globals';
import { Webhook } from 'standardwebhooks';
import { generateWebhookSecret } from '../subscriptions/webhook-secret.js';
import { signatureHeader } from './sign.js';

describe('signatureHeader', () => {
  it('signs "{id}.{timestamp}.{body}" so the standardwebhooks package verifies it with either secret', () => {
    const [current, previous] = [generateWebhookSecret(), generateWebhookSecret()];
    const sentAt = new Date();
    const body = JSON.stringify({ type: 'listing.priced', timestamp: sentAt.toISOString(), data: { replay: false } });
    const header = signatureHeader([current, previous], 'msg_1', sentAt, body);
    expect(header.split(' ')).toHaveLength(2);
    const headers = { 'webhook-id': 'msg_1', 'webhook-timestamp': String(Math.floor(sentAt.getTime() / 1000)), 'webhook-signature': header };
    for (const secret of [current, previous]) expect(new Webhook(secret).verify(body, headers)).toEqual(JSON.parse(body));
    expect(() => new Webhook(generateWebhookSecret()).verify(body, headers)).toThrow();
  });
});
