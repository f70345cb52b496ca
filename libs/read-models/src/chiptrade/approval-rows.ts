import { companyIdOf, statedEvent, type ChipTradeState, type CompanyRef, type Dated, type StoredEvent } from '@newsledger/domain';
import { productsIn, statedProducts } from './corridor-products.js';

/** One export licence or import approval, as rm_chip_approvals stores it. */
export interface ApprovalRow {
  subject: string;
  side: 'export' | 'import';
  seq: number;
  company: string | null;
  name_as_reported: string | null;
  status: string;
  kind: string | null;
  authority: unknown;
  products: unknown[];
  quantity: number | null;
  conditions: unknown;
  occurred_on: Dated | null;
  confidence: string;
  event_id: string | null;
  source: Record<string, unknown> | null;
}

const nameOf = (ref: CompanyRef | null) => (typeof ref === 'string' ? ref : (ref?.name_as_reported ?? null));

/**
 * The licences and import approvals of a corridor, one row each, with what an analyst asks of them in
 * one request: who (id and name as reported), which products (its own, else the corridor's), which
 * authority, how sure (effective confidence) and who said so (the source of the event that set it,
 * whose attribution says whom an outlet relayed).
 */
export function approvalRows(state: ChipTradeState, stream: readonly StoredEvent[]): ApprovalRow[] {
  const sources = new Map(stream.map((event) => [event.event_id, event.source]));
  const corridor = statedProducts(state);
  // Its own products (named fields or details), else those of its corridor.
  const productsOf = (entry: object) => {
    const own = productsIn(entry);
    return own.length > 0 ? own : corridor;
  };
  const statedBy = (path: string) => {
    const eventId = statedEvent(state.provenance, path);
    return { event_id: eventId, source: (eventId && sources.get(eventId)) || null };
  };
  return [
    ...state.export.licences.map((l, seq): ApprovalRow => ({
      subject: state.subject,
      side: 'export',
      seq,
      company: companyIdOf(l.licensee),
      name_as_reported: nameOf(l.licensee),
      status: l.state,
      kind: null,
      authority: l.authority ?? state.export.authority,
      products: productsOf(l),
      quantity: l.quantity,
      conditions: l.conditions,
      occurred_on: l.occurred_on,
      confidence: l.confidence,
      ...statedBy(`export.licences.${seq}`),
    })),
    ...state.import.approvals.map((a, seq): ApprovalRow => ({
      subject: state.subject,
      side: 'import',
      seq,
      company: companyIdOf(a.importer),
      name_as_reported: nameOf(a.importer),
      status: a.state,
      kind: a.approval_kind,
      authority: a.authority,
      products: productsOf(a),
      quantity: a.quantity,
      conditions: a.conditions,
      occurred_on: a.occurred_on,
      confidence: a.confidence,
      ...statedBy(`import.approvals.${seq}`),
    })),
  ];
}
