import type { ChipTradeState, StoredEvent } from '@newsledger/domain';
import { corridorProducts, productsIn } from './corridor-products.js';

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
  conditions: unknown[];
  occurred_on: string | null;
  confidence: string;
  event_id: string;
  source: Record<string, unknown> | null;
}

/**
 * The licences and import approvals of a corridor, one row each, with what an analyst asks of them in
 * one request: who (id and name as reported), which products (those its event names, else the
 * corridor's), which authority, how sure (effective confidence) and who said so (the source of the
 * event that set it, with its attribution when relayed).
 */
export function approvalRows(state: ChipTradeState, stream: readonly StoredEvent[]): ApprovalRow[] {
  const events = new Map(stream.map((event) => [event.event_id, event]));
  const corridor = corridorProducts(state);
  const said = (eventId: string) => {
    const event = events.get(eventId);
    const own = event ? productsIn(event.data) : [];
    return { products: own.length > 0 ? own : corridor, source: event?.source ?? null };
  };
  return [
    ...state.export.licences.map((l, seq): ApprovalRow => ({
      subject: state.subject,
      side: 'export',
      seq,
      company: l.licensee?.company_id ?? null,
      name_as_reported: l.licensee?.name_as_reported ?? null,
      status: l.state,
      kind: null,
      authority: state.export.authority,
      quantity: l.quantity,
      conditions: l.conditions,
      occurred_on: l.occurred_on,
      confidence: l.confidence,
      event_id: l.event_id,
      ...said(l.event_id),
    })),
    ...state.import.approvals.map((a, seq): ApprovalRow => ({
      subject: state.subject,
      side: 'import',
      seq,
      company: a.importer.company_id,
      name_as_reported: a.importer.name_as_reported ?? null,
      status: a.state,
      kind: a.approval_kind,
      authority: a.authority,
      quantity: a.quantity,
      conditions: a.conditions,
      occurred_on: a.occurred_on,
      confidence: a.confidence,
      event_id: a.event_id,
      ...said(a.event_id),
    })),
  ];
}
