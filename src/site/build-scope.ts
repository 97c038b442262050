import { readFileSync } from 'node:fs';

/**
 * Which powers get their own pages (page, 当时版本, 比较) in this build: all of them, or, in an
 * incremental build (quanze build), only those whose page inputs changed; QUANZE_ONLY_POWERS
 * names a JSON file with their codes. Every other page is always built in full.
 */
let only: Set<string> | null | undefined;

export function powerPagesScope(): Set<string> | null {
  if (only === undefined) {
    const file = process.env.QUANZE_ONLY_POWERS;
    only = file ? new Set(JSON.parse(readFileSync(file, 'utf8')) as string[]) : null;
  }
  return only;
}

export function buildsPowerPages(code: string): boolean {
  const scope = powerPagesScope();
  return !scope || scope.has(code);
}
