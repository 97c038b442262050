import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { addCharPairs, CHAR_PAIRS_FILE, decodeCharPairs, encodeCharPairs } from '../search/char-pairs.ts';
import { folding, matchKey } from '../search/query.ts';
import { pageSearchText } from './page-search-text.ts';

/**
 * The character pairs of the search (src/search/char-pairs.ts), made per bundle where the bundle
 * is indexed — so a bundle kept from the last build keeps its pairs too — and joined into the
 * site's one file the search page loads.
 */
export const BUNDLE_PAIRS_FILE = 'char-pairs.bin';

/** Writes a bundle's pairs beside its index: every page's text as pagefind reads it, in match-key form. */
export function writeBundlePairs(bundle: string, pages: { content: string }[], traditional: string): void {
  const fold = folding({ synonyms: [], traditional });
  const keys = new Set<number>();
  for (const page of pages) addCharPairs(matchKey(pageSearchText(page.content), fold), keys);
  writeFileSync(join(bundle, BUNDLE_PAIRS_FILE), encodeCharPairs(keys));
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
