import type { Fact } from '../stream/fact.js';
import { isExportType } from './chiptrade.events.js';
import type { ChipTradeState } from './chiptrade.state.js';
import { decideExport } from './export.decide.js';
import { decideImport } from './import.decide.js';

export function decideChipTrade(state: ChipTradeState, fact: Fact): void {
  if (isExportType(fact.type)) decideExport(state.export, state.provenance, fact);
  else decideImport(state.import, state.provenance, fact);
}
