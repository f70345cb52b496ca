import { replaySubscription } from '@newsledger/alerts';
import { CliError } from '../cli-error.js';
import { callService, serviceTarget } from '../cli-http.js';
import { withLedger } from '../cli-runtime.js';
import { progressBar, type Progress } from '../progress.js';

export interface ReplayOptions {
  since?: string;
  until?: string;
  all?: boolean;
  fromPosition?: number;
  eventTypes?: string;
  url?: string;
  key?: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

/**
 * `newsledger replay <subscription-id> --since … | --all`: re-delivers matching past events with their
 * original webhook ids. Without --since or --all it refuses, so a slip never re-sends the whole history.
 */
export async function replayCommand(subscriptionId: string, options: ReplayOptions): Promise<number> {
  if (!UUID.test(subscriptionId)) throw new CliError(`${subscriptionId} is not a subscription id (a UUID).`, 2);
  if (!options.since && !options.all && options.fromPosition === undefined) {
    throw new CliError('Say what to re-deliver: --since <date or timestamp> (or --from-position <n>), or --all for the whole history.', 2);
  }
  const request = {
    since: instant('--since', options.since),
    until: instant('--until', options.until),
    from_position: options.fromPosition,
    event_types: options.eventTypes?.split(',').map((t) => t.trim()),
  };
  const service = serviceTarget(options, 'subscriptions:write');
  if (service) {
    const response = await callService(service, `/v1/subscriptions/${subscriptionId}/replay`, { method: 'POST', body: request });
    const { replay_id, matched } = (await response.json()) as { replay_id: string; matched: number };
    console.log(`replay ${replay_id}: ${matched} matching events; the service delivers them (progress: GET /v1/replays/${replay_id}).`);
    return 0;
  }
  let bar: Progress | undefined;
  const replay = await withLedger([], (_context, runtime) =>
    replaySubscription(runtime, subscriptionId, request, {
      onProgress: ({ matched, enqueued }) => {
        bar ??= progressBar('replay', matched, 'deliveries');
        bar.update(enqueued);
      },
    }),
  );
  bar?.stop();
  console.log(`replay ${replay.id}: ${replay.matched} matching events enqueued for delivery.`);
  return 0;
}

/** A date (the start of that day, UTC) or an ISO 8601 timestamp with its offset. */
function instant(option: string, value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const iso = DATE.test(value) ? `${value}T00:00:00Z` : value;
  if (!TIMESTAMP.test(iso) || Number.isNaN(Date.parse(iso))) {
    throw new CliError(`${option} takes a date (2026-01-15) or a timestamp with its offset (2026-01-15T10:00:00Z), not "${value}".`, 2);
  }
  return iso;
}
