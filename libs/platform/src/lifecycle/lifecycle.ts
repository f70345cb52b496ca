/** Thrown out of `Lifecycle.start` when a stop was asked for while that resource was being created. */
export class StopRequested extends Error {
  constructor() {
    super('stop requested during start-up');
  }
}

export interface LifecycleOptions {
  /** After this long, a stop gives up and exits 1 (anything still running is told to stop on exit). */
  deadlineMs: number;
  say(line: string): void;
  exit?(code: number): never;
}

/**
 * A process's resources and the order they close in. Signal handlers are installed first, before
 * anything starts, so a Ctrl-C during boot still closes what was created. Resources are registered
 * as they are created and closed last-created first: HTTP (and its live streams), then the app's
 * consumers and queues, then the pool, then the embedded database. A stop is idempotent; a second
 * signal does not restart it.
 */
export class Lifecycle {
  private readonly closers: { name: string; close: () => Promise<void> }[] = [];
  private booting: Promise<unknown> = Promise.resolve();
  private stopping: Promise<void> | null = null;
  private readonly exit: (code: number) => never;

  constructor(private readonly options: LifecycleOptions) {
    this.exit = options.exit ?? ((code) => process.exit(code));
  }

  /** Installs SIGINT/SIGTERM handlers that stop, close everything and exit 0. */
  installSignalHandlers(): this {
    for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => void this.stop(signal));
    return this;
  }

  get stopRequested(): boolean {
    return this.stopping !== null;
  }

  /**
   * Creates a resource and registers how it closes. Throws StopRequested when a stop came in
   * meanwhile: the caller stops booting, and the stop closes this resource with the others.
   */
  async start<T>(name: string, create: () => Promise<T>, close: (resource: T) => Promise<void>): Promise<T> {
    if (this.stopping) throw new StopRequested();
    const created = create().then((resource) => {
      this.closers.push({ name, close: () => close(resource) });
      return resource;
    });
    this.booting = created.catch(() => undefined);
    const resource = await created;
    if (this.stopping) throw new StopRequested();
    return resource;
  }

  /** Closes everything registered (waiting for a resource being created) and exits: 0, or 1 when a close failed. */
  stop(reason: string, exitCode = 0): Promise<void> {
    this.stopping ??= (async () => {
      // A failed start has said why already; a signal is worth a line.
      if (reason.startsWith('SIG')) this.options.say(`${reason} received, shutting down`);
      const deadline = setTimeout(() => {
        process.stderr.write(`shutdown took longer than ${this.options.deadlineMs / 1000} s; exiting\n`);
        this.exit(1);
      }, this.options.deadlineMs);
      deadline.unref();
      await this.booting;
      let code = exitCode;
      for (const { name, close } of this.closers.reverse()) {
        try {
          await close();
        } catch (error) {
          process.stderr.write(`closing ${name} failed: ${error instanceof Error ? error.message : String(error)}\n`);
          code = 1;
        }
      }
      clearTimeout(deadline);
      this.exit(code);
    })();
    return this.stopping;
  }
}
