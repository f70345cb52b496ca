/**
 * Retries `probe` until it passes or `timeoutMs` runs out, then throws its last failure. For
 * what becomes true asynchronously, such as the log showing an event once every older transaction
 * in the cluster has ended (its snapshot horizon), without sleeping a fixed time.
 */
export async function eventually<T>(probe: () => Promise<T>, { timeoutMs = 10_000, intervalMs = 25 } = {}): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await probe();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, intervalMs));
    }
  }
}
