import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';
import { BASE_FIXTURE } from './helpers/content.ts';

/**
 * `quanze laws apply` on a real amendment: 道路运输条例 2022-03-29 → 2023-07-20 (texts in
 * test/fixtures/statutes). The 2023 revision deleted 第六十八条, rewrote 第六十九条 (now 第六十八条,
 * fine 1000–3000 元 → 1000–2000 元) and renumbered what follows. The expectations are read off the
 * two statute texts, not off the tool.
 */
const ROOT = join(import.meta.dirname, '..');
const FIXTURES = join(ROOT, 'test/fixtures');
const OLD = readFileSync(join(FIXTURES, 'statutes/dlys-tl-2022-03-29.md'), 'utf8');
const NEW = readFileSync(join(FIXTURES, 'statutes/dlys-tl-2023-07-20.md'), 'utf8');
const POWER = 'content/powers/test-dept/410100-CS-CF-002.md';
let dir: string;

/** The line of a statute text that starts an article, without its number. */
const articleLine = (text: string, label: string) => text.split('\n').find((l) => l.startsWith(`${label} `))!.slice(label.length + 1);

function quanze(...args: string[]) {
  const r = spawnSync(process.execPath, [join(ROOT, 'bin/quanze.mjs'), ...args], { cwd: dir, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const power = () => parseDocument(readFileSync(join(dir, POWER), 'utf8').split('---\n')[1]!).toJS();

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'quanze-apply-'));
  cpSync(BASE_FIXTURE, dir, { recursive: true });
  cpSync(join(FIXTURES, 'laws-apply/dlys-tl.yaml'), join(dir, 'content/laws/dlys-tl.yaml'));
  mkdirSync(join(dir, 'content/laws/dlys-tl'));
  writeFileSync(join(dir, 'content/laws/dlys-tl/2022-03-29.md'), OLD);
  cpSync(join(FIXTURES, 'laws-apply/410100-CS-CF-002.md'), join(dir, POWER));
  writeFileSync(join(dir, 'new.md'), NEW);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('quanze laws apply on 道路运输条例 2022 → 2023', () => {
  it('starts from clean content citing the 2022 text', () => {
    const r = quanze('validate');
    expect(r.stderr).toMatch(/^校验通过：0 个错误/m);
    // The renumbering the test relies on, read from the texts themselves.
    expect(articleLine(NEW, '第六十九条')).toBe(articleLine(OLD, '第七十条'));
    expect(articleLine(NEW, '第七十六条')).toBe(articleLine(OLD, '第七十七条'));
    expect(articleLine(NEW, '第六十一条')).toBe(articleLine(OLD, '第六十一条'));
    expect(NEW).not.toContain('不按照规定携带车辆营运证的');
  });

  it('imports the new text, then --dry-run prints the edits and writes nothing', () => {
    const imported = quanze('laws', 'import', 'new.md', '--law', 'dlys-tl', '--version', '2023-07-20', '--kind', '修订', '--source', '官方公布文本');
    expect(imported.code).toBe(0);
    const before = readFileSync(join(dir, POWER), 'utf8');
    const r = quanze('laws', 'apply', '--law', 'dlys-tl', '--version', '2023-07-20', '--dry-run');
    expect(r.code).toBe(1);
    expect(readFileSync(join(dir, POWER), 'utf8')).toBe(before);
    expect(r.stdout).toContain(`--- ${POWER}`);
    // Only version, article and change-note lines change.
    const changed = r.stdout.split('\n').filter((l) => /^[-+][^-+]/.test(l));
    expect(changed.length).toBeGreaterThan(0);
    for (const line of changed) expect(line).toMatch(/version|article|change_note/);
  });

  it('settles unchanged and renumbered citations of every kind, flags changed and deleted ones with both texts, re-checks the bands', () => {
    const r = quanze('laws', 'apply', '--law', 'dlys-tl', '--version', '2023-07-20');
    expect(r.code).toBe(1);
    const p = power();
    // Renumbered, same words: 第七十条第一款 → 第六十九条第一款; the quote still reads true.
    expect(p.basis[0]).toMatchObject({ article: '第六十九条第一款', version: '2023-07-20' });
    expect(articleLine(NEW, '第六十九条')).toBe(p.basis[0].quote);
    // Unchanged: 第六十一条 keeps its number.
    expect(p.basis[3]).toMatchObject({ article: '第六十一条', version: '2023-07-20' });
    // Citations that named no version get the new one written in.
    expect(p.stages[1].basis).toEqual({ law: 'dlys-tl', article: '第六十一条', version: '2023-07-20' });
    expect(p.accountability[0].basis).toEqual({ law: 'dlys-tl', article: '第七十六条第一项', version: '2023-07-20' });
    expect(p.discretion[0].penalty_basis).toEqual({ law: 'dlys-tl', article: '第六十九条第一款', version: '2023-07-20' });
    // Changed (第六十九条) and deleted (第六十八条) citations are not touched.
    expect(p.basis[1]).toMatchObject({ article: '第六十九条第一项', version: '2022-03-29' });
    expect(p.basis[2]).toMatchObject({ article: '第六十八条', version: '2022-03-29' });
    expect(p.discretion[1].penalty_basis).toEqual({ law: 'dlys-tl', article: '第六十九条第一项' });
    expect(p.change_note).toContain('第七十条第一款改为第六十九条第一款');
    // Both texts side by side for the changed article, and the deleted one named.
    expect(r.stdout).toContain(`原文：${articleLine(OLD, '第六十九条')}`);
    expect(r.stdout).toContain(`新文：${articleLine(NEW, '第六十八条')}`);
    expect(r.stdout).toMatch(/实施依据3《道路运输条例》第六十八条（2022-03-29）：新版本已删除该条/);
    // The 严重 band (2000–3000 元) no longer fits 第六十八条's 1000–2000 元; the 一般 band still does.
    expect(r.stdout).toMatch(/「严重」阶次的2,000元以上3,000元以下超出《道路运输条例》（2023-07-20）第六十八条第一项规定的幅度/);
    expect(r.stdout).not.toMatch(/「一般」阶次.*超出/);
  });

  it('keeps an effects table of the version: each touched citation, the type of effect, adjusted or not', () => {
    const { effects } = JSON.parse(quanze('laws', 'check', '--format', 'json').stdout);
    const rows = effects.filter((r: { law: { id: string }; version: string }) => r.law.id === 'dlys-tl' && r.version === '2023-07-20');
    expect(rows.length, JSON.stringify(effects).slice(0, 300)).toBeGreaterThan(0);
    const row = (field: string) => rows.find((r: { field: string }) => r.field === field);
    expect(row('basis.0')).toMatchObject({ effect: 'renumbered', cited: '第六十九条第一款', affecting: '第六十九条第一款', adjusted: true, inForce: '2023-07-20' });
    expect(row('basis.1')).toMatchObject({ effect: 'changed', cited: '第六十九条第一项', affecting: '第六十八条第一项', adjusted: false });
    expect(row('basis.2')).toMatchObject({ effect: 'deleted', cited: '第六十八条', affecting: null, adjusted: false });
    expect(row('basis.3')).toMatchObject({ effect: 'unchanged', adjusted: true });
    expect(row('stages.1.basis')).toMatchObject({ kind: 'stage', effect: 'unchanged', adjusted: true });
    expect(row('accountability.0.basis')).toMatchObject({ kind: 'accountability', effect: 'renumbered', cited: '第七十六条第一项', adjusted: true });
    expect(row('discretion.1.penalty_basis')).toMatchObject({ kind: 'penalty-basis', effect: 'changed', adjusted: false });
    // One record per dlys-tl citation in the power file.
    const cited = readFileSync(join(dir, POWER), 'utf8').split(/law:\s*dlys-tl\b/).length - 1;
    expect(rows.filter((r: { file: string | null }) => r.file !== null)).toHaveLength(cited);
  });

  it('validates clean once a person has fixed the flagged citations', () => {
    let text = readFileSync(join(dir, POWER), 'utf8');
    const q68 = articleLine(NEW, '第六十八条');
    text = text
      .replace(/  - law: dlys-tl\n    article: 第六十九条第一项\n    version: 2022-03-29\n    quote: .*\n/, `  - law: dlys-tl\n    article: 第六十八条第一款第一项\n    version: 2023-07-20\n    quote: ${q68}（一）不按批准的客运站点停靠或者不按规定的线路、公布的班次行驶的；\n`)
      .replace(/  - law: dlys-tl\n    article: 第六十八条\n    version: 2022-03-29\n    quote: .*\n/, '')
      .replace(/violated: \{ law: dlys-tl, article: 第六十九条第一项 \}/, 'violated: { law: dlys-tl, article: 第六十八条第一款第一项, version: 2023-07-20 }')
      .replace(/penalty_basis: \{ law: dlys-tl, article: 第六十九条第一项 \}/, 'penalty_basis: { law: dlys-tl, article: 第六十八条第一款第一项, version: 2023-07-20 }')
      .replace('处2000元以上3000元以下的罚款', '处1500元以上2000元以下的罚款');
    writeFileSync(join(dir, POWER), text);
    const v = quanze('validate');
    expect(v.stderr).toMatch(/^校验通过：0 个错误，0 个警告/m);
    const report = JSON.parse(quanze('laws', 'check', '--format', 'json').stdout);
    expect(report.citations.filter((c: { law: { id: string } }) => c.law.id === 'dlys-tl')).toEqual([]);
    const again = quanze('laws', 'apply', '--law', 'dlys-tl', '--version', '2023-07-20');
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('没有须人工核对的引用');
  });
});
