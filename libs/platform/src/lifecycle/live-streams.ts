import { Injectable } from '@nestjs/common';

/**
 * Long-lived responses the HTTP server no longer manages (hijacked SSE streams). Shutdown ends them
 * first: left open, each would hold the server's close until the deadline.
 */
@Injectable()
export class LiveStreams {
  private readonly open = new Set<() => void>();

  /** Registers a stream's close; returns the function that unregisters it (call it when the stream ends). */
  track(close: () => void): () => void {
    this.open.add(close);
    return () => this.open.delete(close);
  }

  get size(): number {
    return this.open.size;
  }

  endAll(): void {
    for (const close of [...this.open]) close();
    this.open.clear();
  }
}
