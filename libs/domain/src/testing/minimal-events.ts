import { EVENT_TYPES, aggregateOf, type AggregateKind } from '../catalog.js';
import { isMetaType } from '../meta/meta.events.js';

// For every catalog type, the least an event needs to be accepted, and the events its stream needs
// first; property tests add one field at a time to these.

type Data = Record<string, unknown>;
export interface Step {
  type: string;
  data: Data;
}
export interface Minimal {
  data: Data;
  /** The stream's earlier events; `data` is the proposal's, for rules that match on it (a revocation's licensee). */
  before: (data: Data) => Step[];
}

export const SUBJECTS: Record<AggregateKind, string> = {
  company: 'company:zhipu',
  listing: 'listing:zhipu-xhkg-2026',
  acquisition: 'acquisition:meta-manus-2025',
  chiptrade: 'chiptrade:nvidia-h200-us-cn',
  rule: 'rule:us-bis-2025-01-13-ai',
  signal: 'signal:ai-policy',
};

const party = (slug: string) => ({ company_id: `company:${slug}`, name_as_reported: slug });
const review = { review_id: 'rv-1' };
const exp = { side: 'export' };
const imp = { side: 'import' };
const none = () => [];
const after =
  (...steps: Step[]) =>
  () =>
    steps;

const announced: Step = { type: 'acquisition.announced', data: { acquirer: party('meta'), target: party('manus') } };
const reviewStep = (prefix: 'listing' | 'acquisition', name: string, data: Data = {}): Step => ({
  type: `${prefix}.${name}`,
  data: { ...review, ...data },
});

function reviewEvents(prefix: 'listing' | 'acquisition', deal: Step[]): Record<string, Minimal> {
  const opened = reviewStep(prefix, 'review_opened', { jurisdiction: 'GB' });
  const suspended = reviewStep(prefix, 'review_suspended');
  const withReview = (name: string, data: Data, first: Step[] = []): [string, Minimal] => [
    `${prefix}.${name}`,
    { data: { ...review, ...data }, before: after(...deal, ...first) },
  ];
  return Object.fromEntries([
    withReview('review_opened', { jurisdiction: 'GB' }),
    withReview('review_phase_changed', { to_phase: 'phase_2' }, [opened]),
    withReview('review_deadline_extended', { new_deadline: '2026-06-30' }),
    withReview('review_suspended', {}),
    withReview('review_resumed', {}, [opened, suspended]),
    withReview('objections_issued', { kind: 'statement_of_objections' }),
    withReview('remedies_offered', {}),
    withReview('review_decided', { outcome: 'cleared' }),
    withReview('review_closed_without_decision', { reason: 'out of scope' }),
    withReview('review_withdrawn', { reason: 'pull_and_refile' }),
  ]);
}

const granted = (data: Data): Step => ({
  type: 'chiptrade.export_licence_granted',
  data: { ...exp, ...(data.licensee ? { licensee: data.licensee } : {}) },
});
const signalled = (data: Data): Step => ({ type: 'chiptrade.import_restriction_signalled', data: { ...imp, authority: data.authority } });
const postponed: Step = { type: 'listing.postponed', data: {} };
const trading: Step = { type: 'listing.trading_started', data: { venue: { mic: 'XHKG' } } };

export const MINIMAL: Record<string, Minimal> = {
  'company.registered': { data: { display_name: 'Zhipu' }, before: none },
  'company.alias_added': { data: { alias: 'Z.ai' }, before: none },
  'company.alias_retired': { data: { alias: 'Z.ai' }, before: none },
  'company.renamed': { data: { to: 'Z.ai' }, before: none },
  'company.relocated': { data: { to_country: 'SG' }, before: none },
  'company.key_person_hired': { data: { person: 'Someone', role: 'chief scientist' }, before: none },
  'company.duplicate_merged': { data: { surviving_company_id: 'company:other' }, before: none },

  'listing.plan_reported': { data: { company: party('zhipu') }, before: none },
  'listing.filed': { data: { company: party('zhipu') }, before: none },
  'listing.terms_set': { data: {}, before: none },
  'listing.terms_revised': { data: {}, before: none },
  'listing.postponed': { data: {}, before: none },
  'listing.resumed': { data: {}, before: after(postponed) },
  ...reviewEvents('listing', []),
  'listing.priced': { data: {}, before: none },
  'listing.trading_started': { data: { venue: { mic: 'XHKG' } }, before: none },
  'listing.price_move_reported': { data: { direction: 'up' }, before: after(trading) },
  'listing.withdrawn': { data: {}, before: none },
  'listing.delisted': { data: {}, before: after(trading) },

  'acquisition.rumored': { data: { acquirer: party('meta'), target: party('manus') }, before: none },
  'acquisition.announced': { data: { acquirer: party('meta'), target: party('manus') }, before: none },
  'acquisition.terms_amended': { data: { terms_version: 2 }, before: after(announced) },
  'acquisition.expected_close_revised': { data: { revised: '2026-06-30' }, before: after(announced) },
  ...reviewEvents('acquisition', [announced]),
  'acquisition.completed': { data: {}, before: after(announced) },
  'acquisition.terminated': { data: { reason: 'mutual' }, before: after(announced) },

  'chiptrade.export_licence_required': { data: { ...exp, authority: { code: 'US-BIS' } }, before: none },
  'chiptrade.export_requirement_amended': { data: { ...exp, changes: {} }, before: none },
  'chiptrade.export_review_policy_changed': { data: { ...exp, to_policy: 'case_by_case' }, before: none },
  'chiptrade.export_authorization_announced': { data: { ...exp, announced_by: { code: 'US-PRESIDENT' } }, before: none },
  'chiptrade.export_application_filed': { data: { ...exp, application_id: 'app-1' }, before: none },
  'chiptrade.export_application_referred': { data: { ...exp, application_id: 'app-1' }, before: none },
  'chiptrade.export_application_returned': { data: { ...exp, application_id: 'app-1' }, before: none },
  'chiptrade.export_licence_granted': { data: { ...exp }, before: none },
  'chiptrade.export_licence_denied': { data: { ...exp }, before: none },
  'chiptrade.export_licence_revoked': { data: { ...exp }, before: (data) => [granted(data)] },
  'chiptrade.export_requirement_lifted': { data: { ...exp }, before: none },
  'chiptrade.import_restriction_signalled': { data: { ...imp, authority: { code: 'CN-CAC' } }, before: none },
  'chiptrade.import_restriction_lifted': { data: { ...imp, authority: { code: 'CN-CAC' } }, before: (data) => [signalled(data)] },
  'chiptrade.import_approval_granted': { data: { ...imp, importer: party('deepseek') }, before: none },
  'chiptrade.import_approval_denied': { data: { ...imp, importer: party('deepseek') }, before: none },
  'chiptrade.import_status_reported': { data: { ...imp, status: 'unclear' }, before: none },

  'rule.issued': { data: { authority: { code: 'US-BIS' }, title: 'AI diffusion' }, before: none },
  'rule.amended': { data: { summary: 'adds H20' }, before: none },
  'rule.rescinded': { data: {}, before: none },

  'signal.model_release_expected': { data: {}, before: none },
  'signal.model_ranking_reported': { data: {}, before: none },
  'signal.company_metric_reported': { data: {}, before: none },
  'signal.market_share_reported': { data: {}, before: none },
  'signal.policy_announced': { data: {}, before: none },
  'signal.share_price_move_reported': { data: {}, before: none },
};

/** Every fact type of the catalog (meta-events carry no value types). */
export const FACT_TYPES = EVENT_TYPES.filter((type) => !isMetaType(type));

export function subjectOfType(type: string): string {
  const kind = aggregateOf(type);
  if (kind === null) throw new Error(`${type} has no aggregate`);
  return SUBJECTS[kind];
}
