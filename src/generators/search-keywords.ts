import type { PowerModel } from '../model/types.ts';

/**
 * Extra search terms for a power page: the full and short names of every law it cites (people
 * search by either, and pages only show the short one), the law with each article, and the code.
 * Substrings of the name are not added: pagefind's Chinese segmentation finds 危险化学品 or 经营许可
 * inside 危险化学品经营许可证核发 by itself (tested against the built index), and n-grams of every
 * name would multiply the index (measured: pagefind at 10,000 powers used 5.8 GB with them).
 */
export function searchKeywords(power: PowerModel): string[] {
  const words = new Set<string>();
  for (const c of power.basis) {
    words.add(c.law.short);
    words.add(c.law.title);
    words.add(`${c.law.short}${c.article}`);
  }
  words.add(power.code);
  return [...words];
}
