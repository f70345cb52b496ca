import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { TestApp } from '@newsledger/testing';
import autocannon from 'autocannon';
import { request } from 'undici';
import { report } from '../lib/report.js';

const CONNECTIONS = 50;
const DURATION_S = 5;
const TARGET_P99_MS = 50;

// First pages of the lists, some filtered as clients would; each a page of 50 resources.
const LISTS = [
  '/v1/companies',
  '/v1/companies?q=zhipu',
  '/v1/listings?venue=XHKG',
  '/v1/acquisitions?status=under_review',
  '/v1/chiptrade',
  '/v1/chip-approvals?side=import',
  '/v1/rules?destination=CN',
];

// What browsers and fetch send; a list page then goes out brotli-compressed.
const BROWSER_ACCEPT_ENCODING = 'gzip, deflate, br';

/**
 * p99 latency of the list endpoints under 50 concurrent readers, against a bare node:http server
 * sending the same response bytes under the same load. The load runs in a worker thread of its own,
 * so that it does not share the app's event loop. With `compressed`, each list is measured a second
 * time as a browser asks for it (Accept-Encoding with br), the bare server sending the same
 * compressed bytes.
 */
export async function queryCases(app: TestApp, { label = '', compressed = false }: { label?: string; compressed?: boolean } = {}): Promise<void> {
  for (const acceptEncoding of compressed ? [null, BROWSER_ACCEPT_ENCODING] : [null]) {
    const asked: Record<string, string> = acceptEncoding ? { 'accept-encoding': acceptEncoding } : {};
    for (const path of LISTS) {
      // undici's request, unlike fetch, hands the bytes over as they were sent.
      const response = await request(app.baseUrl + path, { headers: { authorization: `Bearer ${app.adminKey}`, ...asked } });
      const body = Buffer.from(await response.body.arrayBuffer());
      const coding = response.headers['content-encoding'];
      const result = await load(app.baseUrl + path, { authorization: `Bearer ${app.adminKey}`, ...asked });
      const raw = await withRawServer(body, typeof coding === 'string' ? { 'content-encoding': coding } : {}, (url) => load(url, asked));
      report({
        bench: 'projections',
        case: `GET ${path}, ${CONNECTIONS} concurrent readers, p99${acceptEncoding ? `, Accept-Encoding: ${acceptEncoding}` : ''}${label}`,
        unit: 'ms',
        value: result.latency.p99,
        baseline: `p99 of a bare node:http server sending the same ${body.length} bytes${coding ? ` (${String(coding)})` : ''}, same load`,
        baseline_value: raw.latency.p99,
        details: { target_ms: TARGET_P99_MS, p50_ms: result.latency.p50, requests_per_s: result.requests.average, non_2xx: result.non2xx, errors: result.errors },
      });
    }
  }
}

function load(url: string, headers: Record<string, string>): Promise<autocannon.Result> {
  return autocannon({ url, headers, connections: CONNECTIONS, duration: DURATION_S, workers: 1 });
}

async function withRawServer<T>(body: Buffer, headers: Record<string, string>, work: (url: string) => Promise<T>): Promise<T> {
  const server = createServer((_request, response) => response.writeHead(200, { 'content-type': 'application/json', ...headers }).end(body));
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  try {
    return await work(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
  } finally {
    server.close();
  }
}
