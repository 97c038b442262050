import { stringify } from 'yaml';
import { parseLimitText } from '../lib/time-limit.ts';
import { normalizeForQuote } from '../lib/statute.ts';
import type { DepartmentModel, LawModel, Model } from '../model/types.ts';
import { EXTENSION_COLUMNS } from '../generators/exports/extension-columns.ts';
import type { GridRow } from './grid.ts';
import { mergeWithSource, readSourceCell } from './source-column.ts';
import { clean, NUMBERING, parseCitation, parseDuty, splitNumbered } from './parse-cells.ts';

export interface ImportedPower {
  code: string;
  name: string;
  rows: [number, number];
  text: string;
  notes: string[];
}

export interface RowReport {
  rows: [number, number];
  status: 'imported' | 'structure' | 'skipped';
  message: string;
}

export interface MissingLaw {
  name: string;
  id: string;
  rows: number[];
  suggestion: string;
}

export interface ImportResult {
  powers: ImportedPower[];
  report: RowReport[];
  missingLaws: MissingLaw[];
}

const OFFICIAL_COLUMNS = ['职权类别', '职权名称', '实施依据', '责任事项', '办理期限', '收费情况', '违法责任'] as const;
type Column = (typeof OFFICIAL_COLUMNS)[number] | (typeof EXTENSION_COLUMNS)[number];
const PER_DUTY = new Set<Column>(['责任事项', '办理期限', '环节依据']);

interface Group {
  rows: GridRow[];
  columns: Map<Column, number>;
  heading?: string;
}

/**
 * Reads a 权责清单 in the official layout (merged cells, numbered citations and duties) into power
 * entries. Every row is accounted for in the report: part of an imported power (with its row
 * range), a structural row (title, heading, header, footer, blank), or skipped with the reason.
 */
export function parseList(rows: GridRow[], model: Model, department: DepartmentModel, options: { unit?: string; prefix?: string; source: string }): ImportResult {
  const report: RowReport[] = [];
  const groups: Group[] = [];
  let columns: Map<Column, number> | undefined;
  let heading: string | undefined;
  let current: Group | undefined;
  const text = (row: GridRow, col: Column) => {
    const i = columns?.get(col);
    return i === undefined ? '' : clean(row.cells[i]?.text ?? '');
  };
  /** A cell's text as read, without the clean-up: for comparing with what the export wrote. */
  const rawText = (row: GridRow, col: Column) => {
    const i = columns?.get(col);
    return i === undefined ? '' : (row.cells[i]?.text ?? '');
  };
  const masterOf = (row: GridRow, col: Column) => {
    const i = columns?.get(col);
    return i === undefined ? '' : (row.cells[i]?.master ?? '');
  };
  for (const row of rows) {
    const cells = row.cells.map((c) => clean(c.text));
    const filled = cells.filter(Boolean);
    const range: [number, number] = [row.number, row.number];
    if (filled.length === 0) {
      report.push({ rows: range, status: 'structure', message: '空行' });
      current = undefined;
      continue;
    }
    const header = headerColumns(cells);
    if (header) {
      columns = header;
      current = undefined;
      report.push({ rows: range, status: 'structure', message: '表头' });
      continue;
    }
    const unique = new Set(filled);
    if (unique.size === 1 && /^[（(][一二三四五六七八九十]+[)）].+?类/.test(filled[0]!)) {
      heading = filled[0];
      current = undefined;
      report.push({ rows: range, status: 'structure', message: `类别标题：${filled[0]}` });
      continue;
    }
    if (unique.size === 1 && /(服务机构|投诉机构|服务电话|投诉电话)/.test(filled[0]!)) {
      report.push({ rows: range, status: 'structure', message: '服务与投诉信息' });
      current = undefined;
      continue;
    }
    if (!columns) {
      report.push({ rows: range, status: 'structure', message: `表头之前的标题：${filled[0]!.slice(0, 30)}` });
      continue;
    }
    const name = text(row, '职权名称');
    // A row belongs to the power above when its name cell is merged with it, or (layouts without
    // merged cells) when it only fills the per-duty columns.
    const perDutyOnly = [...columns.entries()].every(([col, i]) => PER_DUTY.has(col) || !clean(row.cells[i]?.text ?? ''));
    const continues = current && (masterOf(row, '职权名称') === masterOf(current.rows[0]!, '职权名称') || (!name && perDutyOnly));
    if (continues) {
      current!.rows.push(row);
      continue;
    }
    if (!name) {
      report.push({ rows: range, status: 'skipped', message: `没有职权名称，也不属于上一个事项：${filled.join(' ').slice(0, 40)}` });
      continue;
    }
    current = { rows: [row], columns, heading };
    groups.push(current);
  }

  const missing = new Map<string, MissingLaw>();
  const used = new Set(model.powers.map((p) => p.code));
  const powers: ImportedPower[] = [];
  for (const group of groups) {
    columns = group.columns;
    const first = group.rows[0]!;
    const rowsRange: [number, number] = [first.number, group.rows.at(-1)!.number];
    const result = buildPower(group, first, rowsRange);
    if ('error' in result) report.push({ rows: rowsRange, status: 'skipped', message: result.error });
    else {
      powers.push(result);
      used.add(result.code);
      report.push({ rows: rowsRange, status: 'imported', message: `${result.code} ${result.name}${result.notes.length ? `（${result.notes.join('；')}）` : ''}` });
    }
  }
  report.sort((a, b) => a.rows[0] - b.rows[0]);
  return { powers, report, missingLaws: [...missing.values()] };

  function buildPower(group: Group, first: GridRow, rowsRange: [number, number]): ImportedPower | { error: string } {
    const notes: string[] = [];
    const name = text(first, '职权名称');
    const catText = (text(first, '职权类别') || group.heading?.replace(/^[（(][一二三四五六七八九十]+[)）]/, '').replace(/[（(]共.*$/, '') || '').trim();
    const catMatch = /^(.+?)类?(?:[（(](.+?)[)）])?$/.exec(catText);
    const category = model.stageTable.categories.find((c) => c.name === catMatch?.[1]?.replace(/类$/, '') || c.name === catText.replace(/类$/, ''));
    if (!category) return { error: `职权类别「${catText}」无法识别（可选：${model.stageTable.categories.map((c) => c.name).join('、')}）` };
    let procedure = text(first, '程序') || catMatch?.[2];
    if (category.hasVariants && !category.procedures.some((p) => p.name === procedure)) {
      procedure = category.procedures[0]!.name;
      notes.push(`未注明程序，按${procedure}处理`);
    }
    if (!category.hasVariants) procedure = undefined;

    const unitName = text(first, '承办机构');
    const duties = collect(group, '责任事项').map((t, i) => ({ parsed: parseDuty(t), raw: t, row: group.rows[Math.min(i, group.rows.length - 1)]!.number }));
    const limits = collect(group, '办理期限');
    const stageBases = collect(group, '环节依据');
    const unit =
      department.units.find((u) => u.name === unitName || u.id === unitName) ??
      (options.unit ? department.unitById.get(options.unit) : undefined) ??
      bestUnit(department, duties.map((d) => d.parsed?.post).filter((p): p is string => Boolean(p)));
    if (!unit) return { error: '无法确定承办机构：请用 --unit 指定' };

    const stages: Record<string, unknown>[] = [];
    duties.forEach((d, i) => {
      if (!d.parsed) {
        if (normalizeForQuote(d.raw.replace(NUMBERING, '')).startsWith(normalizeForQuote(model.stageTable.otherStage.duty).slice(0, 12))) return;
        if (d.raw) notes.push(`第 ${d.row} 行责任事项无法识别：${d.raw.slice(0, 20)}`);
        return;
      }
      const stage: Record<string, unknown> = { stage: d.parsed.stage };
      if (d.parsed.post) stage.post = d.parsed.post;
      if (d.parsed.unitName) {
        const other = department.units.find((u) => u.name === d.parsed!.unitName);
        if (other && other.id !== unit.id) stage.unit = other.id;
        else if (!other) notes.push(`第 ${d.row} 行的机构「${d.parsed.unitName}」不在部门文件中`);
      }
      stage.duty = d.parsed.duty;
      const limit = limits[i]?.trim();
      if (limit) {
        if (parseLimitText(limit)) stage.limit = limit;
        else notes.push(`第 ${d.row} 行办理期限「${limit}」无法识别，未导入该期限`);
      }
      const basis = stageBases[i] && parseCitation(stageBases[i]!);
      if (basis) {
        const law = findLaw(basis.lawName);
        if (law) stage.basis = { law: law.id, article: basis.article };
      }
      stages.push(stage);
    });

    const versions = text(first, '依据版本').split('\n').filter(Boolean);
    const basis = splitNumbered(text(first, '实施依据')).flatMap((item, i) => {
      const c = parseCitation(item.replace(/”。$/, '”'));
      if (!c) {
        notes.push(`实施依据第 ${i + 1} 条无法识别：${item.slice(0, 30)}`);
        return [];
      }
      const law = findLaw(c.lawName);
      const id = law?.id ?? missingLaw(c.lawName, first.number);
      const version = versions[i] ?? law?.latest.date ?? '待填写';
      if (!versions[i] && law) notes.push(`《${law.short}》未注明版本，按最新版本 ${version} 处理`);
      return [{ law: id, article: c.article, version, ...(c.quote ? { quote: c.quote } : {}) }];
    });

    const feeText = text(first, '收费情况');
    let fee: Record<string, unknown> | undefined;
    if (/^(否|不收费|无|免费)/.test(feeText)) fee = { charged: false };
    else if (/^(是|收费)/.test(feeText)) {
      const standard = /收费标准[：:]\s*([^；;]+)/.exec(feeText)?.[1]?.trim();
      const feeBasis = /收费依据[：:]\s*(.+)$/.exec(feeText)?.[1]?.trim();
      fee = { charged: true, ...(feeBasis ? { basis: feeBasis } : {}), ...(standard ? { standard } : {}) };
    } else if (category.fee) notes.push('收费情况未填写');

    const liabilityText = text(first, '违法责任');
    const paragraphs = liabilityText.split('\n').filter(Boolean);
    const standard = model.stageTable.liability.map(normalizeForQuote).join('');
    const liability = !liabilityText || normalizeForQuote(paragraphs.join('')) === standard ? undefined : paragraphs.length === 1 ? paragraphs[0] : paragraphs;

    const code = text(first, '事项编码') || nextCode(category.code);
    const targets = text(first, '实施对象').split(/[、，,\s]+/).filter(Boolean);
    const accountability = text(first, '追责情形')
      .split('\n')
      .filter(Boolean)
      .map((line) => {
        const m = /^(.*?)（依据：(《.+?》.+?)）$/.exec(line);
        const ref = m && parseCitation(m[2]!);
        const law = ref && findLaw(ref.lawName);
        return law ? { situation: m![1], basis: { law: law.id, article: ref!.article } } : { situation: line };
      });
    const front: Record<string, unknown> = {
      code,
      name,
      category: category.name,
      ...(procedure ? { procedure } : {}),
      ...(text(first, '主项编码') ? { parent: text(first, '主项编码') } : {}),
      unit: unit.id,
      ...(text(first, '配合部门') ? { partners: text(first, '配合部门').split('、') } : {}),
      level: text(first, '行使层级') || department.level,
      target: targets.length ? targets : ['公民', '法人', '其他组织'],
      basis,
      stages,
      ...(fee ? { fee } : {}),
      ...(liability ? { liability } : {}),
      ...(accountability.length ? { accountability } : {}),
      status: text(first, '状态') || '有效',
      ...(text(first, '备注') ? { notes: text(first, '备注') } : {}),
      ...derivedFields(text(first, '其他清单（机读）'), notes),
    };
    if (!targets.length) notes.push('未注明实施对象，按公民、法人、其他组织处理');
    const header = `# 由 quanze import 从 ${options.source} 第 ${rowsRange[0]}–${rowsRange[1]} 行导入\n`;
    // A list exported by Quanze carries each power file whole: what nobody edited comes back exactly.
    const source = readSourceCell(rawText(first, '源数据（机读）'));
    if (source && 'error' in source) notes.push(source.error);
    else if (source) {
      const current = new Map([...columns!.keys()].filter((c) => c !== '源数据（机读）').map((c) => [c as string, rawText(first, c)]));
      const merged = mergeWithSource(front, source, current);
      if (merged.edited.length) notes.push(`表格中改动了 ${merged.edited.join('、')}：这些列按表格内容导入，其余字段和正文取自「源数据（机读）」`);
      else notes.length = 0;
      const code = String(merged.front.code);
      return { code, name: String(merged.front.name), rows: rowsRange, text: `---\n${header}${stringify(merged.front, { lineWidth: 0 })}---\n${merged.body}`, notes };
    }
    const yaml = stringify(front, { lineWidth: 0 });
    return { code, name, rows: rowsRange, text: `---\n${header}${yaml}---\n`, notes };
  }

  /** A per-duty column: one cell per row (merged layout), or one cell of lines (one row per power). */
  function collect(group: Group, col: Column): string[] {
    if (group.rows.length > 1) return group.rows.map((r) => text(r, col));
    const i = columns?.get(col);
    const raw = i === undefined ? '' : (group.rows[0]!.cells[i]?.text ?? '');
    if (col === '责任事项') return splitNumbered(raw);
    // Keep empty lines: they align limits with the duties that have none.
    return raw.replace(/\r\n?/g, '\n').split('\n').map((l) => clean(l));
  }

  function findLaw(name: string): LawModel | undefined {
    const n = name.replace(/^中华人民共和国/, '').replace(/[《》\s]/g, '');
    return [...model.laws.values()].find((l) => l.short === n || l.title.replace(/^中华人民共和国/, '') === n || l.title === name);
  }

  function missingLaw(name: string, row: number): string {
    const known = missing.get(name);
    if (known) {
      known.rows.push(row);
      return known.id;
    }
    const id = `new-law-${missing.size + 1}`;
    missing.set(name, {
      name,
      id,
      rows: [row],
      suggestion: `# content/laws/${id}.yaml（请改用正式的法律标识，并核对版本）\nid: ${id}\ntitle: ${name}\nshort: ${name.replace(/^中华人民共和国/, '')}\nlevel: ${/条例$/.test(name) ? '行政法规' : /法$/.test(name) ? '法律' : '规范性文件'}\nissuer: 待填写\nversions:\n  - date: 待填写\n    kind: 制定\nstatus: 现行有效\n`,
    });
    return id;
  }

  function nextCode(categoryCode: string): string {
    const prefix = options.prefix ?? model.powers.find((p) => p.department.id === department.id)?.code.split('-')[1] ?? 'XX';
    for (let n = 1; n < 1000; n++) {
      const code = `${department.region}-${prefix}-${categoryCode}-${String(n).padStart(3, '0')}`;
      if (!used.has(code)) {
        used.add(code);
        return code;
      }
    }
    throw new Error('no free code');
  }
}

/** The machine-readable column written by the export: the derived-list fields as JSON. */
function derivedFields(cell: string, notes: string[]): Record<string, unknown> {
  if (!cell) return {};
  try {
    const value = JSON.parse(cell);
    return value && typeof value === 'object' && !Array.isArray(value) ? value : {};
  } catch {
    notes.push('「其他清单（机读）」列不是有效的 JSON，已忽略');
    return {};
  }
}

function headerColumns(cells: string[]): Map<Column, number> | undefined {
  const names = cells.map((c) => c.replace(/\s+/g, '').replace(/[（(].*?[)）]/g, ''));
  if (!names.includes('职权名称') || !names.some((n) => n.startsWith('责任事项'))) return undefined;
  const map = new Map<Column, number>();
  names.forEach((n, i) => {
    const col = [...OFFICIAL_COLUMNS, ...EXTENSION_COLUMNS].find((c) => n === c || n.startsWith(c) || n === c.replace(/[（(].*?[)）]/g, ''));
    if (col && !map.has(col)) map.set(col, i);
  });
  return map;
}

function bestUnit(department: DepartmentModel, posts: string[]) {
  let best: DepartmentModel['units'][number] | undefined;
  let score = 0;
  for (const unit of department.units) {
    const s = posts.filter((p) => unit.posts.includes(p)).length;
    if (s > score) {
      best = unit;
      score = s;
    }
  }
  return best;
}
