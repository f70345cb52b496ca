import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { setTimeout as sleep } from 'node:timers/promises';
import { ALERTS_OPTIONS, type AlertsOptions } from '../alerts.options.js';
import { ReplayService } from './replay.service.js';
import { MAX_REPLAY_ATTEMPTS, ReplaysRepository, type ReplayRow } from './replays.repository.js';

/**
 * Runs the replays the API records, one at a time, and resumes any whose runner died (its
 * heartbeat went stale). Lives in the alert router, beside the other producer of deliveries.
 */
@Injectable()
export class ReplayRunner implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(ReplayRunner.name);
  private readonly stopping = new AbortController();
  private loop?: Promise<void>;

  constructor(
    @Inject(ALERTS_OPTIONS) private readonly options: AlertsOptions,
    private readonly replays: ReplaysRepository,
    private readonly service: ReplayService,
  ) {}

  onApplicationBootstrap(): void {
    this.loop = this.runLoop();
  }

  async onModuleDestroy(): Promise<void> {
    this.stopping.abort();
    await this.loop;
  }

  private async runLoop(): Promise<void> {
    const signal = this.stopping.signal;
    while (!signal.aborted) {
      let replay: ReplayRow | null = null;
      try {
        replay = await this.replays.claimNext();
        if (replay) {
          await this.service.run(replay, { signal });
          continue;
        }
      } catch (error) {
        await this.failed(replay, error).catch((recordError: Error) => this.logger.warn(`recording a replay failure failed: ${recordError.message}`));
      }
      await sleep(this.options.replayPollIntervalMs, undefined, { signal }).catch(() => undefined);
    }
  }

  /** Resumed from its cursor by the next claim, until it has failed MAX_REPLAY_ATTEMPTS times. */
  private async failed(replay: ReplayRow | null, error: unknown): Promise<void> {
    const reason = error instanceof Error ? error.message : String(error);
    if (!replay) return this.logger.warn(`claiming a replay failed: ${reason}`);
    if (replay.attempts >= MAX_REPLAY_ATTEMPTS) {
      this.logger.warn(`replay ${replay.id} failed ${replay.attempts} times, giving up: ${reason}`);
      await this.replays.finish(replay.id, reason);
    } else {
      this.logger.warn(`replay ${replay.id} failed (attempt ${replay.attempts}), will resume: ${reason}`);
      await this.replays.release(replay.id, reason);
    }
  }
}
