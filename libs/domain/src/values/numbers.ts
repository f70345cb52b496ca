import { z } from 'zod';

/** Percentages in integer basis points (`215` = +2.15 %). */
export const basisPoints = z.number().int();

/**
 * A count (machines, shares, RSUs): a whole number, or null when the source gives none, with the words
 * beside it in `<field>_as_reported` ("licences have begun to be issued").
 */
export const quantity = z.number().int().nonnegative().refine(Number.isSafeInteger, 'out of safe integer range');

export const DECIMAL_PATTERN = /^-?\d+(\.\d+)?$/;

/**
 * An exact decimal: a string (`"0.045263"`, exact whatever the digits) or, as reporters' tools often
 * write ratios, a JSON number. Stored as given.
 */
export const decimal = z.union([
  z.string().regex(DECIMAL_PATTERN, 'expected a decimal like "0.045263"'),
  z.number().refine(Number.isFinite, 'expected a finite number'),
]);
