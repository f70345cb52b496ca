import type { Fact } from '../stream/fact.js';
import { credit } from '../stream/provenance.js';
import { isExportType } from './chiptrade.events.js';
import type { ChipTradeState } from './chiptrade.state.js';
import { evolveExport } from './export.evolve.js';
import { evolveImport } from './import.evolve.js';

/** The two sides of a corridor evolve independently. */
export function evolveChipTrade(state: ChipTradeState, fact: Fact): ChipTradeState {
  if (isExportType(fact.type)) {
    const { side, stated } = evolveExport(state.export, fact);
    return {
      ...state,
      export: side,
      provenance: credit(
        state.provenance,
        fact,
        stated.map((path) => `export.${path}`),
      ),
    };
  }
  const { side, stated } = evolveImport(state.import, fact);
  return {
    ...state,
    import: side,
    provenance: credit(
      state.provenance,
      fact,
      stated.map((path) => `import.${path}`),
    ),
  };
}
