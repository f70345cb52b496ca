import { validFrom, type ResolvedStream } from '@newsledger/domain';

/** One counted fact of a stream, once per company it names, as the timeline shows it. */
export interface TimelineFact {
  company: string;
  event_id: string;
  subject: string;
  type: string;
  occurred_on: string | null;
  occurred_precision: string;
  recorded_at: string;
  global_position: number;
  data: Record<string, unknown>;
  source: Record<string, unknown>;
  confidence: string;
  /** The day its valid time starts (an undated fact's first report): the timeline's order, newest first. */
  sort_on: string;
}

/** The timeline entries of one resolved stream: its counted facts (corrections applied, effective confidence), one per company named. */
export function timelineFacts({ facts, bookkeeping: { subject } }: ResolvedStream): TimelineFact[] {
  return facts.flatMap((fact) =>
    fact.companies.map((company) => ({
      company,
      event_id: fact.event_id,
      subject,
      type: fact.type,
      occurred_on: fact.occurred_on,
      occurred_precision: fact.occurred_precision,
      recorded_at: fact.recorded_at,
      global_position: fact.global_position,
      data: fact.data,
      source: fact.source,
      confidence: fact.confidence,
      sort_on: new Date(validFrom(fact)).toISOString().slice(0, 10),
    })),
  );
}
