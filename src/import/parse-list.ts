import { stringify } from 'yaml';
import { parseLimitText } from '../lib/time-limit.ts';
import { parseFeeCell } from '../lib/fee-text.ts';
import { normalizeForQuote } from '../lib/statute.ts';
import { codeRegex } from '../model/stage-table.ts';
import type { DepartmentModel, LawModel, Model } from '../model/types.ts';
import { TARGETS } from '../schema/power.ts';
import { derivedListKeys } from '../derived-lists/index.ts';
import type { GridRow } from './grid.ts';
import { mergeWithSource, readSourceCell } from './source-column.ts';
import { SOURCE_COLUMN } from '../generators/exports/source-column.ts';
import { parseBasisCell } from './citations.ts';
import { type ColumnTable, loadColumnTable } from './columns.ts';
import { categoryIn, readLayout, type PowerRecord, type StructureRow } from './layout.ts';
import { clean, parseCitation, parseDuties, parseTargets } from './parse-cells.ts';

/** What a person must still do about an imported power, by kind (for the per-kind counts). */
export type FindingKind = '岗位' | '法规库' | '版本' | '条款' | '实施依据' | '责任事项' | '环节' | '实施对象' | '承办机构' | '期限' | '类别';

export interface ImportFinding {
  kind: FindingKind;
  message: string;
}

export interface ImportedPower {
  code: string;
  name: string;
  rows: [number, number];
  sheet: string;
  text: string;
  /** One line per thing to check or fill in (also in findings, with its kind). */
  notes: string[];
  findings: ImportFinding[];
  parent?: string;
  category: string;
  citations: number;
  /** Text kept in the body under 「导入时未能识别的内容」. */
  unplaced: string[];
}

export interface RowReport {
  rows: [number, number];
  sheet?: string;
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
  /** 页脚 rows: the department's service and complaint contacts, offered for its department file. */
  contacts: string[];
  layout: string;
  /** Every row of the sheet (1-based number) → what became of it; a row belongs to exactly one status. */
  rowStatus: Map<number, RowReport['status']>;
  /** Why a non-empty file gave no powers, when it did not. */
  failure?: string;
}

export interface ParseOptions {
  unit?: string;
  prefix?: string;
  source: string;
  sheet?: string;
  /** 职权类别 for rows that name none (no column, heading or sheet name). */
  category?: string;
  /** Column names → fields; the table in content/import/columns.yaml when omitted. */
  columns?: ColumnTable;
  /** Shared by the sheets of one workbook, so that codes and new-law ids do not repeat. */
  state?: ImportState;
}

export interface ImportState {
  usedCodes: Set<string>;
  missingLaws: Map<string, MissingLaw>;
}

export function newImportState(model: Model): ImportState {
  return { usedCodes: new Set(model.powers.map((p) => p.code)), missingLaws: new Map() };
}

export const UNPLACED_HEADING = '导入时未能识别的内容';

const STRUCTURE_MESSAGES: Record<StructureRow['kind'], (s: StructureRow, afterHeader: boolean) => string> = {
  空行: () => '空行',
  标题: (s, after) => `${after ? '标题' : '表头之前的标题'}：${s.text.slice(0, 60)}`,
  表头: () => '表头',
  类别标题: (s) => `类别标题：${s.text}`,
  页脚: () => '服务与投诉信息',
  说明: (s) => `说明：${s.text.slice(0, 60)}`,
};

/**
 * Turns a sheet of a published 权责清单 into power files. Every row is accounted for: part of an
 * imported power, a structural row (title, header, heading, footer, note, blank), or not imported
 * with the reason. Text that fits no field is kept in the power's body, so nothing is lost.
 */
export function parseList(rows: GridRow[], model: Model, department: DepartmentModel, given: ParseOptions): ImportResult {
  const options = { ...given, columns: given.columns ?? loadColumnTable() };
  const categoryNames = model.stageTable.categories.map((c) => c.name);
  const layout = readLayout(rows, options.sheet ?? '', options.columns, categoryNames);
  const report: RowReport[] = [];
  const firstHeader = layout.structure.find((s) => s.kind === '表头')?.row ?? Infinity;
  for (const s of layout.structure) report.push({ rows: [s.row, s.row], sheet: s.sheet, status: 'structure', message: STRUCTURE_MESSAGES[s.kind](s, s.row > firstHeader) });
  for (const s of layout.skipped) report.push({ rows: [s.row, s.row], sheet: options.sheet ?? '', status: 'skipped', message: s.reason });
  // Service and complaint contacts: footer rows, and the 监督电话-like keys of key–value tables (kept in the
  // power's body as well, since the published table prints them per power).
  const contactKeys = (key: string) => options.columns.footerKeywords.some((k) => key.replace(/\s/g, '').includes(k));
  const contacts = [
    ...layout.structure.filter((s) => s.kind === '页脚').map((s) => s.text),
    ...layout.records.flatMap((r) => [...r.extras].filter(([key]) => contactKeys(key)).flatMap(([key, cells]) => cells.map((c) => `${key}：${c.text}`))),
  ];

  const state = options.state ?? newImportState(model);
  const missing = state.missingLaws;
  const used = state.usedCodes;
  const powers: ImportedPower[] = [];
  const codes = new Map<PowerRecord, string>();
  for (const record of layout.records) {
    const range: [number, number] = [Math.min(...record.rows), Math.max(...record.rows)];
    const result = buildPower(record, range);
    if ('error' in result) {
      report.push({ rows: range, sheet: record.sheet, status: 'skipped', message: result.error });
      continue;
    }
    codes.set(record, result.code);
    powers.push(result);
    used.add(result.code);
    report.push({ rows: range, sheet: record.sheet, status: 'imported', message: `${result.code} ${result.name}${result.notes.length ? `（${result.notes.join('；')}）` : ''}` });
  }
  // A row shared by a 主项 and its first 子项 is reported once, as part of the 子项.
  const seen = new Set<string>();
  const deduped = report
    .sort((a, b) => a.rows[0] - b.rows[0] || (a.status === 'imported' ? 1 : 0) - (b.status === 'imported' ? 1 : 0))
    .filter((r) => {
      const key = `${r.sheet}:${r.rows.join('-')}:${r.status}:${r.message}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
  const nonEmpty = rows.some((r) => r.cells.some((c) => clean(c.text)));
  let failure: string | undefined;
  if (nonEmpty && powers.length === 0) {
    const skipped = deduped.find((r) => r.status === 'skipped');
    failure = layout.headerHints[0] ? `没有找到表头：${layout.headerHints[0]}` : layout.records.length === 0 ? '没有找到表头：没有一行同时含有「职权名称」（或 事项名称、权力名称 等）和其他已知列名（列名见 content/import/columns.yaml）' : `所有事项都未能导入，例如第 ${skipped?.rows.join('–')} 行：${skipped?.message}`;
  }
  const rowStatus = new Map<number, RowReport['status']>();
  for (const s of layout.structure) rowStatus.set(s.row, 'structure');
  for (const record of layout.records) for (const r of record.rows) if (rowStatus.get(r) !== 'imported') rowStatus.set(r, codes.has(record) ? 'imported' : 'skipped');
  for (const r of rows) if (!rowStatus.has(r.number)) rowStatus.set(r.number, 'skipped');
  return { powers, report: deduped, missingLaws: [...missing.values()], contacts, layout: layout.layout, rowStatus, failure };

  function buildPower(record: PowerRecord, range: [number, number]): ImportedPower | { error: string } {
    const findings: ImportFinding[] = [];
    const notes: string[] = [];
    const unplaced: string[] = [];
    const note = (kind: FindingKind, message: string) => {
      if (notes.includes(message)) return;
      findings.push({ kind, message });
      notes.push(message);
    };
    const all = (field: string) => (record.fields.get(field) ?? []).map((c) => c.text).filter(Boolean);
    const first = (field: string) => all(field)[0] ?? '';
    const joined = (field: string) => all(field).join('\n');
    const firstRow = range[0];

    const name = record.parent ? first('子项名称') : first('职权名称');
    if (!name) return { error: `没有职权名称（应为「职权名称」「事项名称」「权力名称」等列中的文字），也不属于上一个事项：${quoteRow(record)}` };

    const categoryText = first('职权类别') || (record.parent ? (record.parent.fields.get('职权类别')?.[0]?.text ?? '') : '');
    const fromText = (t: string) => categoryIn(t.replace(/类$/, ''), categoryNames, options.columns) ?? categoryNames.find((n) => t.replace(/类$/, '').startsWith(n));
    const categoryName = (categoryText && fromText(categoryText)) || (!categoryText && record.heading ? categoryIn(record.heading.text, categoryNames, options.columns) : undefined) || (!categoryText ? options.category : undefined);
    const category = model.stageTable.categories.find((c) => c.name === categoryName);
    if (!category) {
      const choices = categoryNames.join('、');
      return { error: categoryText ? `职权类别「${cut(categoryText)}」无法识别：应为 ${choices} 之一（各地叫法可加到 content/import/columns.yaml 的 category_aliases）` : `没有职权类别：表中没有类别列，也没有「（一）行政许可类」这样的标题行或工作表名；请用 --category 指定（${choices}）` };
    }
    if (categoryText && categoryIn(categoryText, categoryNames, options.columns) === undefined && categoryNames.filter((n) => categoryText.includes(n)).length > 1) note('类别', `职权类别「${categoryText}」含多个类别，按「${category.name}」处理`);
    if (categoryText && categoryText !== category.name && categoryText !== `${category.name}类`) unplaced.push(`职权类别（原文）：${categoryText}`);
    let procedure = first('程序') || /[（(](.+?)[)）]/.exec(categoryText)?.[1];
    if (category.hasVariants && !category.procedures.some((p) => p.name === procedure)) {
      procedure = category.procedures[0]!.name;
      notes.push(`未注明程序，按${procedure}处理`);
    }
    if (!category.hasVariants) procedure = undefined;

    const { items, preamble } = parseDuties(joined('责任事项'));
    unplaced.push(...preamble.map((p) => `责任事项：${p}`));
    const unitText = first('承办机构');
    const unit =
      department.units.find((u) => u.name === unitText || u.id === unitText) ??
      (options.unit ? department.unitById.get(options.unit) : undefined) ??
      bestUnit(department, items.map((d) => d.post).filter((p): p is string => Boolean(p)));
    if (!unit) return { error: `无法确定承办机构${unitText ? `：「${cut(unitText)}」不是部门文件中的机构` : ''}；请用 --unit 指定（可选：${department.units.map((u) => u.id).join('、')}）` };
    if (unitText && unit.name !== unitText && unit.id !== unitText) {
      unplaced.push(`承办机构（原文）：${unitText}`);
      note('承办机构', `承办机构「${cut(unitText)}」不在部门文件中，暂按「${unit.name}」处理，请核对`);
    }

    const limitCells = record.fields.get('办理期限') ?? [];
    const perRowLimits = limitCells.length > 1 || record.rows.length > 1;
    const limitLines = perRowLimits ? limitCells.map((c) => c.text) : (limitCells[0]?.raw ?? limitCells[0]?.text ?? '').replace(/\r\n?/g, '\n').split('\n').map((l) => clean(l));
    const stageBaseCells = record.fields.get('环节依据') ?? [];
    const stageBases = stageBaseCells.length > 1 || record.rows.length > 1 ? stageBaseCells.map((c) => c.text) : (stageBaseCells[0]?.raw ?? stageBaseCells[0]?.text ?? '').replace(/\r\n?/g, '\n').split('\n').map((l) => clean(l));
    const stages: Record<string, unknown>[] = [];
    // 责任事项依据 lines match the duties one to one, or the cell is one text for the whole power.
    const alignBases = stageBases.filter(Boolean).length > 0 && stageBases.length === items.length;
    if (!alignBases) for (const b of stageBases.filter(Boolean)) unplaced.push(`责任事项依据：${b}`);
    const otherDuty = normalizeForQuote(model.stageTable.otherStage.duty).slice(0, 12);
    const alignLimits = limitLines.filter(Boolean).length > 1 || (items.length === 1 && limitLines.filter(Boolean).length === 1) || (perRowLimits && limitLines.length === items.length);
    items.forEach((d, i) => {
      const row = record.fields.get('责任事项')?.[Math.min(i, (record.fields.get('责任事项')?.length ?? 1) - 1)]?.row ?? firstRow;
      // The standard 「其他」 item without a post is implied by stages.yaml (the list prints it anyway).
      const standardOther = normalizeForQuote(d.duty).startsWith(otherDuty) && !d.post && (!d.stage || d.stage === model.stageTable.otherStage.name);
      if (standardOther) return;
      if (!d.stage) {
        unplaced.push(`责任事项：${d.raw}`);
        note('环节', `第 ${row} 行责任事项「${cut(d.raw)}」没有写明环节，已保留在正文中；应写作「1.受理责任：……」`);
        return;
      }
      const stage: Record<string, unknown> = { stage: d.stage };
      if (d.post) stage.post = d.post;
      else note('岗位', `第 ${row} 行「${d.stage}」环节没有岗位：请在文件中为该环节填写 post（${unit.name}的岗位：${unit.posts.join('、') || '无'}）`);
      if (d.unitName) {
        const other = department.units.find((u) => u.name === d.unitName);
        if (other && other.id !== unit.id) stage.unit = other.id;
        else if (!other) note('承办机构', `第 ${row} 行的机构「${d.unitName}」不在部门文件中`);
      }
      stage.duty = d.duty;
      const limit = alignLimits ? limitLines[i]?.trim() : undefined;
      if (limit) {
        if (parseLimitText(limit)) stage.limit = limit;
        else {
          unplaced.push(`办理期限（${d.stage}）：${limit}`);
          note('期限', `第 ${row} 行办理期限「${cut(limit)}」无法识别，已保留在正文中；应写作「5个工作日」「20日」「当场」`);
        }
      }
      const basisRef = alignBases ? stageBases[i] && parseCitation(stageBases[i]!) : undefined;
      const law = basisRef ? findLaw(basisRef.lawName) : undefined;
      if (basisRef && law) stage.basis = { law: law.id, article: basisRef.article };
      else if (alignBases && stageBases[i]) unplaced.push(`环节依据（${d.stage}）：${stageBases[i]}`);
      stages.push(stage);
    });
    const totalLimit = overallLimit(alignLimits, limitCells, limitLines.filter(Boolean), all('承诺时限'), note, unplaced);

    const versions = first('依据版本').split('\n').filter(Boolean);
    const basisText = joined('实施依据');
    const parsed = parseBasisCell(basisText);
    for (const u of parsed.unplaced) {
      unplaced.push(`实施依据：${u}`);
      note('条款', /《.+》/.test(u) || /法|条例|办法|规定/.test(u) ? `实施依据「${cut(u)}」没有写明条款，已保留在正文中；应写作「《法律名称》第X条：“原文”」` : `实施依据中的「${cut(u)}」不是引文，已保留在正文中`);
    }
    if (!basisText) note('实施依据', '没有实施依据：请填写 basis（法律、条款、版本、原文）');
    if (items.length === 0) note('责任事项', '没有责任事项：请按 stages.yaml 中本类别的环节填写 stages（环节、岗位、职责）');
    const basis = parsed.citations.map((c, i) => {
      const law = findLaw(c.lawName);
      const id = law?.id ?? missingLaw(c.lawName, firstRow);
      const version = versions[i] ?? law?.latest.date ?? '待填写';
      if (c.edition) unplaced.push(`依据版本说明：《${c.lawName}》${c.edition}`);
      if (!versions[i] && law) note('版本', c.edition ? `《${law.short}》原文注明「${c.edition}」，暂按最新版本 ${version} 处理，请核对引用的是哪一版` : `《${law.short}》未注明版本，按最新版本 ${version} 处理`);
      else if (!law) note('法规库', `法规库中没有《${c.lawName}》：请按建议新建法律文件并填写版本`);
      return { law: id, article: c.article, version, ...(c.quote ? { quote: c.quote } : {}) };
    });

    const feeText = first('收费情况');
    const fee = parseFeeCell(feeText);
    if (!fee && feeText) unplaced.push(`收费情况：${feeText}`);
    else if (!fee && category.fee) notes.push('收费情况未填写');

    const liabilityText = joined('违法责任');
    const paragraphs = liabilityText.split('\n').filter(Boolean);
    const standard = model.stageTable.liability.map(normalizeForQuote).join('');
    const liability = !liabilityText || normalizeForQuote(paragraphs.join('')) === standard ? undefined : paragraphs.length === 1 ? paragraphs[0] : paragraphs;

    const givenCode = first('事项编码');
    // RE2 (linear time): the pattern comes from content.
    const pattern = codeRegex(model.stageTable, department.region, category.code);
    const code = givenCode && pattern.test(givenCode) ? givenCode : nextCode(category.code);
    if (code === undefined) return { error: `${category.name}的事项编号 001–999 已全部使用：请在「事项编码」列写明编码，或用 --prefix 换一个部门代码` };
    if (givenCode && code !== givenCode) unplaced.push(`原事项编码：${givenCode}`);
    const targetText = first('实施对象');
    const { targets, unknown } = parseTargets(targetText, TARGETS);
    if (unknown.length) {
      unplaced.push(`实施对象：${targetText}`);
      note('实施对象', `实施对象「${cut(targetText)}」中的「${unknown.join('、')}」不是 ${TARGETS.join('、')} 之一，已保留在正文中`);
    }
    if (!targetText) notes.push('未注明实施对象，按公民、法人、其他组织处理');
    const accountability = all('追责情形')
      .flatMap((t) => t.split('\n'))
      .filter(Boolean)
      .map((line) => {
        const m = /^(.*?)（依据：(《.+?》.+?)）$/.exec(line);
        const ref = m && parseCitation(m[2]!);
        const law = ref && findLaw(ref.lawName);
        return law ? { situation: m![1], basis: { law: law.id, article: ref!.article } } : { situation: line };
      });
    for (const field of ['序号', '实施主体', '行使层级说明', '受理条件']) {
      if (field === '序号' && record.parent) continue;
      for (const t of all(field)) unplaced.push(`${field === '序号' ? '原清单序号' : field}：${t}`);
    }
    for (const [label, cells] of record.extras) for (const c of cells) if (c.text) unplaced.push(`${label}：${c.text}`);

    const parent = record.parent ? codes.get(record.parent) : first('主项编码') || undefined;
    if (record.parent && !parent) return { error: `主项「${record.parent.fields.get('职权名称')?.[0]?.text}」未能导入，子项无法挂靠` };
    const levelText = first('行使层级');
    const front: Record<string, unknown> = {
      code,
      name,
      category: category.name,
      ...(procedure ? { procedure } : {}),
      ...(parent ? { parent } : {}),
      unit: unit.id,
      ...(first('配合部门') ? { partners: first('配合部门').split('、') } : {}),
      level: levelText || department.level,
      target: targets.length ? targets : ['公民', '法人', '其他组织'],
      basis,
      stages,
      ...(fee ? { fee } : {}),
      ...(totalLimit ? { total_limit: totalLimit } : {}),
      ...(liability ? { liability } : {}),
      ...(accountability.length ? { accountability } : {}),
      status: first('状态') || '有效',
      ...(joined('备注') ? { notes: joined('备注') } : {}),
      ...derivedFields(first('其他清单（机读）'), notes),
    };
    if (record.mainOnly) notes.push('主项（只有名称和类别），实施依据和责任事项见其子项');
    const yaml = stringify(front, { lineWidth: 0 });
    const where = `${record.sheet ? `「${record.sheet}」` : ''}第 ${range[0]}–${range[1]} 行`;
    const header = `# 由 quanze import 从 ${options.source} ${where}导入\n`;
    // A list exported by Quanze carries each power file whole: what nobody edited comes back exactly.
    const sourceEntry = [...record.extras].find(([label]) => label.replace(/\s/g, '').replace('(', '（').replace(')', '）') === SOURCE_COLUMN);
    const source = sourceEntry && readSourceCell(sourceEntry[1].map((c) => c.text).join(''));
    if (source && 'error' in source) notes.push(source.error);
    else if (source) {
      const current = new Map([...record.fields].map(([field, cells]) => [field, cells.map((c) => c.raw ?? c.text).join('\n')]));
      const merged = mergeWithSource(front, source, current);
      const edited = merged.edited.length > 0;
      const parentCode = typeof merged.front.parent === 'string' ? merged.front.parent : undefined;
      return {
        code: String(merged.front.code),
        name: String(merged.front.name),
        rows: range,
        sheet: record.sheet,
        text: `---\n${header}${stringify(merged.front, { lineWidth: 0 })}---\n${merged.body}`,
        notes: edited ? [`表格中改动了 ${merged.edited.join('、')}：这些列按表格内容导入，其余字段和正文取自「${SOURCE_COLUMN}」`, ...notes] : [],
        findings: edited ? findings : [],
        ...(parentCode ? { parent: parentCode } : {}),
        category: String(merged.front.category),
        citations: Array.isArray(merged.front.basis) ? merged.front.basis.length : 0,
        unplaced: [],
      };
    }
    const body = unplaced.length ? `\n## ${UNPLACED_HEADING}\n\n${unplaced.map((u) => `- ${u.replace(/\n/g, '\n  ')}`).join('\n')}\n` : '';
    return { code, name, rows: range, sheet: record.sheet, text: `---\n${header}${yaml}---\n${body}`, notes, findings, ...(parent ? { parent } : {}), category: category.name, citations: basis.length, unplaced };
  }

  /**
   * A time-limit cell that is not matched line by line to the duties — one value in one cell, while
   * the power has several duties or none — is the power's 法定办结时限 (total_limit.statutory), and a
   * single 承诺时限 beside it its promise. Anything else is kept in the body with a note.
   */
  function overallLimit(aligned: boolean, cells: { text: string; row: number }[], lines: string[], promisedTexts: string[], note: (kind: FindingKind, message: string) => void, unplaced: string[]): Record<string, string> | undefined {
    const statutory = !aligned && cells.length === 1 && lines.length === 1 ? lines[0]!.trim() : undefined;
    const promisedLines = promisedTexts.flatMap((t) => t.split('\n')).map((l) => l.trim()).filter(Boolean);
    const promised = promisedTexts.length === 1 && promisedLines.length === 1 ? promisedLines[0]! : undefined;
    const row = cells[0]?.row;
    let total: Record<string, string> | undefined;
    if (statutory && parseLimitText(statutory)) total = { statutory };
    else if (statutory) {
      unplaced.push(`办理期限：${statutory}`);
      note('期限', `第 ${row} 行的办结时限「${cut(statutory)}」无法识别，已保留在正文中；应写作「20个工作日」「30日」「当场」`);
    } else if (!aligned) for (const l of lines) unplaced.push(`办理期限：${l}`);
    if (total && promised && parseLimitText(promised)) total.promised = promised;
    else {
      for (const t of promisedTexts) unplaced.push(`承诺时限：${t}`);
      if (promised && !parseLimitText(promised)) note('期限', `承诺时限「${cut(promised)}」无法识别，已保留在正文中；应写作「10个工作日」「当场」`);
      else if (promised && !total) note('期限', `承诺时限「${cut(promised)}」已保留在正文中：表中没有整个事项的法定时限，承诺时限须与法定办结时限一起填写（total_limit 的 statutory 和 promised）`);
    }
    return total;
  }

  function findLaw(name: string): LawModel | undefined {
    const n = name.replace(/^中华人民共和国/, '').replace(/[《》\s]/g, '');
    return [...model.laws.values()].find((l) => l.short === n || l.title.replace(/^中华人民共和国/, '') === n || l.title === name);
  }

  function missingLaw(name: string, row: number): string {
    const known = missing.get(name);
    if (known) {
      if (!known.rows.includes(row)) known.rows.push(row);
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

  function nextCode(categoryCode: string): string | undefined {
    const prefix = options.prefix ?? model.powers.find((p) => p.department.id === department.id)?.code.split('-')[1] ?? 'XX';
    for (let n = 1; n < 1000; n++) {
      const code = `${department.region}-${prefix}-${categoryCode}-${String(n).padStart(3, '0')}`;
      if (!used.has(code)) {
        used.add(code);
        return code;
      }
    }
    return undefined;
  }
}

/** The whole cell (its first 200 characters) for messages: a person must recognise what was meant. */
export function cut(text: string): string {
  const t = text.replace(/\n/g, ' ');
  return t.length > 200 ? `${t.slice(0, 200)}……` : t;
}

function quoteRow(record: PowerRecord): string {
  const texts = [...record.fields.values(), ...record.extras.values()].flat().map((c) => c.text).filter(Boolean);
  return cut(texts.join(' '));
}

/** The fields the machine-readable column may carry: the derived lists, never identity or other columns. */
const DERIVED_FIELDS = new Set(derivedListKeys());

/** The machine-readable column written by the export: the derived-list fields as JSON. */
function derivedFields(cell: string, notes: string[]): Record<string, unknown> {
  if (!cell) return {};
  let value: unknown;
  try {
    value = JSON.parse(cell);
  } catch {
    notes.push('「其他清单（机读）」列不是有效的 JSON，已忽略');
    return {};
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) {
    notes.push('「其他清单（机读）」列应为 JSON 对象，已忽略');
    return {};
  }
  const kept: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(value)) {
    if (DERIVED_FIELDS.has(key)) kept[key] = field;
    else notes.push(`「其他清单（机读）」列中的「${key.slice(0, 40)}」不是派生清单字段（可用：${[...DERIVED_FIELDS].join('、')}），已忽略`);
  }
  return kept;
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
