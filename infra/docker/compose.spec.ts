import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { configSchema, PROJECT_ROOT } from '@newsledger/platform';
import { parse } from 'yaml';

// No Docker engine runs where the tests do, so the compose file is checked against what the build produces.
interface ComposeService {
  command?: string[];
  environment?: Record<string, string>;
  build?: unknown;
  depends_on?: Record<string, { condition: string }>;
}

const compose = parse(readFileSync(path.join(PROJECT_ROOT, 'docker-compose.yml'), 'utf8'), { merge: true }) as {
  services: Record<string, ComposeService>;
};
const appServices = Object.entries(compose.services).filter(([, service]) => service.build);
const knownVariables = new Set(Object.keys(configSchema.shape));

describe('docker-compose.yml', () => {
  it('runs one container per app', () => {
    expect(appServices.map(([name]) => name).sort()).toEqual(['alert-router', 'api', 'projector', 'webhook-worker']);
  });

  it.each(appServices)('%s runs an entry point that `npm run build` produces', (_name, service) => {
    const [runtime, entry] = service.command ?? [];
    expect(runtime).toBe('node');
    const match = /^dist\/(apps\/[\w-]+\/main)\.js$/.exec(entry ?? '');
    expect(match).not.toBeNull();
    expect(existsSync(path.join(PROJECT_ROOT, `${match![1]}.ts`))).toBe(true);
  });

  it.each(appServices)('%s sets only variables the config schema knows', (_name, service) => {
    const unknown = Object.keys(service.environment ?? {}).filter((name) => !knownVariables.has(name));
    expect(unknown).toEqual([]);
  });

  it.each(appServices)('%s waits for healthy PostgreSQL and Redis', (_name, service) => {
    expect(service.depends_on).toEqual({ postgres: { condition: 'service_healthy' }, redis: { condition: 'service_healthy' } });
  });

  it('keeps Redis from evicting jobs', () => {
    expect(compose.services.redis.command).toEqual(expect.arrayContaining(['--maxmemory-policy', 'noeviction', '--appendonly', 'yes']));
  });
});
