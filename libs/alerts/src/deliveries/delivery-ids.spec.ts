import { describe, expect, it } from '@jest/globals';
import { eventDeliveryId, eventMessageId, oneOffIds } from './delivery-ids.js';

const [subscription, event, replay] = ['8c1f0a4e-0000-4000-8000-000000000001', '8c1f0a4e-0000-4000-8000-000000000002', '8c1f0a4e-0000-4000-8000-000000000003'];

describe('delivery ids', () => {
  it('derives the same delivery id for the same subscription and event, another for a replay', () => {
    expect(eventDeliveryId(subscription, event)).toBe(eventDeliveryId(subscription, event));
    expect(eventDeliveryId(subscription, event)).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(eventDeliveryId(subscription, event, replay)).not.toBe(eventDeliveryId(subscription, event));
  });

  it('gives an event one message id per subscription, replays included', () => {
    expect(eventMessageId(subscription, event)).toMatch(/^msg_[0-9a-f]{32}$/);
    expect(eventMessageId(event, subscription)).not.toBe(eventMessageId(subscription, event));
    expect(oneOffIds().messageId).not.toBe(oneOffIds().messageId);
  });
});
