import { ApiKeysRepository, SCOPES, type Scope } from '@newsledger/platform';
import { withLedger } from '../cli-runtime.js';

/** `newsledger keys create --scopes read,events:write [--name n]`: prints the key once. */
export async function createKeyCommand(options: { scopes: string; name: string }): Promise<number> {
  const scopes = options.scopes.split(',').map((s) => s.trim()).filter(Boolean);
  const unknown = scopes.filter((s) => !(SCOPES as readonly string[]).includes(s));
  if (scopes.length === 0 || unknown.length > 0) {
    console.error(`Scopes must be a comma-separated subset of ${SCOPES.join(', ')}${unknown.length ? `; unknown: ${unknown.join(', ')}` : ''}.`);
    return 2;
  }
  const created = await withLedger([], (context) => context.get(ApiKeysRepository).create(options.name, scopes as Scope[]));
  console.log(`${created.key}\n(id ${created.id}, scopes ${created.scopes.join(', ')}; shown once, store it now)`);
  return 0;
}
