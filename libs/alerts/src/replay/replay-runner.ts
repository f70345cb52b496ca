import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { setTimeout as sleep } from 'node:timers/promises';
import { ALERTS_OPTIONS, type AlertsOptions } from '../alerts.options.js';
import { ReplayService } from './replay.service.js';
import { ReplaysRepository } from './replays.repository.js';

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
      try {
        const replay = await this.replays.claimNext();
        if (replay) {
          await this.service.run(replay, { signal });
          continue;
        }
      } catch (error) {
        // Left running: its heartbeat goes stale and the next claim resumes it from its cursor.
        this.logger.warn(`replay failed, will resume: ${(error as Error).message}`);
      }
      await sleep(this.options.replayPollIntervalMs, undefined, { signal }).catch(() => undefined);
    }
  }
}
