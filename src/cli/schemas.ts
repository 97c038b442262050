import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { jsonSchema, SCHEMA_NAMES } from '../schema/json-schemas.ts';
import { parseCommandArgs } from './args.ts';

/** Writes the JSON Schemas for editors (VS Code YAML extension) into a folder. */
export async function runSchemas(args: string[]): Promise<number> {
  const { values } = parseCommandArgs(args, { out: { type: 'string', default: 'schemas' } });
  mkdirSync(values.out, { recursive: true });
  for (const name of SCHEMA_NAMES) writeFileSync(join(values.out, `${name}.schema.json`), jsonSchema(name));
  console.log(`已生成 ${SCHEMA_NAMES.length} 个 JSON Schema 到 ${values.out}/`);
  return 0;
}
