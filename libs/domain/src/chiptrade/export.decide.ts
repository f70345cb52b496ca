import { assertNever } from '../assert-never.js';
import { RuleViolation } from '../errors.js';
import { typed, type Fact } from '../stream/fact.js';
import { statedEvent, type Provenance } from '../stream/provenance.js';
import type { EXPORT_EVENTS } from './chiptrade.events.js';
import { grantedLicencesNamed } from './chiptrade.match.js';
import type { ExportSide } from './chiptrade.state.js';
import { CHIPTRADE_RULES } from './chiptrade.rules.js';
import { sentenceOf } from '../stream/rule-sentences.js';

const DECIDED = new Set(['granted', 'denied', 'returned']);

/** Throws when `fact` cannot happen to the export side in `side`. */
export function decideExport(side: ExportSide, provenance: Provenance, fact: Fact): void {
  const stater = (path: string) => statedEvent(provenance, `export.${path}`);
  const violation = (
    code: string,
    state: unknown = side.state,
    involved: (string | null)[] = [stater('state')],
    rule = sentenceOf(CHIPTRADE_RULES, code, fact.type),
  ) => new RuleViolation(`chiptrade.${code}`, rule, { side: 'export', state }, [...involved, fact.event_id]);
  const e = typed<typeof EXPORT_EVENTS>(fact);

  if (side.state === 'unrestricted' && e.type !== 'chiptrade.export_licence_required') throw violation('export_unrestricted');

  const applicationId = 'application_id' in e.data ? e.data.application_id : null;
  const application = side.applications.find((a) => a.application_id === applicationId);
  const onApplication = () => {
    if (application && DECIDED.has(application.state))
      throw violation('application_decided', { application_id: application.application_id, state: application.state }, [
        stater(`applications.${application.application_id}`),
      ]);
  };

  switch (e.type) {
    case 'chiptrade.export_licence_required':
      if (side.state === 'licence_required' || side.state === 'licensed') throw violation('requirement_in_place');
      return;
    case 'chiptrade.export_application_filed':
      if (application)
        throw violation('application_exists', { application_id: application.application_id, state: application.state }, [
          stater(`applications.${application.application_id}`),
        ]);
      return;
    case 'chiptrade.export_application_referred':
    case 'chiptrade.export_application_returned':
    case 'chiptrade.export_licence_granted':
    case 'chiptrade.export_licence_denied':
      return onApplication();
    case 'chiptrade.export_licence_revoked':
      if (grantedLicencesNamed(side.licences, e.data).length === 0)
        throw violation(
          'no_licence',
          side.state,
          side.licences.map((_, i) => stater(`licences.${i}`)),
        );
      return;
    case 'chiptrade.export_requirement_amended':
    case 'chiptrade.export_review_policy_changed':
    case 'chiptrade.export_authorization_announced':
    case 'chiptrade.export_requirement_lifted':
      return;
    default:
      return assertNever(e);
  }
}
