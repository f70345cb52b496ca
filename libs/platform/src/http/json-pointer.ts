/** RFC 6901 pointer of a path of keys, `/` for the document itself: `['data', 'a/b']` → `/data/a~1b`. */
export function jsonPointer(path: readonly PropertyKey[]): string {
  if (path.length === 0) return '/';
  return path.map((key) => `/${String(key).replaceAll('~', '~0').replaceAll('/', '~1')}`).join('');
}
