import { adjustmentSchema, type Adjustment } from '../schema/adjustment.ts';
import { departmentSchema, type Department } from '../schema/department.ts';
import { lawSchema, type Law } from '../schema/law.ts';
import { powerSchema, type Power } from '../schema/power.ts';
import type { Finding } from './findings.ts';
import { loadContent } from './load.ts';
import { parseWithSchema } from './parse-file.ts';
import { parseYamlSource, splitFrontmatter } from './source-file.ts';

/**
 * The content as plain records, keyed by identity (power code, department id, law id): what the
 * diff and the history compare. Built from the same loader and schemas as validation; files that
 * do not parse are left out (a revision's validation errors are the validator's business).
 */
export interface PowerRecord {
  record: Power;
  file: string;
  body: string;
}

export interface ContentSnapshot {
  powers: Map<string, PowerRecord>;
  departments: Map<string, Department>;
  laws: Map<string, Law>;
  /** Adjustment records (调整文件) by id. */
  adjustments: Map<string, Adjustment>;
}

export function snapshotAt(contentRoot: string, relativeTo: string): ContentSnapshot {
  const loaded = loadContent(contentRoot, { relativeTo });
  const ignored: Finding[] = [];
  const snapshot: ContentSnapshot = { powers: new Map(), departments: new Map(), laws: new Map(), adjustments: new Map() };
  for (const source of loaded.departments) {
    const dept = parseWithSchema(departmentSchema, source, ignored);
    if (dept) snapshot.departments.set(dept.id, dept);
  }
  for (const source of loaded.laws) {
    const law = parseWithSchema(lawSchema, source, ignored);
    if (law) snapshot.laws.set(law.id, law);
  }
  for (const source of loaded.adjustments) {
    const adjustment = parseWithSchema(adjustmentSchema, source, ignored);
    if (adjustment) snapshot.adjustments.set(adjustment.id, adjustment);
  }
  for (const source of loaded.powers) {
    const record = parseWithSchema(powerSchema, source, ignored);
    if (record) snapshot.powers.set(record.code, { record, file: source.file, body: source.body });
  }
  return snapshot;
}

/** Parses one power file's text (e.g. a blob from git history); undefined when it does not parse. */
export function parsePowerText(text: string, file: string): PowerRecord | undefined {
  const parts = splitFrontmatter(text.replace(/\r\n?/g, '\n').replace(/^\uFEFF/, ''));
  if (!parts) return undefined;
  const { source } = parseYamlSource(parts.frontmatter, file, parts.frontmatterLine);
  if (!source) return undefined;
  const record = parseWithSchema(powerSchema, source, []);
  return record ? { record, file, body: parts.body } : undefined;
}
