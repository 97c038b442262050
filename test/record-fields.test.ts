import { expect, it } from 'vitest';
import { z } from 'zod';
import { powerEntities } from '../src/generators/diff/record-fields.ts';
import type { PowerRecord } from '../src/model/snapshot.ts';
import { powerSchema } from '../src/schema/power.ts';

/**
 * The diff (quanze diff, the 比较 pages, PR comments, the round-trip test) compares records as the
 * entities of src/generators/diff/record-fields.ts, whose fields are listed by hand. This holds
 * that list to the schema: every field the power schema accepts, at any depth, read from the
 * schema's own JSON Schema (z.toJSONSchema), must change the entities when its value changes, so a
 * new field cannot be silently ignored by the diff.
 */
type JsonSchema = { type?: string | string[]; properties?: Record<string, JsonSchema>; items?: JsonSchema; anyOf?: JsonSchema[]; enum?: unknown[]; const?: unknown };

/** A path to one value the schema accepts, and two different values for it. */
interface Leaf {
  path: (string | number)[];
  values: [unknown, unknown];
}

function leaves(schema: JsonSchema, path: (string | number)[] = []): Leaf[] {
  if (schema.anyOf) return schema.anyOf.flatMap((s) => leaves(s, path));
  if (schema.properties) return Object.entries(schema.properties).flatMap(([key, s]) => leaves(s, [...path, key]));
  if (schema.type === 'array' && schema.items) return leaves(schema.items, [...path, 0]);
  if (schema.enum && schema.enum.length > 1) return [{ path, values: [schema.enum[0], schema.enum[1]] }];
  if (schema.type === 'boolean') return [{ path, values: [true, false] }];
  if (schema.type === 'integer' || schema.type === 'number') return [{ path, values: [3, 5] }];
  if (schema.type === 'string') return [{ path, values: ['甲', '乙'] }];
  return [];
}

/** A value for every field: objects with all their fields, lists of one, the richest variant of a union. */
function sample(schema: JsonSchema): unknown {
  if (schema.anyOf) return sample(schema.anyOf.find((s) => s.properties) ?? schema.anyOf.find((s) => s.items) ?? schema.anyOf[0]!);
  if (schema.properties) return Object.fromEntries(Object.entries(schema.properties).map(([key, s]) => [key, sample(s)]));
  if (schema.type === 'array' && schema.items) return [sample(schema.items)];
  if (schema.enum) return schema.enum[0];
  if (schema.type === 'boolean') return true;
  if (schema.type === 'integer' || schema.type === 'number') return 3;
  return '甲';
}

/** The full sample record with one value set at its path. */
function recordWith(base: unknown, leaf: Leaf, value: unknown): PowerRecord {
  const record = structuredClone(base) as Record<string, unknown>;
  let at: Record<string | number, unknown> = record;
  for (const key of leaf.path.slice(0, -1)) at = at[key] as Record<string | number, unknown>;
  at[leaf.path.at(-1)!] = value;
  return { record: record as PowerRecord['record'], file: 'content/powers/d/x.md', body: '' };
}

/**
 * Fields that are not content of a version: the identity the diff compares by, and the note about
 * the change itself (shown as the change's description, src/generators/diff/change-notes.ts).
 */
const NOT_COMPARED = new Set(['code', 'change_note']);

it('every field of the power schema is compared by the diff', () => {
  const schema = z.toJSONSchema(powerSchema, { io: 'input', unrepresentable: 'any' }) as JsonSchema;
  const base = sample(schema);
  const all = leaves(schema).filter((l) => !NOT_COMPARED.has(String(l.path[0])));
  expect(all.length).toBeGreaterThan(40);
  const ignored = all
    .filter((leaf) => {
      const [a, b] = leaf.values.map((v) => JSON.stringify(powerEntities(recordWith(base, leaf, v), (id) => id)));
      return a === b;
    })
    .map((l) => l.path.join('.'));
  expect([...new Set(ignored)]).toEqual([]);
});
