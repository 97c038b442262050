import type { z } from 'zod';
import { FILE_START, finding, type Finding } from './findings.ts';
import type { YamlSource } from './source-file.ts';
import { zodErrorMap, zodIssuesToFindings } from './zod-findings.ts';

/** Validates one file's data against its schema; findings carry the file's positions. */
export function parseWithSchema<T extends z.ZodType>(
  schema: T,
  source: YamlSource,
  findings: Finding[],
): z.output<T> | undefined {
  if (source.data === null || typeof source.data !== 'object' || Array.isArray(source.data)) {
    findings.push(finding('type', source.file, FILE_START, '', '文件内容应为「字段: 值」形式的 YAML 映射'));
    return undefined;
  }
  const result = schema.safeParse(source.data, { error: zodErrorMap });
  if (result.success) return result.data;
  findings.push(...zodIssuesToFindings(schema, source, result.error.issues));
  return undefined;
}
