import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { TestApp } from '@newsledger/testing';
import autocannon from 'autocannon';
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

/**
 * p99 latency of the list endpoints under 50 concurrent readers, against a bare node:http server
 * sending the same response bytes under the same load. The load runs in a worker thread of its own,
 * so that it does not share the app's event loop.
 */
export async function queryCases(app: TestApp, label = ''): Promise<void> {
  for (const path of LISTS) {
    const body = await (await app.request(path)).text();
    const result = await load(app.baseUrl + path, { authorization: `Bearer ${app.adminKey}` });
    const raw = await withRawServer(body, (url) => load(url, {}));
    report({
      bench: 'projections',
      case: `GET ${path}, ${CONNECTIONS} concurrent readers, p99${label}`,
      unit: 'ms',
      value: result.latency.p99,
      baseline: `p99 of a bare node:http server sending the same ${body.length} bytes, same load`,
      baseline_value: raw.latency.p99,
      details: { target_ms: TARGET_P99_MS, p50_ms: result.latency.p50, requests_per_s: result.requests.average, non_2xx: result.non2xx, errors: result.errors },
    });
  }
}

function load(url: string, headers: Record<string, string>): Promise<autocannon.Result> {
  return autocannon({ url, headers, connections: CONNECTIONS, duration: DURATION_S, workers: 1 });
}

async function withRawServer<T>(body: string, work: (url: string) => Promise<T>): Promise<T> {
  const server = createServer((_request, response) => response.writeHead(200, { 'content-type': 'application/json' }).end(body));
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  try {
    return await work(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
  } finally {
    server.close();
  }
}
