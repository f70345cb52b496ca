import jsonpatch from 'fast-json-patch';
import { z } from 'zod';
import { dataSchemaFor } from '../catalog.js';
import { effectiveConfidence, type Confidence } from '../confidence.js';
import type { StoredEvent } from '../envelope/envelope.types.js';
import { isWarningIssue } from '../envelope/issues.js';
import { validTimeErrors } from '../envelope/valid-time.rule.js';
import { isoDate, precision } from '../values/dates.js';
import { MetaTargetInvalid, MetaTargetNotFound, RuleViolation } from '../errors.js';
import type { Fact } from '../stream/fact.js';
import { isMetaType, type MetaData } from './meta.events.js';

export interface ResolvedMeta {
  /** Counted (non-meta, not retracted) events with corrections applied, in no particular order. */
  facts: Omit<Fact, 'details'>[];
  /** Corrections and corroborations that apply to a counted fact. */
  applied: StoredEvent[];
  retracted_event_ids: string[];
}

/** A problem the stream's meta-events have; checkAppend throws it, folding skips the meta-event. */
export type MetaProblem = MetaTargetNotFound | RuleViolation;

const patchedTime = z.object({ occurred_on: isoDate.nullable(), occurred_precision: precision });

function targetOf(event: StoredEvent): string {
  return (event.data as MetaData['fact.retracted']).target_event_id;
}

function correctionProblem(target: StoredEvent, correction: StoredEvent, why: string): RuleViolation {
  return new RuleViolation(
    'fact.correction_invalid',
    `A correction must apply cleanly to its target and leave a valid event: ${why}`,
    { target_event_id: target.event_id, type: target.type },
    [target.event_id, correction.event_id],
  );
}

function patched(target: StoredEvent, correction: StoredEvent): StoredEvent | string {
  const { patch } = correction.data as MetaData['fact.corrected'];
  const document = { occurred_on: target.occurred_on, occurred_precision: target.occurred_precision, data: target.data };
  let next: typeof document;
  try {
    next = jsonpatch.applyPatch(document, patch as jsonpatch.Operation[], true, false).newDocument;
  } catch (error) {
    return error instanceof Error ? error.message.split('\n')[0] : 'the patch does not apply';
  }
  const time = patchedTime.safeParse(next);
  if (!time.success) return 'occurred_on/occurred_precision are malformed';
  const timeErrors = validTimeErrors(time.data.occurred_on, time.data.occurred_precision, false);
  if (timeErrors.length > 0) return timeErrors[0].message;
  const data = dataSchemaFor(target.type)?.safeParse(next.data);
  const broken = data?.success === false ? data.error.issues.find((i) => !isWarningIssue(i)) : undefined;
  if (broken) return `/data/${broken.path.join('/')}: ${broken.message}`;
  return { ...target, ...time.data, data: next.data };
}

/**
 * Applies the stream's meta-events (DOMAIN.md "Meta-events"): retractions first (a retracted
 * retraction no longer counts), then corrections in recorded order, then corroborations.
 * Problems go to `onProblem`, which may throw; a problematic meta-event is otherwise ignored.
 */
export function resolveMeta(events: readonly StoredEvent[], onProblem: (problem: MetaProblem) => void): ResolvedMeta {
  const recorded = [...events].sort((a, b) => a.version - b.version || a.event_id.localeCompare(b.event_id));
  const byId = new Map(recorded.map((e) => [e.event_id, e]));

  const usable = recorded.filter((meta) => {
    if (!isMetaType(meta.type)) return false;
    const target = byId.get(targetOf(meta));
    if (target === undefined || target.version >= meta.version) {
      onProblem(new MetaTargetNotFound(meta.event_id, targetOf(meta)));
      return false;
    }
    if (meta.type !== 'fact.retracted' && isMetaType(target.type)) {
      onProblem(new MetaTargetInvalid(meta.event_id, target.event_id, `${meta.type} applies to facts, not to ${target.type}`));
      return false;
    }
    return true;
  });

  const retracted = new Set<string>();
  for (const meta of [...usable].reverse())
    if (meta.type === 'fact.retracted' && !retracted.has(meta.event_id)) retracted.add(targetOf(meta));
  const counts = (e: StoredEvent) => !retracted.has(e.event_id);

  const current = new Map(recorded.filter((e) => !isMetaType(e.type) && counts(e)).map((e) => [e.event_id, e]));
  const corroborations = new Map<string, { event_id: string; confidence: Confidence }[]>();
  const corrections = new Map<string, Fact['corrected_by']>();
  const applied: StoredEvent[] = [];
  for (const meta of usable.filter(counts)) {
    const target = current.get(targetOf(meta));
    if (target === undefined) continue;
    if (meta.type === 'fact.corrected') {
      const result = patched(target, meta);
      if (typeof result === 'string') {
        onProblem(correctionProblem(target, meta, result));
        continue;
      }
      current.set(target.event_id, result);
      const { kind } = meta.data as MetaData['fact.corrected'];
      corrections.set(target.event_id, [...(corrections.get(target.event_id) ?? []), { event_id: meta.event_id, kind }]);
    } else if (meta.type === 'fact.corroborated') {
      const { resulting_confidence } = meta.data as MetaData['fact.corroborated'];
      const backing = { event_id: meta.event_id, confidence: resulting_confidence };
      corroborations.set(target.event_id, [...(corroborations.get(target.event_id) ?? []), backing]);
    }
    if (meta.type !== 'fact.retracted') applied.push(meta);
  }

  const facts = [...current.values()].map((e) => {
    const backing = corroborations.get(e.event_id) ?? [];
    return {
      ...e,
      confidence: effectiveConfidence(
        e.source.confidence,
        backing.map((b) => b.confidence),
      ),
      corrected_by: corrections.get(e.event_id) ?? [],
      corroborated_by: backing.map((b) => b.event_id),
    };
  });
  return { facts, applied, retracted_event_ids: [...retracted].sort() };
}
