import type { ChipTradeState, Source } from '@newsledger/domain';

type Resource = Record<string, unknown>;

/**
 * A corridor as the API shows it: each licence and import approval also says whose word it rests on —
 * the `attribution` of the source that stated it (Reuters' anonymous sources, relayed by CNN), found
 * through the corridor's own provenance and sources, so the answer needs no other read.
 */
export function withAttributions(resource: Resource): Resource {
  const state = resource as unknown as ChipTradeState;
  const attributionOf = (path: string): Source['attribution'] => {
    const sourceId = state.provenance.facts[path]?.source_id;
    return state.sources.find((source) => source.source_id === sourceId)?.attribution ?? null;
  };
  const attributed = <T extends object>(entries: T[], path: string) => entries.map((entry, i) => ({ ...entry, attribution: attributionOf(`${path}.${i}`) }));
  return {
    ...resource,
    export: { ...state.export, licences: attributed(state.export.licences, 'export.licences') },
    import: { ...state.import, approvals: attributed(state.import.approvals, 'import.approvals') },
  };
}
