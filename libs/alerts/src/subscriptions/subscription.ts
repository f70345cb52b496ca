import type { Confidence } from '@newsledger/domain';
import type { Criteria } from './criteria.js';

export interface SubscriptionRow {
  id: string;
  url: string;
  description: string | null;
  event_types: string[];
  filter_companies: string[];
  filter_regions: string[];
  filter_jurisdictions: string[];
  min_confidence: Confidence | null;
  status: 'active' | 'disabled';
  disabled_reason: string | null;
  disabled_at: string | null;
  previous_secret_expires_at: string | null;
  created_at: string;
  updated_at: string;
}

/** The columns of SubscriptionRow, for queries that return one. */
export const SUBSCRIPTION_COLUMNS = `id, url, description, event_types, filter_companies, filter_regions, filter_jurisdictions,
  min_confidence, status, disabled_reason, disabled_at, previous_secret_expires_at, created_at, updated_at`;

export function criteriaOf(row: SubscriptionRow): Criteria {
  return {
    event_types: row.event_types,
    companies: row.filter_companies,
    regions: row.filter_regions,
    jurisdictions: row.filter_jurisdictions,
    min_confidence: row.min_confidence,
  };
}

/**
 * The URL as a key that may not manage subscriptions sees it: credentials (`user:pass@`) and the query
 * string (`?token=…`) often carry the receiver's secret, so only the origin and path are shown.
 */
export function withoutSecrets(url: string): string {
  const parsed = new URL(url);
  parsed.username = '';
  parsed.password = '';
  parsed.search = '';
  parsed.hash = '';
  return parsed.toString();
}

/** A subscription as the API shows it; the secret never appears here, nor the URL's own secrets unless `fullUrl`. */
export function subscriptionView(row: SubscriptionRow, { fullUrl = true }: { fullUrl?: boolean } = {}) {
  return {
    id: row.id,
    url: fullUrl ? row.url : withoutSecrets(row.url),
    description: row.description,
    event_types: row.event_types,
    filter: {
      companies: row.filter_companies,
      regions: row.filter_regions,
      jurisdictions: row.filter_jurisdictions,
      min_confidence: row.min_confidence,
    },
    status: row.status,
    disabled_reason: row.disabled_reason,
    disabled_at: row.disabled_at,
    previous_secret_expires_at: row.previous_secret_expires_at,
    created_at: row.created_at,
    updated_at: row.updated_at,
  };
}
