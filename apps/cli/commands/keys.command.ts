import { ApiKeysRepository, SCOPES, type ApiKeyRecord, type Scope } from '@newsledger/platform';
import { CliError } from '../cli-error.js';
import { callService, serviceTarget } from '../cli-http.js';
import { withLedger } from '../cli-runtime.js';

interface Remote {
  url?: string;
  key?: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** `newsledger keys create --scopes read,events:write [--name n]`: prints the key once. */
export async function createKeyCommand(options: { scopes: string; name: string } & Remote): Promise<number> {
  const scopes = options.scopes.split(',').map((s) => s.trim()).filter(Boolean);
  const unknown = scopes.filter((s) => !(SCOPES as readonly string[]).includes(s));
  if (scopes.length === 0 || unknown.length > 0) {
    throw new CliError(`Scopes must be a comma-separated subset of ${SCOPES.join(', ')}${unknown.length ? `; unknown: ${unknown.join(', ')}` : ''}.`, 2);
  }
  const service = serviceTarget(options, 'admin');
  const created = service
    ? ((await (await callService(service, '/v1/api-keys', { method: 'POST', body: { name: options.name, scopes } })).json()) as ApiKeyRecord & { key: string })
    : await withLedger([], (context) => context.get(ApiKeysRepository).create(options.name, scopes as Scope[]));
  console.log(`${created.key}\n(id ${created.id}, scopes ${created.scopes.join(', ')}; shown once, store it now)`);
  return 0;
}

/** `newsledger keys list`: the active keys (never the keys themselves, which the ledger does not keep). */
export async function listKeysCommand(options: Remote): Promise<number> {
  const service = serviceTarget(options, 'admin');
  const keys = service
    ? ((await (await callService(service, '/v1/api-keys')).json()) as { data: ApiKeyRecord[] }).data
    : await withLedger([], (context) => context.get(ApiKeysRepository).list());
  for (const key of keys) console.log(`${key.id}  ${key.created_at}  ${key.name.padEnd(20)}  ${key.scopes.join(',')}`);
  console.error(`${keys.length} active keys.`);
  return 0;
}

/** `newsledger keys revoke <id>`: the key stops working everywhere within 5 s (each process caches a valid key that long). */
export async function revokeKeyCommand(id: string, options: Remote): Promise<number> {
  if (!UUID.test(id)) throw new CliError(`${id} is not a key id (a UUID, as \`keys list\` shows).`, 2);
  const service = serviceTarget(options, 'admin');
  const revoked = service
    ? (await callService(service, `/v1/api-keys/${id}`, { method: 'DELETE' }, [404])).status === 204
    : await withLedger([], (context) => context.get(ApiKeysRepository).revoke(id));
  if (!revoked) throw new CliError(`No active API key ${id}.`);
  console.log(`Key ${id} revoked.`);
  return 0;
}
