import type { ContentSnapshot } from '../../model/snapshot.ts';
import { compareEntities, type FieldChange } from './compare.ts';
import { departmentEntities, lawEntities, powerEntities } from './record-fields.ts';

export interface EntityDiff {
  kind: 'added' | 'removed' | 'modified' | 'renamed';
  /** Power code, department id or law id. */
  id: string;
  name: string;
  /** For powers: the department id. */
  department?: string;
  fromFile?: string;
  toFile?: string;
  changes: FieldChange[];
  /** The editor's 变更说明 in the newer version, if any. */
  changeNote?: string;
}

export interface ContentDiff {
  from: string;
  to: string;
  powers: EntityDiff[];
  departments: EntityDiff[];
  laws: EntityDiff[];
}

/**
 * The field-level difference between two snapshots, matched by identity: powers by code (a moved
 * file with the same code is a rename), departments and laws by id.
 */
export function diffSnapshots(a: ContentSnapshot, b: ContentSnapshot, labels: { from: string; to: string }): ContentDiff {
  const lawName = (id: string) => b.laws.get(id)?.short ?? a.laws.get(id)?.short ?? id;
  const powers: EntityDiff[] = [];
  for (const code of sortedKeys(a.powers, b.powers)) {
    const x = a.powers.get(code);
    const y = b.powers.get(code);
    const department = (y ?? x)!.file.split('/').at(-2);
    if (!x) powers.push({ kind: 'added', id: code, name: y!.record.name, department, toFile: y!.file, changes: [], changeNote: y!.record.change_note });
    else if (!y) powers.push({ kind: 'removed', id: code, name: x.record.name, department, fromFile: x.file, changes: [] });
    else {
      const changes = compareEntities(powerEntities(x, lawName), powerEntities(y, lawName));
      const moved = x.file !== y.file;
      if (changes.length || moved) {
        powers.push({
          kind: moved ? 'renamed' : 'modified',
          id: code,
          name: y.record.name,
          department,
          fromFile: x.file,
          toFile: y.file,
          changes,
          changeNote: y.record.change_note !== x.record.change_note ? y.record.change_note : undefined,
        });
      }
    }
  }
  return {
    from: labels.from,
    to: labels.to,
    powers,
    departments: diffMap(a.departments, b.departments, (d) => d.name, departmentEntities),
    laws: diffMap(a.laws, b.laws, (l) => l.short, lawEntities),
  };
}

function diffMap<T>(a: Map<string, T>, b: Map<string, T>, name: (t: T) => string, entities: (t: T) => ReturnType<typeof departmentEntities>): EntityDiff[] {
  const out: EntityDiff[] = [];
  for (const id of sortedKeys(a, b)) {
    const x = a.get(id);
    const y = b.get(id);
    if (!x) out.push({ kind: 'added', id, name: name(y!), changes: [] });
    else if (!y) out.push({ kind: 'removed', id, name: name(x), changes: [] });
    else {
      const changes = compareEntities(entities(x), entities(y));
      if (changes.length) out.push({ kind: 'modified', id, name: name(y), changes });
    }
  }
  return out;
}

function sortedKeys(a: Map<string, unknown>, b: Map<string, unknown>): string[] {
  return [...new Set([...a.keys(), ...b.keys()])].sort();
}
