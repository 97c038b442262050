import { parseBasisCell } from '../../import/citations.ts';
import { type ColumnTable } from '../../import/columns.ts';
import { categoryIn, readLayout, type PowerRecord } from '../../import/layout.ts';
import type { Workbook } from '../../import/sheets.ts';
import { DEPARTMENT_LEVELS } from '../../schema/department.ts';
import type { DirectoryItem } from '../../schema/directory.ts';
import type { LawModel, Model } from '../../model/types.ts';
import { lawKey } from './normalize.ts';

type Level = (typeof DEPARTMENT_LEVELS)[number];

export interface DirectoryImportOptions {
  columns: ColumnTable;
  /** Levels for every item when the sheet has no 行使层级 column. */
  levels?: Level[];
  /** Category for items when the sheet has neither a category column nor a category heading. */
  category?: string;
}

/** One row (or range of rows) of the sheet and what became of it. */
export interface DirectoryRowReport {
  sheet: string;
  rows: [number, number];
  status: 'item' | 'structure' | 'skipped';
  message: string;
}

export interface DirectoryImport {
  items: DirectoryItem[];
  report: DirectoryRowReport[];
  /** Citations that could not be carried into the directory (law not in the registry), by law name. */
  unregisteredLaws: Map<string, number>;
  rowCounts: { total: number; items: number; structure: number; skipped: number };
  /** The first title row of the first sheet, offered as the directory's title. */
  title?: string;
}

const LEVEL_WORDS: [RegExp, Level][] = [
  [/省/, '省级'],
  [/市|州|盟|地区/, '市级'],
  [/县|区|旗/, '县级'],
  [/乡|镇|街道/, '乡级'],
];

/**
 * A published directory (通用目录) or list read through the list importer's own reading of
 * sheets and columns (layout.ts, content/import/columns.yaml) and turned into directory items:
 * code from 事项编码 (else 序号), name, category (column, heading or --category), 子项 under their
 * 主项, levels from 行使层级 (else --levels) and the basis articles of registered laws. Every row is
 * accounted for: an item, a structure row (title, header, heading, note) or skipped with a reason.
 */
export function directoryFromWorkbook(workbook: Workbook, model: Model, options: DirectoryImportOptions): DirectoryImport {
  const categoryNames = model.stageTable.categories.map((c) => c.name);
  const items: DirectoryItem[] = [];
  const report: DirectoryRowReport[] = [];
  const unregisteredLaws = new Map<string, number>();
  const codes = new Set<string>();
  let title: string | undefined;
  let total = 0;

  for (const sheet of workbook.sheets) {
    total += sheet.rows.length;
    const layout = readLayout(sheet.rows, sheet.name, options.columns, categoryNames);
    title ??= layout.structure.find((s) => s.kind === '标题')?.text;
    for (const s of layout.structure) report.push({ sheet: sheet.name, rows: [s.row, s.row], status: 'structure', message: `${s.kind}${s.text ? `：${s.text}` : ''}` });
    for (const s of layout.skipped) report.push({ sheet: sheet.name, rows: [s.row, s.row], status: 'skipped', message: s.reason });
    const codeOf = new Map<PowerRecord, string>();
    const childCount = new Map<string, number>();
    for (const record of layout.records) {
      const rows: [number, number] = [Math.min(...record.rows), Math.max(...record.rows)];
      const result = itemOf(record, codeOf, childCount);
      if ('error' in result) {
        report.push({ sheet: sheet.name, rows, status: 'skipped', message: result.error });
        continue;
      }
      if (codes.has(result.code)) {
        report.push({ sheet: sheet.name, rows, status: 'skipped', message: `目录编码「${result.code}」与前面的事项重复：请在表中填写不重复的事项编码` });
        continue;
      }
      codes.add(result.code);
      codeOf.set(record, result.code);
      items.push(result);
      report.push({ sheet: sheet.name, rows, status: 'item', message: `${result.code} ${result.name}（${result.category}；${result.levels.join('、')}）` });
    }
  }

  // A 主项 is exercised wherever one of its 子项 is: 「1 对国有企业…的审查」 with a 市 and a 县 子项 is 市级、县级.
  for (const item of items) {
    if (item.parent === undefined) continue;
    const parent = items.find((i) => i.code === item.parent)!;
    parent.levels = DEPARTMENT_LEVELS.filter((l) => parent.levels.includes(l) || item.levels.includes(l));
  }

  // A row shared by a 主项 and its first 子项 counts once; an item row outranks anything else said of it.
  const statusOf = new Map<string, DirectoryRowReport['status']>();
  const rank = { item: 3, skipped: 2, structure: 1 } as const;
  for (const r of report) {
    for (let n = r.rows[0]; n <= r.rows[1]; n++) {
      const key = `${r.sheet}:${n}`;
      const before = statusOf.get(key);
      if (!before || rank[r.status] > rank[before]) statusOf.set(key, r.status);
    }
  }
  for (const sheet of workbook.sheets) {
    for (const row of sheet.rows) {
      if (statusOf.has(`${sheet.name}:${row.number}`)) continue;
      statusOf.set(`${sheet.name}:${row.number}`, 'skipped');
      report.push({ sheet: sheet.name, rows: [row.number, row.number], status: 'skipped', message: '不属于任何事项（表头之前或无法识别的行）' });
    }
  }
  const count = (status: DirectoryRowReport['status']) => [...statusOf.values()].filter((s) => s === status).length;
  report.sort((a, b) => a.sheet.localeCompare(b.sheet) || a.rows[0] - b.rows[0]);
  return {
    items,
    report,
    unregisteredLaws,
    rowCounts: { total, items: count('item'), structure: count('structure'), skipped: count('skipped') },
    ...(title ? { title } : {}),
  };

  function itemOf(record: PowerRecord, codeOf: Map<PowerRecord, string>, childCount: Map<string, number>): DirectoryItem | { error: string } {
    const first = (field: string, from: PowerRecord = record) => (from.fields.get(field) ?? []).map((c) => c.text).find(Boolean) ?? '';
    const name = record.parent ? first('子项名称') : first('职权名称');
    if (!name) return { error: '没有事项名称（应为「事项名称」「职权名称」等列中的文字）' };

    const categoryText = first('职权类别') || (record.parent ? first('职权类别', record.parent) : '');
    const fromText = (t: string) => categoryIn(t.replace(/类$/, ''), categoryNames, options.columns) ?? categoryNames.find((n) => t.replace(/类$/, '').startsWith(n));
    const category = (categoryText && fromText(categoryText)) || (!categoryText && record.heading ? categoryIn(record.heading.text, categoryNames, options.columns) : undefined) || (!categoryText ? options.category : undefined);
    if (!category) {
      return { error: categoryText ? `职权类别「${categoryText}」无法识别：应为 ${categoryNames.join('、')} 之一` : `没有职权类别：表中没有类别列或类别标题；请用 --category 指定（${categoryNames.join('、')}）` };
    }

    const levelText = first('行使层级') || (record.parent ? first('行使层级', record.parent) : '');
    const levels = levelText ? levelsOf(levelText) : options.levels;
    if (!levels?.length) {
      return { error: levelText ? `行使层级「${levelText}」无法识别：应含 省、市、县、乡 之一` : '没有行使层级：表中没有「行使层级」列；请用 --levels 指定，例如 --levels 县级' };
    }

    const parentCode = record.parent ? codeOf.get(record.parent) : undefined;
    if (record.parent && !parentCode) return { error: `子项「${name}」的主项未能读取` };
    const ownCode = first('事项编码');
    let code = ownCode;
    if (!code && parentCode) {
      const n = (childCount.get(parentCode) ?? 0) + 1;
      childCount.set(parentCode, n);
      code = `${parentCode}-${String(n).padStart(2, '0')}`;
    }
    code ||= first('序号');
    if (!code) return { error: `事项「${name}」没有事项编码，也没有序号：请在表中加「事项编码」列` };

    const basis: NonNullable<DirectoryItem['basis']> = [];
    const basisText = (record.fields.get('实施依据') ?? []).map((c) => c.text).join('\n');
    for (const citation of parseBasisCell(basisText).citations) {
      const law = findLaw(citation.lawName);
      if (!law) {
        unregisteredLaws.set(citation.lawName, (unregisteredLaws.get(citation.lawName) ?? 0) + 1);
        continue;
      }
      if (!basis.some((b) => b.law === law.id && b.article === citation.article)) basis.push({ law: law.id, article: citation.article });
    }
    const note = first('备注');
    return {
      code,
      name,
      category,
      ...(parentCode ? { parent: parentCode } : {}),
      levels: [...levels],
      ...(basis.length ? { basis } : {}),
      ...(note ? { note } : {}),
    };
  }

  function findLaw(name: string): LawModel | undefined {
    const key = lawKey(name);
    return [...model.laws.values()].find((l) => lawKey(l.title) === key || lawKey(l.short) === key);
  }
}

/** 「省级、市级、县级」「市、县」「县（市、区）级」 → the levels named, in the fixed order. */
export function levelsOf(text: string): Level[] {
  // 「县（市、区）级」 is one level: the bracket lists what counts as a county.
  const parts = text.replace(/[（(][^）)]*[）)]/g, '').split(/[、，,；;/\s和及]+/).filter(Boolean);
  const found = new Set<Level>();
  for (const part of parts) {
    const hit = LEVEL_WORDS.find(([re]) => re.test(part));
    if (hit) found.add(hit[1]);
  }
  return DEPARTMENT_LEVELS.filter((l) => found.has(l));
}
