/** Names compare ignoring case and diacritics ("Zhìpǔ" is "zhipu"), for duplicate aliases and search alike. */
export function normalizeName(name: string): string {
  return name.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase().replace(/\s+/g, ' ').trim();
}
