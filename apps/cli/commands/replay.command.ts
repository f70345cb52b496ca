import { replaySubscription } from '@newsledger/alerts';
import { Presets, SingleBar } from 'cli-progress';
import { withLedger } from '../cli-runtime.js';

export interface ReplayOptions {
  since?: string;
  until?: string;
  fromPosition?: number;
  eventTypes?: string;
}

/** `newsledger replay <subscription-id> --since …`: re-delivers matching past events with their original webhook ids. */
export async function replayCommand(subscriptionId: string, options: ReplayOptions): Promise<number> {
  const bar = new SingleBar({ format: 'replay [{bar}] {value}/{total} deliveries', stream: process.stderr }, Presets.shades_classic);
  let started = false;
  const replay = await withLedger([], (_context, runtime) =>
    replaySubscription(
      runtime,
      subscriptionId,
      {
        since: options.since,
        until: options.until,
        from_position: options.fromPosition,
        event_types: options.eventTypes?.split(',').map((t) => t.trim()),
      },
      {
        onProgress: ({ matched, enqueued }) => {
          if (!started) bar.start(matched, 0);
          started = true;
          bar.update(enqueued);
        },
      },
    ),
  );
  if (started) bar.stop();
  console.log(`replay ${replay.id}: ${replay.matched} matching events enqueued for delivery.`);
  return 0;
}
