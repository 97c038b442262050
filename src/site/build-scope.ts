import { readFileSync } from 'node:fs';

/**
 * Which pages of their own this build renders for powers (page, 当时版本, 比较) and departments
 * (list, posts, derived lists, adjustments, feed): all, or, in an incremental build (quanze
 * build), only those whose inputs changed. QUANZE_ONLY_POWERS names a JSON file
 * { powers: [...codes], departments: [...ids] }. Site-wide pages are always built in full.
 */
interface Scope {
  powers: Set<string>;
  departments: Set<string>;
}
let scope: Scope | null | undefined;

function currentScope(): Scope | null {
  if (scope === undefined) {
    const file = process.env.QUANZE_ONLY_POWERS;
    const parsed = file ? (JSON.parse(readFileSync(file, 'utf8')) as { powers: string[]; departments: string[] }) : undefined;
    scope = parsed ? { powers: new Set(parsed.powers), departments: new Set(parsed.departments) } : null;
  }
  return scope;
}

export function buildsPowerPages(code: string): boolean {
  const s = currentScope();
  return !s || s.powers.has(code);
}

export function buildsDepartmentPages(id: string): boolean {
  const s = currentScope();
  return !s || s.departments.has(id);
}
