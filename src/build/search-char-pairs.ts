import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { addCharPairs, CHAR_PAIRS_FILE, decodeCharPairs, encodeCharPairs } from '../search/char-pairs.ts';
import { folding, matchKey } from '../search/query.ts';
import { pageSearchText } from './indexed-page.ts';

/**
 * The character pairs of the search (src/search/char-pairs.ts), made per bundle where the bundle
 * is indexed — so a bundle kept from the last build keeps its pairs too — and joined into the
 * site's one file the search page loads.
 */
export const BUNDLE_PAIRS_FILE = 'char-pairs.bin';

/**
 * A bundle's pairs, gathered page by page as the bundle is indexed (every page's text as pagefind
 * reads it, in match-key form) and written beside its index.
 */
export class BundlePairs {
  private readonly fold: ReturnType<typeof folding>;
  private readonly keys = new Set<number>();

  constructor(traditional: string) {
    this.fold = folding({ synonyms: [], traditional });
  }

  /** A page's pairs, from the page (HTML). */
  add(content: string): void {
    this.addText(pageSearchText(content));
  }

  /** A page's pairs, from its text as pagefind indexes it (pageSearchText). */
  addText(text: string): void {
    addCharPairs(matchKey(text, this.fold), this.keys);
  }

  write(bundle: string): void {
    writeFileSync(join(bundle, BUNDLE_PAIRS_FILE), encodeCharPairs(this.keys));
  }
}

/**
 * Joins the bundles' pairs into the site's file. A bundle without them (an index made by an older
 * version) leaves the site without the file: the search page then asks the full text as before,
 * never answers "nothing" from an incomplete list.
 */
export function writeSitePairs(site: string, bundles: string[]): void {
  const file = join(site, CHAR_PAIRS_FILE);
  const keys = new Set<number>();
  for (const bundle of bundles) {
    const own = join(site, bundle, BUNDLE_PAIRS_FILE);
    if (!existsSync(own)) {
      rmSync(file, { force: true });
      return;
    }
    for (const key of decodeCharPairs(readFileSync(own))) keys.add(key);
  }
  writeFileSync(file, encodeCharPairs(keys));
}
