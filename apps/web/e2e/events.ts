import { randomBytes } from 'node:crypto';

/** A source block as a test writes it: a named wire report. */
export const TEST_SOURCE = {
  source_id: 'src:browser-tests',
  publisher: 'Browser Test Wire',
  author: 'Ada Tester',
  genre: 'news',
  published_at: '2026-02-12',
  language: 'de',
  translation: { is_translation: true, original_language: 'en' },
  attribution: { relayed_from: 'Reuters', basis: 'anonymous_sources' },
  url: 'https://example.com/browser-test',
  confidence: 'reported',
} as const;

/** The POST /v1/events body registering a company no other test uses. */
export function newCompany(name: string) {
  const slug = `${name.toLowerCase().replace(/[^a-z0-9]+/g, '-')}-${randomBytes(3).toString('hex')}`;
  return {
    slug,
    body: {
      type: 'company.registered',
      subject: `company:${slug}`,
      expected_version: 0,
      occurred_on: '2026-02-12',
      occurred_precision: 'day',
      regions: ['DE'],
      data: { display_name: name, headquarters_country: 'DE', aliases: [{ name: `${name} GmbH`, kind: 'legal', lang: 'de' }] },
      source: TEST_SOURCE,
    },
  };
}

export interface Appended {
  event_id: string;
  subject: string;
  version: number;
  global_position: number;
  recorded_at: string;
}
