import fc from 'fast-check';
import { CONFIDENCE_ORDER, type Confidence } from '../confidence.js';
import type { NewEvent } from '../envelope/envelope.types.js';
import { event } from './events.js';

// Valid histories per aggregate for property tests: every fact dated on its own day, in an order the
// rules accept, each with a random source confidence; corroborations added at the end.

type Step = { type: string; data: Record<string, unknown> };

const confidence = fc.constantFrom(...CONFIDENCE_ORDER);
const ref = (slug: string) => ({ company_id: `company:${slug}`, name_as_reported: slug });

/** Merges lists keeping each one's order; `picks` decides which list goes next. */
function interleave<T>(lists: T[][], picks: number[]): T[] {
  const queues = lists.map((l) => [...l]);
  const out: T[] = [];
  let p = 0;
  for (let left = queues.filter((q) => q.length > 0); left.length > 0; left = queues.filter((q) => q.length > 0))
    out.push(left[(picks[p++ % Math.max(picks.length, 1)] ?? 0) % left.length].shift()!);
  return out;
}

function dated(subject: string, steps: Step[], confidences: Confidence[], corroborations: [number, Confidence][]): NewEvent[] {
  const facts = steps.map((s, i) =>
    event(s.type, subject, s.data, {
      on: new Date(Date.UTC(2024, 0, 1 + 3 * i)).toISOString().slice(0, 10),
      id: `e${i}`,
      confidence: confidences[i % confidences.length],
    }),
  );
  const metas = corroborations
    .filter(([target]) => target < facts.length)
    .map(([target, resulting_confidence], j) =>
      event(
        'fact.corroborated',
        subject,
        { target_event_id: `e${target}`, resulting_confidence },
        { id: `m${j}`, source: { source_id: `src:m${j}` } },
      ),
    );
  return [...facts, ...metas];
}

const common = {
  confidences: fc.array(confidence, { minLength: 1, maxLength: 5 }),
  corroborations: fc.array(fc.tuple(fc.nat(20), confidence), { maxLength: 3 }),
};

export const listingHistory = fc
  .record({
    stages: fc.subarray(['plan_reported', 'filed', 'terms_set', 'priced', 'trading_started'], { minLength: 1 }),
    postpone: fc.boolean(),
    moves: fc.nat(3),
    delist: fc.boolean(),
    ...common,
  })
  .map(({ stages, postpone, moves, delist, confidences, corroborations }) => {
    const steps: Step[] = stages.flatMap((stage) => {
      const step = {
        type: `listing.${stage}`,
        data:
          stage === 'trading_started'
            ? { venue: { mic: 'XHKG' } }
            : stage === 'plan_reported' || stage === 'filed'
              ? { company: ref('zhipu') }
              : {},
      };
      return stage === 'filed' && postpone
        ? [step, { type: 'listing.postponed', data: {} }, { type: 'listing.resumed', data: {} }]
        : [step];
    });
    if (stages.includes('trading_started')) {
      for (let i = 0; i < moves; i++)
        steps.push({ type: 'listing.price_move_reported', data: { direction: i % 2 ? 'down' : 'up', change_bp: 100 * i } });
      if (delist) steps.push({ type: 'listing.delisted', data: {} });
    }
    return dated('listing:zhipu-xhkg-2026', steps, confidences, corroborations);
  });

const reviewSteps = fc.record({
  phases: fc.subarray(['phase_1', 'phase_2', 'phase_3']),
  suspend: fc.boolean(),
  outcome: fc.constantFrom(null, 'cleared', 'cleared_with_conditions'),
});

export const acquisitionHistory = fc
  .record({
    reviews: fc.array(reviewSteps, { maxLength: 3 }),
    picks: fc.array(fc.nat(), { maxLength: 20 }),
    amend: fc.boolean(),
    end: fc.constantFrom(null, 'completed', 'terminated'),
    ...common,
  })
  .map(({ reviews, picks, amend, end, confidences, corroborations }) => {
    const perReview = reviews.map(({ phases, suspend, outcome }, r): Step[] => {
      const id = { review_id: `rv-${r}` };
      return [
        { type: 'acquisition.review_opened', data: { ...id, jurisdiction: ['GB', 'EU', 'CN'][r] } },
        ...phases.map((to_phase) => ({ type: 'acquisition.review_phase_changed', data: { ...id, to_phase } })),
        ...(suspend
          ? [
              { type: 'acquisition.review_suspended', data: id },
              { type: 'acquisition.review_resumed', data: id },
            ]
          : []),
        ...(outcome ? [{ type: 'acquisition.review_decided', data: { ...id, outcome } }] : []),
      ];
    });
    const terms: Step[][] = amend
      ? [[{ type: 'acquisition.terms_amended', data: { terms_version: 2, changes: { stake_bp: 10_000 } } }]]
      : [];
    const steps: Step[] = [
      { type: 'acquisition.announced', data: { acquirer: ref('meta'), target: ref('manus') } },
      ...interleave([...perReview, ...terms], picks),
    ];
    const allDecided = reviews.every((r) => r.outcome !== null);
    if (end === 'terminated' || (end === 'completed' && allDecided))
      steps.push({ type: `acquisition.${end}`, data: end === 'terminated' ? { reason: 'mutual' } : {} });
    return dated('acquisition:meta-manus-2025', steps, confidences, corroborations);
  });

export const chipTradeHistory = fc
  .record({
    applications: fc.array(
      fc.record({ refer: fc.boolean(), outcome: fc.constantFrom('granted', 'denied', 'returned', null), revoke: fc.boolean() }),
      { maxLength: 3 },
    ),
    importers: fc.array(fc.record({ denied: fc.boolean(), final: fc.boolean() }), { maxLength: 4 }),
    restriction: fc.boolean(),
    status: fc.boolean(),
    picks: fc.array(fc.nat(), { maxLength: 30 }),
    ...common,
  })
  .map(({ applications, importers, restriction, status, picks, confidences, corroborations }) => {
    const exp = (type: string, data: Record<string, unknown> = {}) => ({
      type: `chiptrade.export_${type}`,
      data: { side: 'export', ...data },
    });
    const imp = (type: string, data: Record<string, unknown>) => ({ type: `chiptrade.import_${type}`, data: { side: 'import', ...data } });
    const exportSide: Step[] = [exp('licence_required', { authority: { code: 'US-BIS' } })];
    applications.forEach(({ refer, outcome, revoke }, a) => {
      const application_id = `app-${a}`;
      exportSide.push(exp('application_filed', { application_id }));
      if (refer) exportSide.push(exp('application_referred', { application_id }));
      if (outcome === 'returned') exportSide.push(exp('application_returned', { application_id }));
      else if (outcome) exportSide.push(exp(`licence_${outcome}`, { application_id, licensee: ref('nvidia') }));
      if (outcome === 'granted' && revoke) exportSide.push(exp('licence_revoked', { application_id }));
    });
    const perImporter = importers.map(({ denied, final }, i) => {
      const importer = ref(['deepseek', 'alibaba', 'bytedance', 'tencent'][i]);
      const first = imp(denied ? 'approval_denied' : 'approval_granted', { importer, approval_kind: 'conditional' });
      return denied || !final ? [first] : [first, imp('approval_granted', { importer, approval_kind: 'final' })];
    });
    const authority = { code: 'CN-CAC' };
    const restrictions = restriction
      ? [
          [
            imp('restriction_signalled', { authority, measure: 'purchase_guidance' }),
            imp('restriction_lifted', { authority, measure: 'purchase_guidance' }),
          ],
        ]
      : [];
    const statuses = status ? [[imp('status_reported', { status: 'not_officially_approved' })]] : [];
    const steps = interleave([exportSide, ...perImporter, ...restrictions, ...statuses], picks);
    return dated('chiptrade:nvidia-h200-us-cn', steps, confidences, corroborations);
  });

export const ruleHistory = fc
  .record({ amendments: fc.nat(3), rescind: fc.boolean(), ...common })
  .map(({ amendments, rescind, confidences, corroborations }) => {
    const steps: Step[] = [
      { type: 'rule.issued', data: { authority: { code: 'US-BIS' }, title: 'Advanced computing' } },
      ...Array.from({ length: amendments }, (_, i) => ({ type: 'rule.amended', data: { summary: `amendment ${i}` } })),
      ...(rescind ? [{ type: 'rule.rescinded', data: {} }] : []),
    ];
    return dated('rule:us-bis-2023-10-17-ac', steps, confidences, corroborations);
  });

export const signalHistory = fc
  .record({
    facts: fc.array(fc.constantFrom('signal.company_metric_reported', 'signal.model_ranking_reported'), { minLength: 1, maxLength: 6 }),
    ...common,
  })
  .map(({ facts, confidences, corroborations }) =>
    dated(
      'signal:ai-policy',
      facts.map((type, i) => ({ type, data: { metric: `metric ${i}` } })),
      confidences,
      corroborations,
    ),
  );

/** Company facts that commute: a registration, distinct aliases and hires, in recorded (not valid-time) order. */
export const companyHistory = fc
  .record({ aliases: fc.nat(4), hires: fc.nat(3), ...common })
  .map(({ aliases, hires, confidences, corroborations }) => {
    const steps: Step[] = [
      {
        type: 'company.registered',
        data: { display_name: 'Zhipu', headquarters_country: 'CN', aliases: [{ name: 'Z.ai', kind: 'brand' }] },
      },
      ...Array.from({ length: aliases }, (_, i) => ({ type: 'company.alias_added', data: { alias: { name: `Alias ${i}` } } })),
      ...Array.from({ length: hires }, (_, i) => ({
        type: 'company.key_person_hired',
        data: { person: { name: `Person ${i}` }, role: 'researcher' },
      })),
    ];
    return dated('company:zhipu', steps, confidences, corroborations);
  });
