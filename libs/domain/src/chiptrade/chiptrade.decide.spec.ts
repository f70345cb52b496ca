import { describe, it } from '@jest/globals';
import { RuleViolation } from '../errors.js';
import { event, type EventOptions } from '../testing/events.js';
import { given } from '../testing/given.js';

const C = 'chiptrade:nvidia-h200-us-cn';
const bis = { code: 'US-BIS', name_as_reported: 'Bureau of Industry and Security' };
const samr = { code: 'CN-SAMR', name_as_reported: 'SAMR' };
const ref = (slug: string) => ({ company_id: `company:${slug}`, name_as_reported: slug });
type Data = Record<string, unknown>;
const exp = (type: string, data: Data, o?: EventOptions) => event(`chiptrade.export_${type}`, C, { side: 'export', ...data }, o);
const imp = (type: string, data: Data, o?: EventOptions) => event(`chiptrade.import_${type}`, C, { side: 'import', ...data }, o);

const required = (o?: EventOptions) => exp('licence_required', { authority: bis, review_policy: 'presumption_of_denial' }, o);
const lifted = (o?: EventOptions) => exp('requirement_lifted', { reason: 'rule rescinded' }, o);
const granted = (application_id: string, o?: EventOptions) =>
  exp('licence_granted', { application_id, licensee: ref('nvidia') }, { id: `granted:${application_id}`, ...o });
const revoked = (data: Data, o?: EventOptions) => exp('licence_revoked', data, o);
const approval = (slug: string, approval_kind: string, o?: EventOptions) =>
  imp('approval_granted', { importer: ref(slug), approval_kind }, { id: `approval:${slug}:${approval_kind}`, ...o });

describe('chip trade, export side', () => {
  it('reads an export event on an unknown side as implying a licence requirement', () => {
    given()
      .when(exp('authorization_announced', { announced_by: { code: 'US-PRESIDENT' } }))
      .then({ export: { state: 'licence_required', authorization_announced: true } });
    given()
      .when(exp('review_policy_changed', { to_policy: 'case_by_case' }, { on: '2025-12-08' }))
      .then({ export: { state: 'licence_required', review_policy: 'case_by_case' } });
  });

  it('rejects imposing a requirement already in place', () => {
    given(required({ on: '2023-10-17' }))
      .when(required({ on: '2025-01-13', id: 'again' }))
      .thenThrows(RuleViolation, {
        code: 'chiptrade.requirement_in_place',
        state: { side: 'export', state: 'licence_required' },
        events: ['export_licence_required', 'again'],
      });
    given(required({ on: '2023-10-17' }))
      .when(exp('requirement_amended', { changes: { products: ['H20', 'H200'] } }, { on: '2025-04-01' }))
      .then({ export: { products: ['H20', 'H200'] } });
  });

  it('rejects licence and policy events while unrestricted; a new requirement may be imposed', () => {
    for (const proposal of [
      granted('app-1', { on: '2025-06-01' }),
      exp('review_policy_changed', { to_policy: 'case_by_case' }, { on: '2025-06-01' }),
      exp('application_filed', { application_id: 'app-2' }, { on: '2025-06-01' }),
      lifted({ on: '2025-06-01', id: 'lifted-again' }),
    ])
      given(required({ on: '2023-10-17' }), lifted({ on: '2025-05-01' }))
        .when(proposal)
        .thenThrows(RuleViolation, { code: 'chiptrade.export_unrestricted', state: { side: 'export', state: 'unrestricted' } });
    given(required({ on: '2023-10-17' }), lifted({ on: '2025-05-01' }))
      .when(required({ on: '2025-09-01', id: 'anew' }))
      .then({ export: { state: 'licence_required' } });
  });

  it('moves through applications and licences; a revocation returns to licence_required', () => {
    const filed = exp('application_filed', { application_id: 'app-1', applicant: ref('nvidia') }, { on: '2025-07-01' });
    given(required({ on: '2023-10-17' }), filed, granted('app-1', { on: '2025-08-01' }))
      .when(revoked({ application_id: 'app-1' }, { on: '2025-09-01' }))
      .then({
        export: {
          state: 'licence_required',
          applications: [{ application_id: 'app-1', state: 'granted' }],
          licences: [{ application_id: 'app-1', state: 'revoked', confidence: 'reported' }],
        },
      });
  });

  it('rejects revoking with no licence', () => {
    given(required({ on: '2023-10-17' }))
      .when(revoked({ licensee: ref('amd') }, { on: '2025-09-01' }))
      .thenThrows(RuleViolation, { code: 'chiptrade.no_licence', state: { side: 'export', state: 'licence_required' } });
  });

  it('rejects deciding a decided application', () => {
    given(required({ on: '2023-10-17' }), granted('app-1', { on: '2025-08-01' }))
      .when(exp('licence_denied', { application_id: 'app-1' }, { on: '2025-08-02' }))
      .thenThrows(RuleViolation, {
        code: 'chiptrade.application_decided',
        state: { side: 'export', state: { application_id: 'app-1', state: 'granted' } },
        events: ['granted:app-1', 'export_licence_denied'],
      });
  });
});

describe('chip trade, import side', () => {
  it('records conditional approvals beside a negative official status', () => {
    given(approval('deepseek', 'conditional', { on: '2026-01', confidence: 'anonymous_sources' }))
      .when(imp('status_reported', { status: 'not_officially_approved' }, { on: '2026-02-11' }))
      .then({
        import: {
          state: 'approved_conditional',
          official_status: 'not_officially_approved',
          approvals: [{ importer: { company_id: 'company:deepseek' }, state: 'approved_conditional', confidence: 'anonymous_sources' }],
        },
      });
  });

  it('lets a conditional approval become final or denied, and refuses any other second approval', () => {
    given(approval('tencent', 'conditional', { on: '2026-01' }))
      .when(approval('tencent', 'final', { on: '2026-03-01' }))
      .then({ import: { state: 'approved', approvals: [{ state: 'approved', approval_kind: 'final' }] } });
    given(approval('tencent', 'conditional', { on: '2026-01' }))
      .when(approval('tencent', 'conditional', { on: '2026-02-01', id: 'second' }))
      .thenThrows(RuleViolation, {
        code: 'chiptrade.importer_already_decided',
        state: { importer: 'company:tencent', state: 'approved_conditional' },
      });
    given(approval('tencent', 'final', { on: '2026-01' }))
      .when(approval('tencent', 'final', { on: '2026-02-01', id: 'second' }))
      .thenThrows(RuleViolation, { code: 'chiptrade.importer_already_decided', events: ['approval:tencent:final', 'second'] });
    given(imp('approval_denied', { importer: ref('tencent') }, { on: '2026-01' }))
      .when(approval('tencent', 'conditional', { on: '2026-02-01' }))
      .thenThrows(RuleViolation, { code: 'chiptrade.importer_already_decided', state: { state: 'denied' } });
  });

  it('lifts only a restriction in force', () => {
    const signalled = imp('restriction_signalled', { authority: samr, measure: 'purchase_guidance' }, { on: '2025-09-17' });
    given(signalled)
      .when(imp('restriction_lifted', { authority: samr, measure: 'purchase_guidance' }, { on: '2025-12-01' }))
      .then({ import: { state: 'no_measure', restrictions: [] } });
    given(signalled)
      .when(imp('restriction_lifted', { authority: samr, measure: 'ban' }, { on: '2025-12-01' }))
      .thenThrows(RuleViolation, { code: 'chiptrade.no_such_restriction', state: { side: 'import', state: 'restricted' } });
    given()
      .when(imp('restriction_lifted', { authority: samr }, { on: '2025-12-01' }))
      .thenThrows(RuleViolation, { code: 'chiptrade.no_such_restriction' });
  });

  it('keeps the two sides independent', () => {
    given(required({ on: '2023-10-17' }), imp('restriction_signalled', { authority: samr, measure: 'ban' }, { on: '2025-09-17' }))
      .when(lifted({ on: '2025-12-08' }))
      .then({ export: { state: 'unrestricted' }, import: { state: 'restricted' } });
  });
});
