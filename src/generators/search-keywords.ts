import type { PowerModel } from '../model/types.ts';
import { formatArticleRef } from '../lib/article-ref-text.ts';

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

/**
 * The power's lines in the search catalogue (src/search/catalogue.ts): what it is and who does it,
 * and every law and article it rests on, in full and short names — enough for every title, code,
 * department and law-article question; duties and liability stay in the full-text index.
 */
export function catalogueLines(power: PowerModel): string[] {
  const basis = [...new Set(power.basis.map((c) => formatArticleRef(c.law.title, c.article)))];
  return [
    [power.category.name, power.department.name, power.unit.name, power.department.level].join(' · '),
    `实施依据：${basis.join('；')}`,
    searchKeywords(power).filter((w) => w !== power.code).join(' '),
  ];
}
