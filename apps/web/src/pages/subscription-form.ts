/** Comma- or space-separated words of a form field, without blanks. */
export function words(text: string): string[] {
  return text
    .split(/[\s,]+/)
    .map((word) => word.trim())
    .filter(Boolean);
}

export interface SubscriptionDraft {
  url: string;
  description: string;
  event_types: string;
  companies: string;
  regions: string;
  jurisdictions: string;
  min_confidence: string;
}

export const EMPTY_DRAFT: SubscriptionDraft = {
  url: '',
  description: '',
  event_types: '*',
  companies: '',
  regions: '',
  jurisdictions: '',
  min_confidence: '',
};

/** The body of POST /v1/subscriptions. */
export function subscriptionBody(draft: SubscriptionDraft) {
  return {
    url: draft.url.trim(),
    description: draft.description.trim() || null,
    event_types: words(draft.event_types),
    filter: {
      companies: words(draft.companies),
      regions: words(draft.regions).map((code) => code.toUpperCase()),
      jurisdictions: words(draft.jurisdictions).map((code) => code.toUpperCase()),
      min_confidence: draft.min_confidence || null,
    },
  };
}
