import { z } from 'zod';
import { adjustmentSchema } from './adjustment.ts';
import { departmentSchema } from './department.ts';
import { directorySchema } from './directory.ts';
import { flowTemplateSchema } from './flow-template.ts';
import { lawSchema } from './law.ts';
import { openDataSchema } from './open-data.ts';
import { powerSchema } from './power.ts';
import { siteSchema } from './site.ts';
import { stageTableSchema } from './stage-table.ts';

/** Every file kind's JSON Schema, generated from the zod schemas (never written by hand). */
const SCHEMAS = {
  power: powerSchema,
  department: departmentSchema,
  law: lawSchema,
  flow: flowTemplateSchema,
  stages: stageTableSchema,
  site: siteSchema,
  adjustment: adjustmentSchema,
  directory: directorySchema,
  'open-data': openDataSchema,
} as const;

export type SchemaName = keyof typeof SCHEMAS;
export const SCHEMA_NAMES = Object.keys(SCHEMAS) as SchemaName[];

export function jsonSchema(name: SchemaName): string {
  const schema = z.toJSONSchema(SCHEMAS[name], { io: 'input', unrepresentable: 'any', target: 'draft-2020-12' });
  return JSON.stringify({ ...schema, $id: `${name}.schema.json` }, null, 2) + '\n';
}
