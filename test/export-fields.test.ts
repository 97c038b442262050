import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { machineHeader } from '../src/generators/exports/csv.ts';
import { listsToJson, openDataOmits } from '../src/generators/exports/json.ts';
import { columnKey } from '../src/generators/exports/source-column.ts';
import { fieldOf, loadColumnTable } from '../src/import/columns.ts';
import { COLUMN_FIELDS, SOURCE_ONLY_FIELDS, UNREAD_COLUMNS } from '../src/import/source-column.ts';
import { openDataPowerSchema, openDataSchema } from '../src/schema/open-data.ts';
import { powerSchema } from '../src/schema/power.ts';
import { checkContentAt } from '../src/model/check.ts';

/**
 * The exports and the import are held to the power schema, read from its own JSON Schema
 * (z.toJSONSchema), so that a field added to the schema cannot be silently left out of them: each
 * field is shown by a column of the CSV/XLSX layout or named as coming back from the 源数据（机读）
 * column alone (with the reason); each is carried by the open data or named as left out (with the
 * reason); and every exported column is one the import recognises and reads, or is named as not read.
 */
type JsonSchema = { type?: string | string[]; properties?: Record<string, JsonSchema>; items?: JsonSchema; anyOf?: JsonSchema[] };

const toJson = (schema: z.ZodType) => z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as JsonSchema;

/** Every place a value can be (objects, their fields, array items merged into the array's path), as dotted paths; null alternatives are not places. */
function nodes(schema: JsonSchema, path: string[] = []): string[] {
  if (schema.anyOf) return schema.anyOf.flatMap((s) => nodes(s, path));
  if (schema.type === 'null') return [];
  const here = path.length ? [path.join('.')] : [];
  if (schema.properties) return [...here, ...Object.entries(schema.properties).flatMap(([key, s]) => nodes(s, [...path, key]))];
  if (schema.type === 'array' && schema.items) return nodes(schema.items, path);
  return here;
}

/** The leaves only: the values a file writes. */
function leaves(schema: JsonSchema, path: string[] = []): string[] {
  if (schema.anyOf) return schema.anyOf.flatMap((s) => leaves(s, path));
  if (schema.properties) return Object.entries(schema.properties).flatMap(([key, s]) => leaves(s, [...path, key]));
  if (schema.type === 'array' && schema.items) return leaves(schema.items, path);
  return schema.type === 'null' ? [] : [path.join('.')];
}

const camel = (path: string) => path.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
const under = (path: string, prefix: string) => path === prefix || path.startsWith(`${prefix}.`);

const schemaFields = Object.keys(toJson(powerSchema).properties!);

describe('the CSV/XLSX layout and the import', () => {
  it('show every field of the power schema in a column, or name it as restored from 源数据（机读） alone', () => {
    expect(schemaFields.length).toBeGreaterThan(20);
    const shown = new Set(Object.values(COLUMN_FIELDS).flat());
    const sourceOnly = Object.keys(SOURCE_ONLY_FIELDS);
    expect(schemaFields.filter((f) => !shown.has(f as never) && !sourceOnly.includes(f))).toEqual([]);
    // No stale names, no field both shown and named source-only, and a reason for each.
    expect([...shown, ...sourceOnly].filter((f) => !schemaFields.includes(f))).toEqual([]);
    expect(sourceOnly.filter((f) => shown.has(f as never))).toEqual([]);
    for (const reason of Object.values(SOURCE_ONLY_FIELDS)) expect(reason.length).toBeGreaterThan(20);
  });

  it('read every exported column into the fields it shows, or name it as not read', () => {
    const header = machineHeader();
    const unread = Object.keys(UNREAD_COLUMNS);
    expect(header.filter((h) => !(columnKey(h) in COLUMN_FIELDS) && !unread.includes(h))).toEqual([]);
    expect(Object.keys(COLUMN_FIELDS).filter((c) => !header.map(columnKey).includes(c))).toEqual([]);
    expect(unread.filter((c) => !header.includes(c))).toEqual([]);
    // The import finds a column by the names in content/import/columns.yaml: each exported column it reads must be one of them.
    const table = loadColumnTable();
    expect(header.filter((h) => columnKey(h) in COLUMN_FIELDS && fieldOf(table, h) !== columnKey(h))).toEqual([]);
  });
});

describe('the open data (quanze-lists.json)', () => {
  const open = nodes(toJson(openDataPowerSchema));
  const omits = openDataOmits();

  /** A field is carried where the open data has it, resolved deeper (a law id → the law), or resolved into the open data's own shape at its parent (a limit → text, amount and unit). */
  const carried = (path: string) => {
    const p = camel(path);
    const parent = p.split('.').slice(0, -1).join('.');
    return open.some((q) => under(q, p) || (parent && q === parent));
  };

  it('carries every field of the power schema, or names it as left out', () => {
    const all = [...new Set(leaves(toJson(powerSchema)))];
    expect(all.length).toBeGreaterThan(60);
    const missing = all.filter((path) => !carried(path) && !Object.keys(omits).some((o) => under(path, o)));
    expect(missing).toEqual([]);
    // Nothing named as left out is carried after all, each omission names a field, and each has a reason.
    expect(Object.keys(omits).filter((o) => all.some((path) => under(path, o) && carried(path)))).toEqual([]);
    expect(Object.keys(omits).filter((o) => !schemaFields.includes(o.split('.')[0]!))).toEqual([]);
    for (const reason of Object.values(omits)) expect(reason.length).toBeGreaterThan(20);
  });

  it('is what its schema says, for the sample content (which states whole-power limits and extensions)', () => {
    const { model } = checkContentAt(join(import.meta.dirname, '..', 'content'));
    const doc = listsToJson(model!);
    expect(openDataSchema.safeParse(doc).error?.issues ?? []).toEqual([]);
    const powers = doc.departments.flatMap((d) => d.powers);
    const withTotal = powers.find((p) => p.code === '410100-SJ-XK-001');
    expect(withTotal?.totalLimit).toBeDefined();
    expect(powers.flatMap((p) => p.stages).some((s) => 'extension' in s)).toBe(true);
  });
});
