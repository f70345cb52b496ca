import type { Acquisition } from '../api/types';
import { isMoney, type MoneyLike } from '../format/money';

/** The figure a board shows for a deal: the value at close once completed, else the headline or reported value. */
export function dealValue(deal: Acquisition): MoneyLike | null {
  const candidates = [
    deal.status === 'completed' ? deal.value_at_close : null,
    deal.terms?.headline_value,
    deal.reported_value,
    deal.value_at_close,
  ];
  return (candidates.find(isMoney) as MoneyLike | undefined) ?? null;
}

export const DEAL_STATUSES = ['rumored', 'announced', 'under_review', 'blocked', 'cleared', 'completed', 'terminated'];
