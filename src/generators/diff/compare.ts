import { diffChars } from 'diff';
import type { Entity } from './record-fields.ts';

export interface TextPiece {
  op: 'same' | 'added' | 'removed';
  text: string;
}

/** One changed field, before → after. Long texts carry character-level insertions and deletions. */
export interface FieldChange {
  kind: 'added' | 'removed' | 'changed';
  /** e.g. 责任事项「受理」·期限 (for people; code reads `entity`, `name` and `values`) */
  field: string;
  /** The entity's key, e.g. basis:xzxkf:第四十二条. */
  entity?: string;
  /** The changed field's name within the entity ('' for a single-valued one); absent when the whole entity was added or removed. */
  name?: string;
  /** The fields of a whole entity added or removed. */
  values?: Record<string, string>;
  before?: string;
  after?: string;
  pieces?: TextPiece[];
}

const LONG_TEXT = 16;

/** Compares two versions of an entity list by key; order never matters. */
export function compareEntities(before: Entity[], after: Entity[]): FieldChange[] {
  const a = new Map(before.map((e) => [e.key, e]));
  const b = new Map(after.map((e) => [e.key, e]));
  const changes: FieldChange[] = [];
  const summary = (e: Entity) =>
    Object.entries(e.fields)
      .filter(([, v]) => v)
      .map(([k, v]) => (k ? `${k}：${v}` : v))
      .join('；');
  for (const e of before) if (!b.has(e.key) && summary(e)) changes.push({ kind: 'removed', field: e.label, entity: e.key, values: e.fields, before: summary(e) });
  for (const e of after) {
    const old = a.get(e.key);
    if (!old) {
      if (summary(e)) changes.push({ kind: 'added', field: e.label, entity: e.key, values: e.fields, after: summary(e) });
      continue;
    }
    for (const name of new Set([...Object.keys(old.fields), ...Object.keys(e.fields)])) {
      const x = old.fields[name] ?? '';
      const y = e.fields[name] ?? '';
      if (x === y) continue;
      const field = name ? `${e.label}·${name}` : e.label;
      const change: FieldChange = { kind: !x ? 'added' : !y ? 'removed' : 'changed', field, entity: e.key, name, before: x || undefined, after: y || undefined };
      if (x && y && Math.max(x.length, y.length) >= LONG_TEXT) change.pieces = textPieces(x, y);
      changes.push(change);
    }
  }
  return changes;
}

export function textPieces(before: string, after: string): TextPiece[] {
  return diffChars(before, after).map((p) => ({ op: p.added ? 'added' : p.removed ? 'removed' : 'same', text: p.value }));
}
