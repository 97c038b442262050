import type { PowerModel } from '../model/types.ts';

/**
 * Extra search terms for a power page. Pagefind's Chinese segmentation splits a long name such as
 * 危险化学品经营许可证核发 into words that do not always match what people type (危险化学品,
 * 经营许可), and segments queries differently from pages. Listing the name's meaningful
 * substrings, law short and full names and the code as separate words makes those queries hit.
 */
export function searchKeywords(power: PowerModel): string[] {
  const words = new Set<string>();
  const name = power.name.replace(/[（）()、，。；：“”《》\s]/g, ' ');
  for (const part of name.split(' ').filter(Boolean)) {
    for (let size = 2; size <= Math.min(6, part.length); size++) {
      for (let i = 0; i + size <= part.length; i++) words.add(part.slice(i, i + size));
    }
  }
  for (const c of power.basis) {
    words.add(c.law.short);
    words.add(c.law.title);
    words.add(`${c.law.short}${c.article}`);
  }
  words.add(power.code);
  words.add(power.category.name);
  return [...words];
}
