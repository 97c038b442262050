import { getHistory, getModel } from './data.ts';
import { buildsPowerPages } from './build-scope.ts';

/** Every (power, earlier revision) pair that gets a 当时版本 and a 比较 page. */
export function revisionPaths() {
  const history = getHistory();
  if (!history.available) return [];
  const current = new Set(getModel().powers.map((p) => p.code));
  return [...history.byCode.entries()]
    .filter(([code]) => current.has(code) && buildsPowerPages(code))
    .flatMap(([code, revisions]) => revisions.filter((r) => r.record).map((r, i) => ({ params: { code, rev: r.short }, props: { revision: r, isLatest: i === 0 } })));
}
