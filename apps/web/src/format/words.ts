/** `under_review` → `under review`; `acquisition.review_opened` → `acquisition · review opened`. */
export function humanize(text: string | null | undefined): string {
  if (!text) return '—';
  return text.replace(/\./g, ' · ').replace(/_/g, ' ');
}

/** The slug of a subject (`company:zhipu` → `zhipu`); a bare slug stays as it is. */
export function slugOf(subject: string): string {
  const colon = subject.indexOf(':');
  return colon === -1 ? subject : subject.slice(colon + 1);
}

const PAGES: Record<string, string> = {
  company: '/companies',
  acquisition: '/deals',
  listing: '/listings',
  chiptrade: '/corridors',
  rule: '/rules',
};

/** The workspace page of a subject, or null for kinds without one (signals). */
export function pageOfSubject(subject: string): string | null {
  const [kind, slug] = subject.split(':');
  return slug && PAGES[kind] ? `${PAGES[kind]}/${slug}` : null;
}

export const CONFIDENCE_ORDER = ['rumor', 'anonymous_sources', 'reported', 'confirmed', 'official'] as const;

export function confidenceRank(confidence: unknown): number {
  return CONFIDENCE_ORDER.indexOf(confidence as (typeof CONFIDENCE_ORDER)[number]);
}

/**
 * A field as a short text whatever its shape: strings and numbers as they are, a structured value
 * by its code or name (`{mic, name_as_reported}` → the MIC), anything else as JSON.
 */
export function text(value: unknown, fallback = '—'): string {
  if (value === null || value === undefined || value === '') return fallback;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (typeof value === 'object' && !Array.isArray(value)) {
    const record = value as Record<string, unknown>;
    for (const key of ['mic', 'code', 'name', 'name_as_reported', 'date', 'value']) {
      if (typeof record[key] === 'string' && record[key]) return record[key] as string;
    }
  }
  return JSON.stringify(value);
}
