import { randomUUID } from 'node:crypto';

const source = { source_id: 'src:bench-wire', publisher: 'Bench Wire', genre: 'news', published_at: '2026-02-11', language: 'en', confidence: 'reported' };
let sequence = 0;

/** A fresh envelope on a new subject, alternating a company registration and a signal, as ingest sees them. */
export function newEnvelope(): Record<string, unknown> {
  const n = sequence++;
  const tag = `${process.pid}-${n}-${randomUUID().slice(0, 8)}`;
  if (n % 2 === 0) {
    return {
      event_id: randomUUID(),
      type: 'company.registered',
      subject: `company:bench-${tag}`,
      occurred_on: '2026-02-11',
      occurred_precision: 'day',
      regions: ['CN'],
      data: { display_name: `Bench ${tag}`, aliases: [{ name: `B${n}`, kind: 'brand', lang: null }], headquarters_country: 'CN' },
      source,
    };
  }
  return {
    event_id: randomUUID(),
    type: 'signal.policy_announced',
    subject: `signal:bench-${tag}`,
    occurred_on: '2026-01-01',
    occurred_precision: 'month',
    regions: ['CN'],
    data: { summary_note: 'A plan to put AI in manufacturing', issuer_note: 'the State Council' },
    source,
  };
}
