import site from 'virtual:quanze/site-data';

/**
 * Which pages of their own this build renders for powers (page, 当时版本, 比较) and departments
 * (list, posts, derived lists, adjustments, feed): all, or, in an incremental build (quanze
 * build), only those whose inputs changed (the scope it passes to the site integration).
 * Site-wide pages are always built in full.
 */
export function buildsPowerPages(code: string): boolean {
  return !site.scope || site.scope.powers.has(code);
}

export function buildsDepartmentPages(id: string): boolean {
  return !site.scope || site.scope.departments.has(id);
}
