import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createTestDatabase, type TestDatabase } from '@newsledger/testing';
import { ApiKeysRepository } from './api-keys.repository.js';

describe('bootstrap admin key', () => {
  let db: TestDatabase;
  let keys: ApiKeysRepository;

  beforeAll(async () => {
    db = await createTestDatabase();
    keys = new ApiKeysRepository(db.pool);
  });
  afterAll(async () => {
    await db.drop();
  });

  it('is generated once, on an empty table, even when several processes start together', async () => {
    const generated = (await Promise.all([1, 2, 3, 4].map(() => keys.bootstrapAdmin(undefined)))).filter(Boolean);
    expect(generated).toHaveLength(1);
    expect((await keys.findActiveByKey(generated[0]!))?.scopes).toEqual(['admin']);
    expect(await keys.bootstrapAdmin(undefined)).toBeNull();
  });

  it('admits ADMIN_API_KEY on any start without showing it', async () => {
    const configured = 'an-operator-chosen-key-0123456789';
    expect(await keys.bootstrapAdmin(configured)).toBeNull();
    expect(await keys.bootstrapAdmin(configured)).toBeNull();
    expect((await keys.findActiveByKey(configured))?.scopes).toEqual(['admin']);
    expect((await keys.list()).filter((k) => k.name.startsWith('bootstrap admin'))).toHaveLength(2);
  });
});
