import { mkdirSync, writeFileSync } from 'node:fs';
import { jsonSchema, SCHEMA_NAMES } from '../schema/json-schemas.ts';
import { outputFolder, pathInside } from '../lib/safe-path.ts';
import { parseCommandArgs } from './args.ts';

/** Writes the JSON Schemas for editors (VS Code YAML extension) into a folder. */
export async function runSchemas(args: string[]): Promise<number> {
  const { values } = parseCommandArgs(args, { out: { type: 'string', default: 'schemas' } });
  const out = outputFolder(values.out, '--out', []);
  mkdirSync(out, { recursive: true });
  for (const name of SCHEMA_NAMES) writeFileSync(pathInside(out, [`${name}.schema.json`], 'JSON Schema'), jsonSchema(name));
  console.log(`已生成 ${SCHEMA_NAMES.length} 个 JSON Schema 到 ${values.out}/`);
  return 0;
}
