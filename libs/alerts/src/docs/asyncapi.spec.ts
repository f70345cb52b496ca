import { beforeAll, describe, expect, it } from '@jest/globals';
import { Parser, type AsyncAPIDocumentInterface, type Diagnostic } from '@asyncapi/parser';
import { EVENT_TYPES } from '@newsledger/domain';
import { buildAsyncApiDocument } from './asyncapi.js';

describe('the AsyncAPI document of the webhooks', () => {
  let parsed: AsyncAPIDocumentInterface | undefined;
  let diagnostics: Diagnostic[];

  beforeAll(async () => {
    ({ document: parsed, diagnostics } = await new Parser().parse(JSON.stringify(buildAsyncApiDocument())));
  });

  it('is a valid AsyncAPI 3 document by the AsyncAPI parser', () => {
    const errors = diagnostics.filter((d) => d.severity === 0).map((d) => `${d.path.join('/')}: ${d.message}`);
    expect(errors).toEqual([]);
    expect(parsed?.version()).toBe('3.0.0');
  });

  it('has a channel per event type and operational message, each signed the Standard Webhooks way', () => {
    const channels = parsed!
      .channels()
      .all()
      .map((c) => c.id());
    expect(channels).toEqual([...EVENT_TYPES, 'subscription.disabled', 'subscription.test']);
    const message = parsed!.channels().get('acquisition.review_opened')!.messages().all()[0];
    expect(Object.keys(message.headers()!.properties() ?? {})).toEqual(
      expect.arrayContaining(['webhook-id', 'webhook-timestamp', 'webhook-signature']),
    );
    const payload = message.payload()!.json() as {
      properties: { data: { properties: { payload: { properties: Record<string, unknown> } } } };
    };
    expect(Object.keys(payload.properties.data.properties.payload.properties)).toEqual(
      expect.arrayContaining(['review_id', 'jurisdiction']),
    );
  });
});
