import { wordParts, type ParsedQuery } from './query.ts';

/**
 * Which characters, and which pairs of adjacent characters, occur anywhere in the searchable text
 * of a site (in match-key form, query.ts): written at build time, read by the search page.
 *
 * Why: a query found in no page can only be answered "nothing" after the full text was asked,
 * and the full text is the large part of the search (at 10,000 powers: 11 bundles and 23 index
 * chunks, about 4 s on a slow phone). A result matches only if every query word occurs in it as a
 * phrase or as all of its parts (matchTier), so a word with a character or a within-part pair
 * that occurs in no page can match nowhere — known from this small file alone. It only ever
 * says "cannot match"; whether something does match is still decided on pagefind's results.
 *
 * A key is a UTF-16 code unit (a character) or 65,536 × first + second (a pair); no key is 0,
 * because match keys hold letters and digits only. The file is the sorted keys' differences as
 * unsigned LEB128 numbers, which keeps it small (most differences are under 16,384: two bytes).
 */
export const CHAR_PAIRS_FILE = 'search-pairs.bin';

/** Adds the characters and adjacent pairs of a match key to `keys`. */
export function addCharPairs(key: string, keys: Set<number>): void {
  for (let i = 0; i < key.length; i++) {
    const unit = key.charCodeAt(i);
    keys.add(unit);
    if (i + 1 < key.length) keys.add(unit * 65536 + key.charCodeAt(i + 1));
  }
}

export function encodeCharPairs(keys: Iterable<number>): Uint8Array {
  const sorted = Float64Array.from(keys).sort();
  const bytes: number[] = [];
  let previous = 0;
  for (const key of sorted) {
    let delta = key - previous;
    previous = key;
    while (delta >= 128) {
      bytes.push((delta % 128) | 128);
      delta = Math.floor(delta / 128);
    }
    bytes.push(delta);
  }
  return Uint8Array.from(bytes);
}

export function decodeCharPairs(bytes: Uint8Array): Set<number> {
  const keys = new Set<number>();
  let previous = 0;
  let delta = 0;
  let scale = 1;
  for (const byte of bytes) {
    delta += (byte & 127) * scale;
    if (byte & 128) {
      scale *= 128;
      continue;
    }
    previous += delta;
    keys.add(previous);
    delta = 0;
    scale = 1;
  }
  return keys;
}

/**
 * False when some word of the query cannot occur in any page: none of its forms (itself or a
 * synonym's term) has all its characters, and all the pairs that must be adjacent, in the site's
 * text. True means only "perhaps".
 */
export function mayMatch(query: ParsedQuery, keys: Set<number>): boolean {
  return query.forms.every((forms) => forms.some((form) => formMayOccur(form, keys)));
}

function formMayOccur(form: string, keys: Set<number>): boolean {
  for (let i = 0; i < form.length; i++) if (!keys.has(form.charCodeAt(i))) return false;
  // As matchTier: a word occurs as a phrase, or as all of its parts (wordParts), anywhere. Only the
  // pairs within what must be adjacent count.
  return (wordParts(form) ?? [form]).every((part) => {
    for (let i = 0; i + 1 < part.length; i++) if (!keys.has(part.charCodeAt(i) * 65536 + part.charCodeAt(i + 1))) return false;
    return true;
  });
}
