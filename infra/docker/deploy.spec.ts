import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { PROJECT_ROOT } from '@newsledger/platform';
import { parseAllDocuments } from 'yaml';

const read = (file: string) => readFileSync(path.join(PROJECT_ROOT, file), 'utf8');
const pkg = JSON.parse(read('package.json')) as { version: string; engines: { node: string } };
const K8S = 'infra/k8s';
// What `kubectl apply -f infra/k8s/` applies: the folder's own manifests, not its subfolders.
const applied = readdirSync(path.join(PROJECT_ROOT, K8S))
  .filter((file) => /\.ya?ml$/.test(file))
  .flatMap((file) => parseAllDocuments(read(`${K8S}/${file}`)).map((doc) => doc.toJS() as { kind: string; spec?: unknown }));

describe('one Node version and one image tag', () => {
  it('the Dockerfile runs the Node major that package.json engines name', () => {
    const major = /(\d+)/.exec(pkg.engines.node)![1];
    const images = [...read('infra/docker/Dockerfile').matchAll(/^FROM node:(\d+)/gm)].map((match) => match[1]);
    expect(images.length).toBeGreaterThan(0);
    expect(new Set(images)).toEqual(new Set([major]));
  });

  it('the manifests and docker compose use the tag the documented build produces', () => {
    const tag = `newsledger:${pkg.version}`;
    expect(read(`${K8S}/README.md`)).toContain(`-t ${tag} .`);
    expect(read('docker-compose.yml')).toContain(`image: ${tag}`);
    const images = JSON.stringify(applied).match(/"image":"[^"]+"/g) ?? [];
    expect(images.length).toBeGreaterThan(0);
    expect(new Set(images)).toEqual(new Set([`"image":"${tag}"`]));
  });

  it('`kubectl apply -f infra/k8s/` applies no Secret (the example one holds a known admin key)', () => {
    expect(applied.filter((doc) => doc.kind === 'Secret')).toEqual([]);
  });
});
