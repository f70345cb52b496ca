import { describe, expect, it } from '@jest/globals';
import { RuleViolation } from '../errors.js';
import { event, type EventOptions } from '../testing/events.js';
import { given } from '../testing/given.js';
import type { ChipTradeState } from './chiptrade.state.js';

// Corridors as real reports give them: products as references or descriptions, agencies in words,
// importers and licensees named without an id, authorities named only as "Chinese authorities".

const C = 'chiptrade:nvidia-a100-us-cn';
type Data = Record<string, unknown>;
const exp = (type: string, data: Data, o?: EventOptions) => event(`chiptrade.export_${type}`, C, { side: 'export', ...data }, o);
const imp = (type: string, data: Data, o?: EventOptions) => event(`chiptrade.import_${type}`, C, { side: 'import', ...data }, o);
const h100 = { product_id: 'product:nvidia-h100', name: 'H100', vendor: { company_id: 'company:nvidia' } };
const chineseAuthorities = { code: null, name_as_reported: 'Chinese authorities' };

describe('chip trade, as reports give it', () => {
  it('keeps a product list mixing references and descriptions, and adds products by a change list', () => {
    const required = exp(
      'licence_required',
      { authority: 'the U.S. government', products: [h100, 'systems incorporating A100'] },
      { on: '2022-08-31' },
    );
    given(required)
      .when(
        exp(
          'requirement_amended',
          {
            changes: [
              { op: 'add', path: '/products/-', value: 'H800' },
              { op: 'replace', path: '/authority', to: { code: 'US-BIS' } },
            ],
          },
          { on: '2023-10-17' },
        ),
      )
      .then({
        export: {
          authority: { code: 'US-BIS' },
          products: [h100, 'systems incorporating A100', 'H800'],
          amendments: [{ not_applied: [] }],
        },
      });
  });

  it('refers an application to agencies named in words, adding to those already named', () => {
    const filed = exp('application_filed', { application_id: 'app-1', referred_to: [{ code: 'US-DOE' }] }, { on: '2025-01-02' });
    given(filed)
      .when(
        exp(
          'application_referred',
          { application_id: 'app-1', referred_to: ['US Department of State', 'US Department of Energy'] },
          { on: '2025-02-01' },
        ),
      )
      .then({
        export: {
          applications: [{ state: 'referred', referred_to: [{ code: 'US-DOE' }, 'US Department of State', 'US Department of Energy'] }],
        },
      });
  });

  it('revokes the licence a revocation names in words; refuses one naming another company', () => {
    const granted = exp(
      'licence_granted',
      { licensee: { company_id: 'company:asml', name_as_reported: 'ASML' }, quantity: null },
      { on: '2023-09' },
    );
    given(granted)
      .when(exp('licence_revoked', { licensee: 'ASML', scope: 'partial' }, { on: '2024-01-01' }))
      .then({
        export: {
          state: 'licence_required',
          licences: [{ state: 'revoked', revocation: { stated: { licensee: 'ASML' }, details: { scope: 'partial' } } }],
        },
      });
    given(granted)
      .when(exp('licence_revoked', { licensee: 'Nikon' }, { on: '2024-01-01' }))
      .thenThrows(RuleViolation, { code: 'chiptrade.no_licence' });
  });

  it('lifts a restriction by "Chinese authorities" only for the same authority, whatever its shape', () => {
    const signalled = imp(
      'restriction_signalled',
      { authority: chineseAuthorities, measure: 'purchase_guidance', products: ['MI308'] },
      { on: '2025-08' },
    );
    given(signalled)
      .when(imp('restriction_lifted', { authority: 'chinese authorities' }, { on: '2025-12-01' }))
      .then({
        import: {
          state: 'no_measure',
          restrictions: [],
          lifted_restrictions: [{ products: ['MI308'], lifting: { stated: { authority: 'chinese authorities' } } }],
        },
      });
    given(signalled)
      .when(imp('restriction_lifted', { authority: { code: 'CN-CAC' } }, { on: '2025-12-01' }))
      .thenThrows(RuleViolation, { code: 'chiptrade.no_such_restriction' });
  });

  it('keeps two approvals for unnamed importers apart, but holds an identified importer to one', () => {
    const unnamed = (id: string) =>
      imp(
        'approval_granted',
        { importer: { company_id: null, name_as_reported: 'a Chinese tech firm' }, approval_kind: 'conditional' },
        { on: '2026-01', id },
      );
    const state = given(unnamed('first'))
      .when(unnamed('second'))
      .then({ import: { state: 'approved_conditional' } }) as ChipTradeState;
    expect(state.import.approvals).toHaveLength(2);
    expect(state.provenance.facts['import.approvals.1'].event_id).toBe('second');
    const named = imp(
      'approval_granted',
      { importer: { company_id: 'company:deepseek' }, approval_kind: 'conditional', quantity: null, quantity_as_reported: 'some' },
      { on: '2026-01', id: 'named' },
    );
    given(named)
      .when(imp('approval_granted', { importer: 'DeepSeek', approval_kind: 'conditional' }, { on: '2026-02-01', id: 'words' }))
      .then({ import: { approvals: [{ details: { quantity_as_reported: 'some' } }, { importer: 'DeepSeek' }] } });
    given(named)
      .when(
        imp(
          'approval_granted',
          { importer: { company_id: 'company:deepseek' }, approval_kind: 'in_principle' },
          { on: '2026-02-01', id: 'again' },
        ),
      )
      .thenThrows(RuleViolation, { code: 'chiptrade.importer_already_decided', events: ['named', 'again'] });
  });
});
