import { departmentJson } from '../generators/exports/json.ts';
import { getModel } from './data.ts';
import { snapshotOf } from './history-pages.ts';

/**
 * The JSON of a dated list: the department exactly as `quanze export --as-of <date>` writes it
 * under `departments`, with the date and the commit it stands for.
 */
export function snapshotDocument(department: string, date: string) {
  const snapshot = snapshotOf(department, date);
  return {
    format: 'quanze-list-snapshot/1' as const,
    date,
    revision: snapshot.hash,
    department: departmentJson({ ...getModel(), powers: snapshot.powers }, department),
    ...(snapshot.unresolved.length ? { unresolved: snapshot.unresolved } : {}),
  };
}
