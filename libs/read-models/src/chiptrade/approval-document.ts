import { storedOrder } from '../http/json-text.js';
import { presentedJson } from '../http/resource.js';
import type { ApprovalRow } from './approval-rows.js';

/** A stored approval's document, split where the company's name goes: the name is another read model's and is joined at read time. */
export interface ApprovalDocument {
  doc_head: string;
  doc_tail: string;
}

const NAME_SLOT = ',"company_name":null,';

/**
 * What GET /v1/chip-approvals sends for an approval (as its jsonb columns read back), but for the
 * company's name: the text before it and after it. Inside a JSON string every quote is escaped, so
 * the first NAME_SLOT is the field's own.
 */
export function approvalDocument(row: ApprovalRow): ApprovalDocument {
  const stored = (value: unknown) => storedOrder(value ?? null);
  const text = presentedJson({
    chiptrade: row.subject,
    side: row.side,
    company: row.company,
    company_name: null,
    status: row.status,
    kind: row.kind,
    products: stored(row.products),
    authority: stored(row.authority),
    quantity: row.quantity,
    conditions: stored(row.conditions),
    occurred_on: stored(row.occurred_on),
    confidence: row.confidence,
    attribution: stored(row.source?.attribution),
    source: stored(row.source),
    event_id: row.event_id,
  });
  const slot = text.indexOf(NAME_SLOT);
  return { doc_head: text.slice(0, slot), doc_tail: text.slice(slot + NAME_SLOT.length) };
}

/** The approval's document with the company's name in its place. */
export function namedApprovalDocument({ doc_head, doc_tail }: ApprovalDocument, companyName: string | null): string {
  return `${doc_head},"company_name":${JSON.stringify(companyName)},${doc_tail}`;
}
