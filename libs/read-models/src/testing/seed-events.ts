import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseProposal, type NewEvent } from '@newsledger/domain';
import { PROJECT_ROOT } from '@newsledger/platform';

/** The seed fixture's lines: POST /v1/events bodies. */
export function seedProposals(): Record<string, unknown>[] {
  const lines = readFileSync(path.join(PROJECT_ROOT, 'data/seed-article.jsonl'), 'utf8').split('\n').filter((l) => l.trim());
  return lines.map((line) => JSON.parse(line) as Record<string, unknown>);
}

/** The seed fixture's events, normalised as ingest would (company refs found in `data` join `companies`). */
export function seedEvents(): NewEvent[] {
  return seedProposals().map((proposal, index) => normalised(proposal, `seed line ${index + 1}`));
}

/** A proposal as ingest stores it: validated, company refs gathered, defaults filled in. */
export function normalised(proposal: unknown, where: string): NewEvent {
  const result = parseProposal(proposal, () => {
    throw new Error(`${where} has no event_id`);
  });
  if (!result.ok) throw new Error(`${where} is invalid: ${JSON.stringify(result.errors)}`);
  return result.event;
}

/** A meta-event (correction, retraction, corroboration) on `subject`, sourced like the seed's own events. */
export function metaEvent(subject: string, type: string, data: Record<string, unknown>): NewEvent {
  const [first] = seedEvents();
  return { ...first, event_id: randomUUID(), type, subject, data, occurred_on: null, occurred_precision: 'unknown', companies: [], regions: [] };
}
