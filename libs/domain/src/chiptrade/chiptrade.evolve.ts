import type { Fact } from '../stream/fact.js';
import { isExportType } from './chiptrade.events.js';
import type { ChipTradeState } from './chiptrade.state.js';
import { evolveExport } from './export.evolve.js';
import { evolveImport } from './import.evolve.js';

/** The two sides of a corridor evolve independently. */
export function evolveChipTrade(state: ChipTradeState, fact: Fact): ChipTradeState {
  return isExportType(fact.type)
    ? { ...state, export: evolveExport(state.export, fact) }
    : { ...state, import: evolveImport(state.import, fact) };
}
