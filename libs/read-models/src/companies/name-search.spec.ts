import { describe, expect, it } from '@jest/globals';
import { compactName, nameGrams, nameProbes, searchColumns } from './name-search.js';

const finds = (query: string, names: string[]) => {
  const { search_compact, search_grams } = searchColumns(names);
  const grams = new Set(search_grams);
  return nameProbes(query).some((probe) => probe.grams.every((g) => grams.has(g)) && search_compact.includes(probe.pattern.slice(1, -1)));
};

describe('company name search', () => {
  it('compares names without case, diacritics, spaces or punctuation', () => {
    expect(compactName('Z.ai')).toBe('zai');
    expect(compactName('Zhìpǔ  AI')).toBe('zhipuai');
    expect(compactName('キオクシア・ホールディングス')).toBe(compactName('キオクシアホールディングス'));
  });

  it('indexes each character and each pair of neighbours', () => {
    expect(nameGrams('智谱')).toEqual(['智', '谱', '智谱']);
  });

  it.each([
    ['智谱', ['Zhipu', 'Z.ai', '智谱']],
    ['Zhipu AI', ['Zhipu', 'Z.ai']],
    ['zai', ['Zhipu', 'Z.ai']],
    ['toshiba memory', ['Kioxia', 'Toshiba Memory']],
    ['キオクシア', ['Kioxia', 'キオクシアホールディングス']],
    ['nvidia corporation', ['Nvidia', 'NVIDIA Corporation']],
    ['NVIDIA Corp.', ['Nvidia']],
    ['希音', ['Shein', '希音']],
  ])('finds %s among %j', (query, names) => {
    expect(finds(query, names)).toBe(true);
  });

  it('does not find what no name holds, nor across two names', () => {
    expect(finds('Zhipu Kioxia', ['Zhipu', 'Kioxia'])).toBe(false);
    expect(finds('希音', ['Shein'])).toBe(false);
    expect(nameProbes('... ')).toEqual([]);
  });
});
