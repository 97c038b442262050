import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

/**
 * The column names departments use, read from content/import/columns.yaml (data a province extends
 * without touching code). A header cell is normalised (spaces, line breaks and bracket widths
 * removed) before it is looked up.
 */
export interface ColumnTable {
  /** normalised column name → field */
  names: Map<string, string>;
  twoRowParent: Set<string>;
  twoRowChild: Set<string>;
  footerKeywords: string[];
  notePrefixes: string[];
  categoryAliases: Map<string, string>;
  noChild: Set<string>;
}

export function normalizeHeader(text: string): string {
  return text
    .replace(/\s+/g, '')
    .replace(/\(/g, '（')
    .replace(/\)/g, '）')
    .replace(/[*＊※]/g, '');
}

/** The table shipped with Quanze, used when a content folder has no import/columns.yaml of its own. */
export const DEFAULT_COLUMNS_PATH = fileURLToPath(new URL('../../content/import/columns.yaml', import.meta.url));

export function loadColumnTable(contentRoot?: string): ColumnTable {
  const own = contentRoot ? join(contentRoot, 'import', 'columns.yaml') : undefined;
  const path = own && existsSync(own) ? own : DEFAULT_COLUMNS_PATH;
  return columnTableFrom(parse(readFileSync(path, 'utf8')), path);
}

export function columnTableFrom(data: unknown, source = 'columns.yaml'): ColumnTable {
  const doc = (data ?? {}) as Record<string, unknown>;
  const fields = doc.fields as Record<string, unknown> | undefined;
  if (!fields || typeof fields !== 'object') throw new Error(`${source}：缺少 fields（字段 → 列名列表）`);
  const names = new Map<string, string>();
  for (const [field, list] of Object.entries(fields)) {
    if (!Array.isArray(list)) throw new Error(`${source}：fields.${field} 应为列名列表`);
    for (const name of list) {
      const key = normalizeHeader(String(name));
      const other = names.get(key);
      if (other && other !== field) throw new Error(`${source}：列名「${name}」同时列在 ${other} 和 ${field} 下`);
      names.set(key, field);
    }
  }
  const list = (key: string) => (Array.isArray(doc[key]) ? (doc[key] as unknown[]).map(String) : []);
  const aliases = (doc.category_aliases ?? {}) as Record<string, unknown>;
  return {
    names,
    twoRowParent: new Set(list('two_row_parent').map(normalizeHeader)),
    twoRowChild: new Set(list('two_row_child').map(normalizeHeader)),
    footerKeywords: list('footer_keywords'),
    notePrefixes: list('note_prefixes'),
    categoryAliases: new Map(Object.entries(aliases).map(([k, v]) => [k, String(v)])),
    noChild: new Set(list('no_child')),
  };
}

/** The field a header cell names, if any. */
export function fieldOf(table: ColumnTable, cell: string): string | undefined {
  const key = normalizeHeader(cell);
  if (!key) return undefined;
  return table.names.get(key) ?? table.names.get(key.replace(/（[^）]*）$/, ''));
}
