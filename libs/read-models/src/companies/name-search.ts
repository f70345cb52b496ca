import { normalizeName } from '@newsledger/domain';

// Words that say what kind of company a name is, not which one: "Zhipu AI" is Zhipu, "NVIDIA
// Corporation" is Nvidia. A query is also tried without them.
const DESIGNATORS = new Set(
  'ag ai bv co company corp corporation gmbh group holding holdings inc incorporated kk limited llc ltd nv plc sa se technologies technology'.split(' '),
);

/** A name as search compares it: case and diacritics folded, and only letters and digits kept ("Z.ai" and "z ai" are "zai"). */
export function compactName(name: string): string {
  return normalizeName(name).replace(/[^\p{L}\p{N}]+/gu, '');
}

/**
 * The index keys of a compact name: each character and each pair of neighbouring characters. Pairs
 * make any substring of two characters or more findable through the index, in every script
 * (`智谱`, `キオクシア`), where trigrams would need three characters and letters pg_trgm knows.
 */
export function nameGrams(compact: string): string[] {
  const chars = Array.from(compact);
  return [...new Set([...chars, ...chars.slice(1).map((c, i) => chars[i] + c)])];
}

/** What a stored company row holds for search: its names compacted, one per line, and their index keys. */
export function searchColumns(names: readonly (string | null | undefined)[]): { search_compact: string; search_grams: string[] } {
  const compact = [...new Set(names.filter((n): n is string => !!n).map(compactName).filter(Boolean))];
  return { search_compact: compact.join('\n'), search_grams: [...new Set(compact.flatMap(nameGrams))] };
}

/** One way to find a query: the index keys every match must hold, and the LIKE pattern that confirms it. */
export interface NameProbe {
  grams: string[];
  pattern: string;
}

function probe(compact: string): NameProbe {
  const chars = Array.from(compact);
  const grams = chars.length === 1 ? chars : chars.slice(1).map((c, i) => chars[i] + c);
  return { grams: [...new Set(grams)], pattern: `%${compact.replace(/[\\%_]/g, (c) => `\\${c}`)}%` };
}

/** The probes of a query: as typed, and without the designators that end it; none when nothing searchable is left. */
export function nameProbes(query: string): NameProbe[] {
  const words = normalizeName(query).split(' ');
  while (words.length > 1 && DESIGNATORS.has(compactName(words[words.length - 1]))) words.pop();
  const variants = [...new Set([compactName(query), compactName(words.join(' '))])].filter(Boolean);
  return variants.map(probe);
}
