import { normalizeForQuote } from './statute.ts';

/** Dice coefficient over character bigrams of the normalised texts: 1 = same, 0 = nothing shared. */
export function similarity(a: string, b: string): number {
  return normalizedSimilarity(normalizeForQuote(a), normalizeForQuote(b));
}

/** similarity of texts already normalised (normalizeForQuote): for comparing one text with many. */
export function normalizedSimilarity(x: string, y: string): number {
  if (x === y) return 1;
  if (x.length < 2 || y.length < 2) return 0;
  const grams = new Map<string, number>();
  for (let i = 0; i < x.length - 1; i++) {
    const g = x.slice(i, i + 2);
    grams.set(g, (grams.get(g) ?? 0) + 1);
  }
  let shared = 0;
  for (let i = 0; i < y.length - 1; i++) {
    const g = y.slice(i, i + 2);
    const n = grams.get(g);
    if (n) {
      shared++;
      grams.set(g, n - 1);
    }
  }
  return (2 * shared) / (x.length - 1 + y.length - 1);
}
