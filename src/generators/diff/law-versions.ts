import type { LawModel } from '../../model/types.ts';
import type { FieldChange } from './compare.ts';
import { BASIS_VERSION, parseBasisKey } from './record-fields.ts';

export interface LawVersionRef {
  id: string;
  short: string;
  date: string;
}

/**
 * The law versions that prompted a change: a 实施依据 whose version moved to a newer one, either in
 * place or as a citation replaced by one of the same law at a newer version. Read from the
 * changes' entity keys and fields, never from their labels.
 */
export function lawVersionsIn(changes: FieldChange[], laws: ReadonlyMap<string, LawModel>): LawVersionRef[] {
  const found = new Map<string, LawVersionRef>();
  const basisOf = (c: FieldChange) => (c.entity ? parseBasisKey(c.entity) : undefined);
  const removed = changes.filter((c) => c.kind === 'removed' && c.values && basisOf(c));
  for (const c of changes) {
    const ref = basisOf(c);
    if (!ref) continue;
    let date: string | undefined;
    let older: string | undefined;
    if (c.name === BASIS_VERSION) [date, older] = [c.after, c.before];
    else if (c.kind === 'added' && c.values) {
      date = c.values[BASIS_VERSION];
      older = removed.find((r) => basisOf(r)!.law === ref.law)?.values?.[BASIS_VERSION];
    }
    if (!date || !older || older >= date) continue;
    const law = laws.get(ref.law);
    if (law && law.versions.some((v) => v.date === date)) found.set(`${law.id}@${date}`, { id: law.id, short: law.short, date });
  }
  return [...found.values()];
}
