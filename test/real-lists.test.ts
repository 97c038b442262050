import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { loadColumnTable, fieldOf } from '../src/import/columns.ts';
import { importWorkbook } from '../src/import/import-workbook.ts';
import { readWorkbook } from '../src/import/sheets.ts';
import { checkContentAt } from '../src/model/check.ts';

/**
 * The corpus of lists departments really publish (test/fixtures/real-lists, sources in its
 * README). Each list's expected file was written by reading the published table, not by running
 * the importer: number of powers and 子项, categories, citations per power, rows per status.
 */
const DIR = join(import.meta.dirname, 'fixtures/real-lists');
const CONTENT = join(import.meta.dirname, '../content');
const files = readdirSync(DIR).filter((f) => /\.(csv|xlsx)$/.test(f));
const columns = loadColumnTable(CONTENT);
const work = mkdtempSync(join(tmpdir(), 'quanze-real-lists-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
cpSync(CONTENT, join(work, 'content'), { recursive: true });
const model = checkContentAt(join(work, 'content')).model!;
const department = model.departments.find((d) => d.id === 'zz-yjglj')!;

interface Expected {
  category?: string;
  encoding?: string;
  powers: number;
  children: number;
  categories: Record<string, number>;
  citations: number[];
  /** Where given: the articles cited by each power, in order, as read from the published table. */
  articles?: string[][];
  /** Where the table has a time limit for the whole power: each power's total_limit as published (null: none). */
  totalLimits?: (Record<string, string> | null)[];
  rows: { imported: number; structure: number; skipped: number };
  /** Service and complaint contacts offered for the department file (footer rows, 监督电话 keys). */
  contacts?: number;
}

const results = await Promise.all(
  files.map(async (file) => {
    const expected = JSON.parse(readFileSync(join(DIR, file.replace(/\.(csv|xlsx)$/, '.expected.json')), 'utf8')) as Expected;
    const workbook = await readWorkbook(join(DIR, file));
    const result = importWorkbook(workbook, model, department, { unit: 'whpc', category: expected.category, source: file, columns });
    return { file, expected, workbook, result };
  }),
);

describe('the real-lists corpus', () => {
  it('covers at least 15 lists, 3 of them GB18030/GBK CSV files', () => {
    expect(files.length).toBeGreaterThanOrEqual(15);
    expect(results.filter((r) => r.result.encoding === 'GB18030').length).toBeGreaterThanOrEqual(3);
  });

  for (const { file, expected, result } of results) {
    it(`${file}: powers, 子项, categories, citations per power and rows per status as published`, () => {
      if (expected.encoding) expect(result.encoding).toBe(expected.encoding);
      expect(result.powers.length).toBe(expected.powers);
      expect(result.powers.filter((p) => p.parent).length).toBe(expected.children);
      const categories: Record<string, number> = {};
      for (const p of result.powers) categories[p.category] = (categories[p.category] ?? 0) + 1;
      expect(categories).toEqual(expected.categories);
      expect(result.powers.map((p) => p.citations)).toEqual(expected.citations);
      if (expected.totalLimits) expect(result.powers.map((p) => frontMatter(p.text).total_limit ?? null)).toEqual(expected.totalLimits);
      if (expected.articles) expect(result.powers.map((p) => ((frontMatter(p.text).basis ?? []) as { article: string }[]).map((b) => b.article))).toEqual(expected.articles);
      expect(result.contacts.length).toBe(expected.contacts ?? 0);
      expect({ imported: result.rowCounts.imported, structure: result.rowCounts.structure, skipped: result.rowCounts.skipped }).toEqual(expected.rows);
      // Every row is accounted for exactly once.
      expect(result.rowCounts.imported + result.rowCounts.structure + result.rowCounts.skipped).toBe(result.rowCounts.total);
    });
  }

  it('imports at least 95% of the powers in the files', () => {
    const inFiles = results.reduce((n, r) => n + r.expected.powers, 0);
    const imported = results.reduce((n, r) => n + r.result.powers.length, 0);
    expect(imported / inFiles).toBeGreaterThanOrEqual(0.95);
  });

  it('never folds a second article or law into a quote', () => {
    for (const { result } of results)
      for (const p of result.powers) {
        for (const m of p.text.matchAll(/^ {4}quote: (.*)$/gm)) expect(m[1]).not.toMatch(/^[、，,；;\s]*第[零〇一二三四五六七八九十百千\d]+条|^[、，,；;]/);
      }
  });

  it('loses no text: every piece of every non-structural cell is in an imported file', () => {
    const lawTitles = [...model.laws.values()].map((l) => l.title).join('\n');
    for (const { file, workbook, result } of results) {
      const imported = result.powers.map((p) => p.text).join('\n') + lawTitles + result.missingLaws.map((l) => l.name).join('\n');
      const plain = strip(imported);
      for (const sheet of workbook.sheets) {
        const structural = new Set(result.report.filter((r) => r.status === 'structure' && (r.sheet ?? '') === sheet.name).map((r) => r.rows[0]));
        for (const row of sheet.rows) {
          if (structural.has(row.number)) continue;
          for (const cell of row.cells) {
            const text = cell.text.trim();
            if (!text || fieldOf(columns, text)) continue; // a key of a key–value table names the field
            for (const piece of pieces(text)) expect(plain, `${file} 第 ${row.number} 行：「${piece}」`).toContain(piece);
          }
        }
      }
    }
  });

  it('leaves only findings a person must supply: the basis, the duties, fees, posts, law versions and registry entries', () => {
    // Each file into its own copy of the content, as a department would import it: a schema error in
    // one file (a catalogue without a basis) must not hide the cross-file checks of another.
    const rules = new Map<string, string[]>();
    const root = join(work, 'one-by-one');
    cpSync(CONTENT, join(root, 'content'), { recursive: true });
    const dir = join(root, 'content/powers/zz-yjglj');
    for (const { file, result } of results) {
      for (const p of result.powers) writeFileSync(join(dir, `${p.code}.md`), p.text);
      for (const f of checkContentAt(join(root, 'content')).findings) {
        if (!result.powers.some((p) => f.file.endsWith(`/${p.code}.md`))) continue;
        const key = `${f.rule} ${f.field.replace(/\.\d+/g, '.N')}`;
        rules.set(key, [...(rules.get(key) ?? []), file]);
      }
      for (const p of result.powers) rmSync(join(dir, `${p.code}.md`));
    }
    const supply = [
      /^size (basis|stages)$/, // the list gives no basis or no duties (a catalogue)
      /^format basis\.N\.version$/, // 版本待填写: the law is not in the registry yet
      /^unknown-law basis\.N\.law$/, // a registry entry to add (suggested by the import)
      /^quote-mismatch basis\.N\.quote$/, // the list quotes another version than the registry holds
      /^fee-required fee$/, // the list has no 收费情况 column
      /^stage-(missing|no-post) stages(\.N)?(\.stage)?$/, // duties the list leaves out; posts
    ];
    const others = [...rules.keys()].filter((k) => !supply.some((r) => r.test(k)));
    expect(others.map((k) => `${k} (${rules.get(k)!.join(', ')})`)).toEqual([]);
    expect(rules.size).toBeGreaterThan(0);
  }, 300_000);
});


/**
 * The pieces of a cell that must survive: runs of Chinese text, with the markup the importer turns
 * into structure taken out — item numbering, 【法律】 level prefixes, 「受理责任：」「受理阶段：」 stage labels
 * (they become `stage: 受理`; a colon ends a label), and article numbers (written back in Chinese numerals).
 */
function pieces(text: string): string[] {
  const cleaned = text
    .replace(/【[^】]{1,12}】|\[[^\]]{1,12}\]/g, '|')
    .replace(/(?:阶段|环节)?责任\s*[：:]|阶段\s*[：:]/g, '|')
    .replace(/第\s*[\d零〇一二两三四五六七八九十百千、，\s]+\s*[条款项]/g, '|')
    .replace(/[：:]/g, '|')
    // Sentence ends, line breaks and law titles are where a cell is split between fields.
    .replace(/[。；;\n《》]/g, '|');
  return (strip(cleaned).match(/[\u4e00-\u9fa5]{2,}/g) ?? []).map((p) => p.replace(/^中华人民共和国/, '')).filter((p) => p.length >= 2);
}

function frontMatter(text: string): Record<string, unknown> {
  return parse(/^---\n([\s\S]*?)\n---\n/.exec(text)![1]!) as Record<string, unknown>;
}

function strip(text: string): string {
  return text.replace(/[\s，,。.；;：:、（）()“”"'《》〈〉〔〕【】\[\]!！?？\-—/·]+/g, '');
}
