import type { GridRow } from './grid.ts';
import { clean } from './parse-cells.ts';
import { type ColumnTable, fieldOf, normalizeHeader } from './columns.ts';

/**
 * Reads the shape of a published list: where its header is (one or two rows, repeated per power),
 * which rows are titles, section headings, notes and footers, and which rows make up each power —
 * in horizontal tables (one row or several merged rows per power, 主项/子项 side by side or on rows
 * of their own) and in vertical key–value tables (one small two-column table per power).
 * It knows nothing of the content model; parse-list turns each record into a power file.
 */
export type StructureKind = '空行' | '标题' | '表头' | '类别标题' | '页脚' | '说明';

export interface StructureRow {
  sheet: string;
  row: number;
  kind: StructureKind;
  text: string;
}

export interface RecordCell {
  row: number;
  text: string;
  /** The cell as read, blank lines kept (they align per-line columns such as 办理期限 with the duties). */
  raw?: string;
}

export interface PowerRecord {
  sheet: string;
  rows: number[];
  /** field → the distinct cells of that field, in row order (a merged cell counts once). */
  fields: Map<string, RecordCell[]>;
  /** Columns whose header names no field: header text → cells. */
  extras: Map<string, RecordCell[]>;
  /** Category named by the nearest section heading, title or the sheet name. */
  heading?: { text: string; source: string };
  /** Set on a 子项: the record of its 主项. */
  parent?: PowerRecord;
  /** True for a 主项 made from the 主项 column of a row that also carries a 子项. */
  mainOnly?: boolean;
}

export interface SheetLayout {
  records: PowerRecord[];
  structure: StructureRow[];
  /** The rows that looked like a header but were not taken as one, with what they lacked. */
  headerHints: string[];
  /** Rows that belong to no power and are not structure (no header found above them). */
  skipped: { row: number; reason: string }[];
  layout: '横向表格' | '纵向表格' | '未识别';
}

interface Header {
  fields: (string | undefined)[];
  labels: string[];
}

export function readLayout(rows: GridRow[], sheet: string, table: ColumnTable, categoryNames: string[]): SheetLayout {
  const records: PowerRecord[] = [];
  const structure: StructureRow[] = [];
  const headerHints: string[] = [];
  const skipped: { row: number; reason: string }[] = [];
  let header: Header | undefined;
  let heading: PowerRecord['heading'] = categoryIn(sheet, categoryNames, table) ? { text: sheet, source: `工作表名「${sheet}」` } : undefined;
  let current: PowerRecord | undefined;
  let currentMain: PowerRecord | undefined;
  let kv = false;
  const structural = (row: GridRow, kind: StructureKind, text = '') => structure.push({ sheet, row: row.number, kind, text });

  for (let i = 0; i < rows.length; i++) {
    const row = rows[i]!;
    const cells = row.cells.map((c) => clean(c.text));
    const unique = [...new Set(cells.filter(Boolean))];
    if (unique.length === 0) {
      structural(row, '空行');
      if (!kv) current = undefined;
      continue;
    }
    const found = headerFields(cells, table);
    if (found) {
      // The second row of a header merged over two rows (「职责边界划分」 over 「县级部门 | 乡镇(街道)」)
      // repeats the merged names: its own names are labelled under the group above them.
      const above = structure.at(-1);
      if (header && above?.kind === '表头' && above.row === row.number - 1) {
        found.labels = found.labels.map((label, col) => {
          const group = header!.labels[col];
          return group && label && group !== label && !group.endsWith(`·${label}`) ? `${group}·${label}` : label;
        });
      }
      const next = rows[i + 1];
      header = found;
      if (next && mergeSecondHeaderRow(header, next.cells.map((c) => clean(c.text)), table)) {
        structural(row, '表头', unique.join(' '));
        structural(next, '表头', next.cells.map((c) => clean(c.text)).filter(Boolean).join(' '));
        i++;
      } else structural(row, '表头', unique.join(' '));
      current = undefined;
      currentMain = undefined;
      kv = false;
      continue;
    }
    if (unique.length === 1) {
      const text = unique[0]!;
      if (table.footerKeywords.some((k) => text.includes(k))) {
        structural(row, '页脚', text);
        current = undefined;
        continue;
      }
      if (table.notePrefixes.some((p) => text.startsWith(p))) {
        structural(row, '说明', text);
        continue;
      }
      const onlyField = header ? fieldAt(header, cells, text) : undefined;
      if (header && current && onlyField && onlyField !== '职权名称' && onlyField !== '序号' && onlyField !== '职权类别') {
        addRow(current, row, header, cells);
        continue;
      }
      if (!kv && text.length <= 60 && categoryIn(text, categoryNames, table) && !(header && onlyField === '职权名称')) {
        heading = { text, source: `第 ${row.number} 行「${text}」` };
        structural(row, '类别标题', text);
        current = undefined;
        continue;
      }
      if (!header && !kv && !fieldOf(table, text.split(/[：:]/)[0]!)) {
        structural(row, '标题', text);
        continue;
      }
    }
    if (!header) {
      // Vertical key–value table: the first filled cell names a field, the rest of the row is its value.
      const keyIndex = cells.findIndex(Boolean);
      const key = cells[keyIndex]!;
      const field = fieldOf(table, key);
      const rest = distinct(row.cells.slice(keyIndex + 1));
      // 「实施主体 | 安监局 | 行使层级 | 本级保留」: further key–value pairs on the same row.
      const pairAt = rest.findIndex((t, j) => j > 0 && fieldOf(table, t) !== undefined);
      const value = (pairAt > 0 ? rest.slice(0, pairAt) : rest).join('\n');
      const pairs: [string, string][] = [];
      if (pairAt > 0) for (let j = pairAt; j < rest.length; j += 2) pairs.push([rest[j]!, rest[j + 1] ?? '']);
      const named = cells.filter((c) => c && fieldOf(table, c)).length;
      if (named >= 2 && named >= unique.length - 1) {
        // Column names side by side: a header without a name column, not a key–value row.
        headerHints.push(`第 ${row.number} 行像是表头（${unique.join('、')}），但缺少「职权名称」「事项名称」「权力名称」一类的列（可用的列名见 content/import/columns.yaml）`);
        skipped.push({ row: row.number, reason: `像是表头，但缺少职权名称列：${unique.join(' ')}` });
        continue;
      }
      if (field) {
        if (!kv || !current || field === '序号' || (current.fields.has(field) && field !== '责任事项')) {
          current = newRecord(sheet, heading);
          records.push(current);
          kv = true;
          // A table whose name is written as a caption line above its first key (「生产、储存危险化学品的
          // 建设项目安全设施设计审查、竣工验收」 then 「类别 | 行政许可」) takes that line as its name.
          const caption = structure.at(-1);
          if (field !== '职权名称' && field !== '序号' && caption?.kind === '标题' && caption.row === row.number - 1) {
            structure.pop();
            current.rows.push(caption.row);
            push(current.fields, '职权名称', { row: caption.row, text: caption.text });
          }
        }
        current.rows.push(row.number);
        push(current.fields, field, { row: row.number, text: value });
        for (const [k, v] of pairs) {
          const f = fieldOf(table, k)!;
          push(current.fields, f, { row: row.number, text: v });
        }
        continue;
      }
      if (kv && current && unique.length >= 1 && keyIndex >= 0 && value) {
        current.rows.push(row.number);
        push(current.extras, key, { row: row.number, text: value });
        continue;
      }
      if (kv && current && unique.length === 1) {
        // A line of text under the last key (a value written on the rows below its key).
        const lastField = [...current.fields.keys()].at(-1)!;
        current.rows.push(row.number);
        push(current.fields, lastField, { row: row.number, text: unique[0]! });
        continue;
      }
      if (unique.length > 1 || headerHints.length) skipped.push({ row: row.number, reason: `没有找到表头，这一行无法归入任何事项：${unique.join(' ').slice(0, 200)}` });
      else structural(row, '标题', unique.join(' '));
      continue;
    }
    // A data row of a horizontal table.
    const name = valueOf(header, row, '职权名称');
    const child = valueOf(header, row, '子项名称');
    const seq = valueOf(header, row, '序号');
    const hasChild = Boolean(child.text) && !table.noChild.has(child.text) && child.text !== name.text;
    const sameName = current && name.text && name.master === masterOf(header, rowsOf(rows, current.rows[0]!), '职权名称');
    const sameSeq = current && seq.text && seq.master === masterOf(header, rowsOf(rows, current.rows[0]!), '序号');
    if (current && ((sameName && (!hasChild || child.master === masterOf(header, rowsOf(rows, current.rows[0]!), '子项名称'))) || (!name.text && !seq.text && !hasChild) || (sameSeq && !name.text))) {
      addRow(current, row, header, cells);
      continue;
    }
    if (hasChild) {
      const mainName = name.text || currentMain?.fields.get('职权名称')?.[0]?.text || current?.fields.get('职权名称')?.[0]?.text;
      let main = currentMain && mainName === currentMain.fields.get('职权名称')?.[0]?.text ? currentMain : undefined;
      if (!main && !name.text && current && !current.parent) main = current;
      if (!main) {
        main = newRecord(sheet, heading);
        main.mainOnly = true;
        main.rows.push(row.number);
        for (const f of ['序号', '职权名称', '职权类别', '实施主体', '行使层级']) {
          const v = valueOf(header, row, f);
          if (v.text) push(main.fields, f, { row: row.number, text: v.text });
        }
        records.push(main);
      }
      currentMain = main;
      current = newRecord(sheet, heading);
      current.parent = main;
      records.push(current);
      addRow(current, row, header, cells, main.mainOnly ? new Set(['序号', '职权名称']) : new Set());
      continue;
    }
    current = newRecord(sheet, heading);
    currentMain = current;
    records.push(current);
    addRow(current, row, header, cells);
  }
  const layout = kv ? '纵向表格' : header ? '横向表格' : '未识别';
  if (!header && !kv && headerHints.length === 0) {
    const best = rows.map((r) => ({ r, n: r.cells.filter((c) => fieldOf(table, clean(c.text))).length })).sort((a, b) => b.n - a.n)[0];
    if (best && best.n >= 1) headerHints.push(`第 ${best.r.number} 行像是表头，但缺少「职权名称」一类的列（识别到 ${best.n} 个列名；可用的列名见 content/import/columns.yaml）`);
  }
  return { records, structure, skipped, headerHints, layout };

  function rowsOf(all: GridRow[], number: number): GridRow {
    return all.find((r) => r.number === number)!;
  }
  function addRow(record: PowerRecord, row: GridRow, h: Header, cells: string[], skip = new Set<string>()) {
    const first = record.rows.length === 0 ? undefined : rows.find((r) => r.number === record.rows.at(-1));
    record.rows.push(row.number);
    h.fields.forEach((field, col) => {
      const text = cells[col] ?? '';
      // A merged cell spanning this row and the previous one was already taken.
      if (first && first.cells[col] && row.cells[col] && first.cells[col]!.master === row.cells[col]!.master) return;
      if (field && skip.has(field)) return;
      if (field) push(record.fields, field, { row: row.number, text, raw: row.cells[col]?.text ?? '' });
      else if (text) push(record.extras, h.labels[col] || `第 ${col + 1} 列`, { row: row.number, text });
    });
  }
}

function newRecord(sheet: string, heading: PowerRecord['heading']): PowerRecord {
  return { sheet, rows: [], fields: new Map(), extras: new Map(), heading };
}

function push<K>(map: Map<K, RecordCell[]>, key: K, cell: RecordCell) {
  const list = map.get(key);
  if (list) list.push(cell);
  else map.set(key, [cell]);
}

function distinct(cells: GridRow['cells']): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const c of cells) {
    const t = clean(c.text);
    if (!t || seen.has(c.master)) continue;
    seen.add(c.master);
    if (out.at(-1) !== t) out.push(t);
  }
  return out;
}

function headerFields(cells: string[], table: ColumnTable): Header | undefined {
  const fields = cells.map((c) => fieldOf(table, c));
  const named = new Set(fields.filter(Boolean));
  if (!named.has('职权名称') && !named.has('子项名称')) return undefined;
  // A header names at least one more field, and is mostly made of column names.
  const filled = cells.filter(Boolean).length;
  if (named.size < 2 || fields.filter(Boolean).length < filled / 3) return undefined;
  const seen = new Set<string>();
  return {
    fields: fields.map((f) => {
      if (!f || seen.has(f)) return f && seen.has(f) ? undefined : f;
      seen.add(f);
      return f;
    }),
    labels: cells.map((c) => c.replace(/\s+/g, '')),
  };
}

/** 项目/子项 (or 大项/子项) under a merged 职权名称, or further column names under a merged group. */
function mergeSecondHeaderRow(header: Header, next: string[], table: ColumnTable): boolean {
  const filled = next.map((c, i) => [c, i] as const).filter(([c]) => c);
  if (filled.length === 0) return false;
  const recognised = filled.every(([c]) => table.twoRowParent.has(normalizeHeader(c)) || table.twoRowChild.has(normalizeHeader(c)) || fieldOf(table, c));
  if (!recognised) return false;
  for (const [c, i] of filled) {
    const key = normalizeHeader(c);
    const above = header.fields[i] ?? header.fields.slice(0, i).reverse().find(Boolean);
    if (table.twoRowChild.has(key)) header.fields[i] = '子项名称';
    else if (table.twoRowParent.has(key) && (above === '职权名称' || header.fields[i] === undefined)) header.fields[i] = '职权名称';
    else header.fields[i] = fieldOf(table, c);
    header.labels[i] = `${header.labels[i] || header.labels.slice(0, i).reverse().find(Boolean) || ''}·${c}`;
  }
  return true;
}

function fieldAt(header: Header, cells: string[], text: string): string | undefined {
  const col = cells.indexOf(text);
  return col >= 0 ? header.fields[col] : undefined;
}

function valueOf(header: Header, row: GridRow, field: string): { text: string; master: string } {
  const col = header.fields.indexOf(field);
  if (col < 0) return { text: '', master: '' };
  const cell = row.cells[col];
  return { text: clean(cell?.text ?? ''), master: cell?.master ?? '' };
}

function masterOf(header: Header, row: GridRow, field: string): string {
  return valueOf(header, row, field).master;
}

/** The category a title or heading names: 「（一）行政许可类（共5项）」, 「…清单(行政处罚372项)」, 「其他权力」. */
export function categoryIn(text: string, names: string[], table: ColumnTable): string | undefined {
  // Aliases first, longest first, and taken out of the text: 「非行政许可的行政审批」 names no 行政许可.
  const hits: string[] = [];
  let rest = text;
  for (const [alias, name] of [...table.categoryAliases].sort((a, b) => b[0].length - a[0].length)) {
    if (!rest.includes(alias)) continue;
    if (!hits.includes(name)) hits.push(name);
    rest = rest.split(alias).join('｜');
  }
  for (const n of names) if (rest.includes(n) && !hits.includes(n)) hits.push(n);
  return hits.length === 1 ? hits[0] : undefined;
}
