import { derivedListKeys } from '../derived-lists/index.ts';
import { powerSchema, type Power } from '../schema/power.ts';
import { cellFingerprint, SOURCE_COLUMN, SOURCE_FORMAT, type SourceCell } from '../generators/exports/source-column.ts';

/**
 * Which front-matter fields each column of the official and machine-readable layout shows (by the
 * import's name of the column, see columnKey). A field no column shows comes back from the
 * 源数据（机读） column (SOURCE_ONLY_FIELDS); so does every field whose columns nobody edited.
 * test/export-fields.test.ts holds both to the power schema and to the exported header.
 */
export const COLUMN_FIELDS: Record<string, readonly (keyof Power)[]> = {
  职权类别: ['category', 'procedure'],
  职权名称: ['name'],
  实施依据: ['basis'],
  责任事项: ['stages'],
  办理期限: ['stages'],
  收费情况: ['fee'],
  违法责任: ['liability'],
  事项编码: ['code'],
  程序: ['procedure'],
  承办机构: ['unit'],
  行使层级: ['level'],
  实施对象: ['target'],
  状态: ['status'],
  主项编码: ['parent'],
  依据版本: ['basis'],
  环节依据: ['stages'],
  配合部门: ['partners'],
  追责情形: ['accountability'],
  备注: ['notes'],
  '其他清单（机读）': derivedListKeys() as (keyof Power)[],
};

/** The power file's fields no column shows, and why: they come back from the 源数据（机读） column only. */
export const SOURCE_ONLY_FIELDS: Readonly<Record<string, string>> = {
  total_limit: 'the official layout has no column for the whole power\'s limit: 办理期限 shows each duty\'s',
  enforcement: 'facts that choose the flowchart\'s statutory path, not a column of the list',
  directory_code: 'the code in the upper-level directory is matched by `quanze directory`, not shown in the list',
  change_note: 'a note on a change, not content of the list',
};

/** Exported columns the import does not read into fields, and why. */
export const UNREAD_COLUMNS: Readonly<Record<string, string>> = {
  部门: 'the department is the one `quanze import --department` names',
  [SOURCE_COLUMN]: 'the power file itself, read by readSourceCell',
};

/** The schema's fields in its order: the order of the written front matter. */
const FIELD_ORDER = Object.keys(powerSchema.shape) as (keyof Power)[];

/** Reads the cell; an empty cell is no source, a damaged one an error message. */
export function readSourceCell(text: string): SourceCell | { error: string } | undefined {
  if (!text.trim()) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { error: '「源数据（机读）」不是有效的 JSON，已按表格内容导入' };
  }
  const v = value as Partial<SourceCell> | null;
  if (!v || v.format !== SOURCE_FORMAT || typeof v.body !== 'string' || !v.cells || typeof v.cells !== 'object') {
    return { error: `「源数据（机读）」不是 ${SOURCE_FORMAT} 格式，已按表格内容导入` };
  }
  const fields = powerSchema.safeParse(v.fields);
  if (!fields.success) return { error: '「源数据（机读）」中的字段不符合事项格式，已按表格内容导入' };
  return { format: SOURCE_FORMAT, fields: fields.data, body: v.body, cells: v.cells as Record<string, string> };
}

/**
 * The front matter and body to write: from the source, except the fields of the columns whose text
 * differs from what was exported, which come from the table (`parsed`). `current` holds the
 * row's text by column; `edited` names the changed columns.
 */
export function mergeWithSource(parsed: Record<string, unknown>, source: SourceCell, current: Map<string, string>): { front: Record<string, unknown>; body: string; edited: string[] } {
  // Every column the export wrote is compared; one the sheet no longer has (or left empty) counts as emptied.
  const edited = Object.keys(source.cells).filter((column) => column in COLUMN_FIELDS && source.cells[column] !== cellFingerprint(current.get(column) ?? ''));
  const fromTable = new Set(edited.flatMap((c) => COLUMN_FIELDS[c]!));
  const front: Record<string, unknown> = {};
  for (const field of FIELD_ORDER) {
    const value = fromTable.has(field) ? parsed[field] : source.fields[field];
    if (value !== undefined) front[field] = value;
  }
  return { front, body: source.body, edited };
}
