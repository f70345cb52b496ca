import { Inject, Injectable, type OnModuleDestroy } from '@nestjs/common';
import { APPENDED_CHANNEL, NotificationListener } from '@newsledger/event-store';
import { DATABASE_URL, ROOT_LOGGER } from '@newsledger/platform';
import type { Logger } from 'pino';

/**
 * One LISTEN connection per process, shared by every live-log client: each registers a wake-up
 * callback and reads the log itself. Opened on the first client, so processes without SSE clients hold none.
 */
@Injectable()
export class LogTail implements OnModuleDestroy {
  private readonly wakers = new Set<() => void>();
  private listener: NotificationListener | null = null;

  constructor(
    @Inject(DATABASE_URL) private readonly databaseUrl: string,
    @Inject(ROOT_LOGGER) private readonly logger: Logger,
  ) {}

  subscribe(wake: () => void): () => void {
    this.wakers.add(wake);
    if (!this.listener) {
      this.listener = new NotificationListener(this.databaseUrl, APPENDED_CHANNEL, () => this.wakers.forEach((w) => w()), this.logger);
      this.listener.start();
    }
    return () => this.wakers.delete(wake);
  }

  async onModuleDestroy(): Promise<void> {
    this.wakers.clear();
    await this.listener?.stop();
  }
}
