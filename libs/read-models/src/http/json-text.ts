import { encodeCursor, PAGE_BYTES } from '@newsledger/platform';
import { compressed, type ContentCoding } from './compressed-body.js';

/**
 * A response body already serialised, as UTF-8 bytes: PresentationInterceptor sends it as it is,
 * without parsing, walking or serialising it again. Lists are assembled from documents stored at
 * projection time.
 */
export class JsonText {
  private readonly codings = new Map<ContentCoding, Promise<Buffer>>();
  private encodedBytes = 0;
  private grown: ((bytes: number) => void) | undefined;

  constructor(readonly bytes: Buffer) {}

  /** What the body holds in memory: its bytes and the compressed copies made of them so far. */
  get weight(): number {
    return this.bytes.length + this.encodedBytes;
  }

  /**
   * Has `listener` told the size of each compressed copy made from now on (none: stop telling): a
   * cache weighing what it keeps learns of the copies made after it took the body.
   */
  onGrowth(listener: ((bytes: number) => void) | undefined): void {
    this.grown = listener;
  }

  /** The bytes compressed in `coding`, once per body: a kept list page is one JsonText for all its readers. */
  encoded(coding: ContentCoding): Promise<Buffer> {
    let encoded = this.codings.get(coding);
    if (!encoded) {
      encoded = compressed(this.bytes, coding).then((copy) => {
        this.encodedBytes += copy.length;
        this.grown?.(copy.length);
        return copy;
      });
      this.codings.set(coding, encoded);
    }
    return encoded;
  }
}

/**
 * A JSON value as it comes back from a jsonb column: object keys in jsonb's order (shorter first,
 * then by their bytes). A document stored at projection time must have the bytes the same value had
 * when it was read back from the folded `state` and serialised.
 */
export function storedOrder(value: unknown): unknown {
  return ordered(value, new Map());
}

/**
 * storedOrder, each object or array met again (by reference) given the copy made the first time: a
 * folded state shares one object between the paths its events credit (provenance), most of its size.
 */
function ordered(value: unknown, copies: Map<object, unknown>): unknown {
  if (value === null || typeof value !== 'object') return value;
  let copy = copies.get(value);
  if (copy !== undefined) return copy;
  if (Array.isArray(value)) copy = value.map((item) => ordered(item, copies));
  else {
    const fields = value as Record<string, unknown>;
    const object: Record<string, unknown> = {};
    for (const key of sortedAsJsonb(Object.keys(fields).filter((key) => fields[key] !== undefined)))
      object[key] = ordered(fields[key], copies);
    copy = object;
  }
  copies.set(value, copy);
  return copy;
}

// Printable ASCII: a key with anything else (control characters too) takes the byte-counting comparison.
const NOT_PRINTABLE_ASCII = /[^ -~]/;

function sortedAsJsonb(keys: string[]): string[] {
  // ASCII keys (nearly all) have as many bytes as code units and compare by code unit as by byte:
  // no bytes counted per comparison, for every object of every document a projection stores.
  return keys.sort(keys.some((key) => NOT_PRINTABLE_ASCII.test(key)) ? jsonbKeyOrder : asciiKeyOrder);
}

function asciiKeyOrder(a: string, b: string): number {
  return a.length - b.length || (a < b ? -1 : a > b ? 1 : 0);
}

function jsonbKeyOrder(a: string, b: string): number {
  const bytes = Buffer.byteLength(a) - Buffer.byteLength(b);
  if (bytes !== 0 || a === b) return bytes;
  return Buffer.compare(Buffer.from(a), Buffer.from(b));
}

const OPEN = Buffer.from('{"data":[');
const COMMA = Buffer.from(',');

/**
 * A page of stored documents in the shape of `toPage` ({data, next_cursor}), fetched with `limit + 1`
 * rows and bounded by count and by PAGE_BYTES as fitPage bounds it (here the bytes sent are counted).
 * Each document is encoded on its own and the page is joined as bytes: a page joined as one string
 * is a string of 100 KB and more, which V8 allocates apart from its heap and then encodes again on
 * the socket, and that cost several times the bytes' own sending (bench queries case).
 */
export function documentPage<R>(rows: R[], limit: number, documentOf: (row: R) => string, keyOf: (row: R) => unknown): JsonText {
  const parts: Buffer[] = [OPEN];
  let bytes = 0;
  let count = 0;
  for (const row of rows.slice(0, limit)) {
    const doc = Buffer.from(documentOf(row));
    if (count > 0) parts.push(COMMA);
    parts.push(doc);
    count += 1;
    bytes += doc.length;
    if (bytes >= PAGE_BYTES) break;
  }
  const cursor = rows.length > count ? encodeCursor(keyOf(rows[count - 1])) : null;
  parts.push(Buffer.from(`],"next_cursor":${JSON.stringify(cursor)}}`));
  return new JsonText(Buffer.concat(parts));
}
