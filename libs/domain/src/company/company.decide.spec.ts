import { describe, it } from '@jest/globals';
import { RuleViolation } from '../errors.js';
import { event, type EventOptions } from '../testing/events.js';
import { given } from '../testing/given.js';

const Z = 'company:zhipu';
type Data = Record<string, unknown>;
const co = (type: string, data: Data, o?: EventOptions) => event(`company.${type}`, Z, data, o);
const registered = (o?: EventOptions) =>
  co(
    'registered',
    { display_name: 'Zhipu', headquarters_country: 'CN', aliases: [{ name: 'Z.ai', kind: 'brand' }] },
    { on: '2026-02-11', ...o },
  );

describe('company', () => {
  it('registers once', () => {
    given()
      .when(registered())
      .then({
        registered: true,
        display_name: 'Zhipu',
        aliases: [{ name: 'Z.ai', kind: 'brand' }],
        provenance: { facts: { 'aliases.z.ai': { event_id: 'registered' } } },
      });
    given(registered())
      .when(registered({ id: 'again' }))
      .thenThrows(RuleViolation, { code: 'company.already_registered', state: { registered: true }, events: ['registered', 'again'] });
  });

  it('rejects a duplicate alias, ignoring case and diacritics', () => {
    given(registered())
      .when(co('alias_added', { alias: { name: 'Zhìpǔ AI', kind: 'transliteration', lang: 'zh-Latn' } }))
      .then({ aliases: [{ name: 'Z.ai' }, { name: 'Zhìpǔ AI' }] });
    given(registered())
      .when(co('alias_added', { alias: { name: 'z.AI' } }))
      .thenThrows(RuleViolation, { code: 'company.duplicate_alias', events: ['registered', 'alias_added'] });
    given()
      .when(co('registered', { display_name: 'X', aliases: [{ name: 'Dup' }, { name: 'dup' }] }))
      .thenThrows(RuleViolation, { code: 'company.duplicate_alias' });
  });

  it('takes aliases and people as plain names, and keeps a retired alias', () => {
    given(registered(), co('alias_added', { alias: '智谱', note_as_reported: 'from the prospectus' }))
      .when(co('alias_retired', { alias: 'Z.ai' }, { id: 'retired' }))
      .then({
        aliases: [{ name: '智谱', kind: null, lang: null }],
        retired_aliases: [{ name: 'Z.ai', kind: null, lang: null }],
        details: { note_as_reported: 'from the prospectus' },
        provenance: { facts: { 'aliases.z.ai': { event_id: 'retired' }, 'retired_aliases.0': { event_id: 'retired' } } },
      });
    given(registered())
      .when(co('key_person_hired', { person: 'Yao Shunyu', role: 'chief AI scientist', previous_employer: 'OpenAI' }))
      .then({ key_people: [{ name: 'Yao Shunyu', person: 'Yao Shunyu', previous_employer: 'OpenAI' }] });
  });

  it('turns the old name into a former alias on renaming', () => {
    given(registered())
      .when(co('renamed', { from: 'Zhipu', to: 'Z.ai' }))
      .then({ display_name: 'Z.ai', aliases: [{ name: 'Z.ai' }, { name: 'Zhipu', kind: 'former' }] });
  });

  it('rejects relocating to the current country; back-filling the move behind a registration is fine', () => {
    given(registered())
      .when(co('relocated', { to_country: 'CN' }))
      .thenThrows(RuleViolation, {
        code: 'company.already_in_country',
        state: { headquarters_country: 'CN' },
        events: ['registered', 'relocated'],
      });
    given(co('registered', { display_name: 'Manus', headquarters_country: 'SG' }))
      .when(co('relocated', { from_country: 'CN', to_country: 'SG' }))
      .then({ headquarters_country: 'SG', relocations: [{ from_country: 'CN', to_country: 'SG' }] });
    given(registered(), co('relocated', { from_country: 'CN', to_country: 'SG' }))
      .when(co('relocated', { from_country: 'CN', to_country: 'SG' }, { id: 'twice' }))
      .thenThrows(RuleViolation, { code: 'company.already_in_country', events: ['relocated', 'twice'] });
  });

  it('uses recorded order, not valid time', () => {
    given(registered(), co('relocated', { to_country: 'SG' }, { on: '2025-07-01', id: 'to-sg' }))
      .when(co('relocated', { to_country: 'US' }, { on: '2024-01-01', id: 'to-us' }))
      .then({ headquarters_country: 'US' });
  });

  it('records key hires, and takes only meta-events after a duplicate merge', () => {
    given(registered())
      .when(
        co('key_person_hired', {
          person: { name: 'Yao Shunyu' },
          role: 'chief AI scientist',
          previous_employer: { company_id: 'company:openai' },
        }),
      )
      .then({ key_people: [{ name: 'Yao Shunyu', previous_employer: { company_id: 'company:openai' } }] });
    const merged = co('duplicate_merged', { surviving_company_id: 'company:z-ai' });
    given(registered(), merged)
      .when(co('alias_added', { alias: { name: 'GLM' } }))
      .thenThrows(RuleViolation, {
        code: 'company.merged',
        state: { merged_into: 'company:z-ai' },
        events: ['duplicate_merged', 'alias_added'],
      });
    given(registered(), merged)
      .when(event('fact.retracted', Z, { target_event_id: 'duplicate_merged', reason: 'entity_mismatch' }))
      .then({ merged_into: null });
  });
});
