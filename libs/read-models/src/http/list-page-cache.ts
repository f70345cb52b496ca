import { JsonText } from './json-text.js';

interface Kept {
  version: string;
  text: JsonText;
}

/**
 * Live list pages, each kept under the version of the read model it was built from (see
 * CheckpointReading): a request that read the same version is answered with the same bytes, and
 * requests asking for the same page at the same version while it is being built wait for that one
 * build instead of querying each. A request reads its version before asking, and the version names
 * the rows exactly, so what it gets is never older than the rows it was entitled to see.
 *
 * A page is kept once per route and query (the newest build replaces it), least recently used first
 * out once the pages weigh more than `maxBytes` (LIST_CACHE_SIZE; each page is at most about 1 MB,
 * PAGE_BYTES). A page weighs its bytes and its compressed copies, which are made after it is kept,
 * when a reader first asks for one. With 0 nothing is kept, and only the builds under way are shared.
 */
export class ListPageCache {
  private readonly kept = new Map<string, Kept>();
  private readonly building = new Map<string, Promise<unknown>>();
  private bytes = 0;

  constructor(private readonly maxBytes: number) {}

  /** The page `page` at `version`: kept, being built, or built now by `build` (kept when it is a JsonText). */
  answer(page: string, version: string, build: () => Promise<unknown>): Promise<unknown> {
    const kept = this.kept.get(page);
    if (kept?.version === version) {
      this.kept.delete(page);
      this.kept.set(page, kept);
      return Promise.resolve(kept.text);
    }
    const key = `${version}\n${page}`;
    const underWay = this.building.get(key);
    if (underWay) return underWay;
    const built = build()
      .then((body) => {
        if (body instanceof JsonText) this.keep(page, { version, text: body });
        return body;
      })
      .finally(() => this.building.delete(key));
    this.building.set(key, built);
    return built;
  }

  private keep(page: string, entry: Kept): void {
    this.forget(page);
    if (entry.text.weight > this.maxBytes) return;
    this.kept.set(page, entry);
    this.bytes += entry.text.weight;
    entry.text.onGrowth((bytes) => {
      this.bytes += bytes;
      this.dropOverweight();
    });
    this.dropOverweight();
  }

  private dropOverweight(): void {
    for (const oldest of this.kept.keys()) {
      if (this.bytes <= this.maxBytes) break;
      this.forget(oldest);
    }
  }

  private forget(page: string): void {
    const kept = this.kept.get(page);
    if (!kept) return;
    this.kept.delete(page);
    kept.text.onGrowth(undefined);
    this.bytes -= kept.text.weight;
  }
}
