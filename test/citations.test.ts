import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkLaws } from '../src/generators/laws-check.ts';
import { checkContentAt } from '../src/model/check.ts';

/**
 * One resolver for every citation. The oracle for the counts is the files themselves: every
 * citation, whatever its kind, is a `law: <id>` key in a power file or a flow template.
 */
const ROOT = join(import.meta.dirname, '..');
const work = mkdtempSync(join(tmpdir(), 'quanze-citations-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function copyContent(name: string): string {
  const dir = join(work, name);
  cpSync(join(ROOT, 'content'), join(dir, 'content'), { recursive: true });
  return dir;
}

/** `law: <id>` keys in the power files and flow templates, by file. */
function lawKeys(contentDir: string, id: string): Map<string, number> {
  const out = new Map<string, number>();
  const count = (file: string, rel: string) => {
    const n = readFileSync(file, 'utf8').split(new RegExp(`\\blaw:\\s*${id}\\b(?![-\\w])`)).length - 1;
    if (n) out.set(rel, n);
  };
  for (const dept of readdirSync(join(contentDir, 'powers'))) {
    for (const name of readdirSync(join(contentDir, 'powers', dept))) count(join(contentDir, 'powers', dept, name), `content/powers/${dept}/${name}`);
  }
  for (const name of readdirSync(join(contentDir, 'flows'))) count(join(contentDir, 'flows', name), `content/flows/${name}`);
  return out;
}

const sum = (m: Map<string, number>) => [...m.values()].reduce((a, b) => a + b, 0);

describe('every citation goes through one resolver', () => {
  it('a law amendment reaches every kind of citation: basis, stages, 追责, derived lists and flow templates', () => {
    const dir = copyContent('amended');
    // A fictional amendment of 安全生产法 with the same text: every citation must be listed for review.
    const lawFile = join(dir, 'content/laws/aqscf.yaml');
    writeFileSync(lawFile, readFileSync(lawFile, 'utf8').replace(/status: 现行有效/, '  - date: 2030-01-01\n    kind: 修正\nstatus: 现行有效'));
    cpSync(join(dir, 'content/laws/aqscf/2021-06-10.md'), join(dir, 'content/laws/aqscf/2030-01-01.md'));
    const result = checkContentAt(join(dir, 'content'), { relativeTo: dir });
    expect(result.findings.filter((f) => f.severity === 'error')).toEqual([]);
    const report = checkLaws(result.model!);
    const listed = report.citations.filter((c) => c.law.id === 'aqscf');
    const expected = lawKeys(join(dir, 'content'), 'aqscf');
    expect(listed.length).toBe(sum(expected));
    const byFile = new Map<string, number>();
    for (const c of listed) byFile.set(c.file, (byFile.get(c.file) ?? 0) + 1);
    expect(byFile).toEqual(expected);
    // The 追责 citation of 安全生产法 §90 in YJ-XK-002, which pins no version.
    const accountability = listed.filter((c) => c.code === '410100-YJ-XK-002' && c.kind === 'accountability');
    expect(accountability.map((c) => c.article)).toEqual(['第九十条第一款第一项', '第九十条第一款第二项']);
    expect(accountability.every((c) => c.versionSource === 'reviewed' && c.cited === '2021-06-10')).toBe(true);
    // Same text: each one is reported unchanged, so `laws apply` may settle it.
    expect(listed.every((c) => c.fate?.status === 'unchanged')).toBe(true);
    expect([...new Set(listed.map((c) => c.kind))]).toEqual(expect.arrayContaining(['basis', 'stage', 'accountability', 'violated', 'penalty-basis']));
  });

  it('an amendment of 行政处罚法 reaches the stage bases and the flow templates', () => {
    const dir = copyContent('amended-xzcff');
    const lawFile = join(dir, 'content/laws/xzcff.yaml');
    writeFileSync(lawFile, readFileSync(lawFile, 'utf8').replace(/status: 现行有效/, '  - date: 2030-01-01\n    kind: 修正\nstatus: 现行有效'));
    cpSync(join(dir, 'content/laws/xzcff/2021-01-22.md'), join(dir, 'content/laws/xzcff/2030-01-01.md'));
    const result = checkContentAt(join(dir, 'content'), { relativeTo: dir });
    const listed = checkLaws(result.model!).citations.filter((c) => c.law.id === 'xzcff');
    expect(listed.length).toBe(sum(lawKeys(join(dir, 'content'), 'xzcff')));
    expect(listed.filter((c) => c.kind === 'stage').length).toBeGreaterThan(100);
    expect(listed.filter((c) => c.kind === 'flow').every((c) => c.flow && c.file.startsWith('content/flows/'))).toBe(true);
    expect([...new Set(listed.map((c) => c.kind))]).toEqual(expect.arrayContaining(['basis', 'stage', 'flow', 'accountability', 'leniency', 'legal-review']));
  });

  it('counts every citation of each law once, whatever its kind', () => {
    const result = checkContentAt(join(ROOT, 'content'), { relativeTo: ROOT });
    const model = result.model!;
    for (const id of model.laws.keys()) {
      const resolved = [...model.powers.flatMap((p) => p.citations), ...model.flowCitations.flatMap((f) => f.citations)].filter((c) => c.law.id === id);
      expect(resolved.length, id).toBe(sum(lawKeys(join(ROOT, 'content'), id)));
    }
  });

  it('checks a derived-list article against the statute text', () => {
    const dir = copyContent('derived');
    const file = join(dir, 'content/powers/zz-scjgj/410100-SJ-CF-005.md');
    const text = readFileSync(file, 'utf8');
    writeFileSync(file, text.replace('violated: { law: fbzdjzf, article: 第六条 }', 'violated: { law: fbzdjzf, article: 第六十条 }'));
    const line = text.split('\n').findIndex((l) => l.includes('violated: { law: fbzdjzf')) + 1;
    const errors = checkContentAt(join(dir, 'content'), { relativeTo: dir }).findings.filter((f) => f.severity === 'error');
    expect(errors.map((f) => `${f.file}:${f.line}: ${f.field}: ${f.message} (${f.rule})`)).toEqual([
      `content/powers/zz-scjgj/410100-SJ-CF-005.md:${line}: discretion.0.violated.article: 《反不正当竞争法》（2019-04-23）该版本没有第六十条 (unknown-article)`,
    ]);
  });
});
