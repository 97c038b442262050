import { resolve } from 'node:path';

/**
 * The content folder the site is built from: `content/` by default, or QUANZE_CONTENT for a
 * per-jurisdiction build (see bench/multisite.ts). Read in one place so every part agrees.
 */
export function contentDir(): string {
  return resolve(process.env.QUANZE_CONTENT ?? 'content');
}
