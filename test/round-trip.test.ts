import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { main } from '../src/cli/index.ts';
import { powersToCsv } from '../src/generators/exports/csv.ts';
import { departmentWorkbook } from '../src/generators/exports/xlsx.ts';
import { checkContentAt } from '../src/model/check.ts';
import { parsePowerText } from '../src/model/snapshot.ts';
import { powerSchema } from '../src/schema/power.ts';
import { pythonCsvRecords } from './helpers/python-csv.ts';

/**
 * Export → import → the same files. The oracle is the power files themselves, parsed by the
 * loader (front matter as the schema reads it, and the body), and `quanze diff --worktree` against
 * the committed content — never the exporter's own list of fields. The sample content is copied
 * into a git repository; one power is given every optional field the samples leave out, so that
 * every field of the schema is exercised.
 */
const SAMPLE = join(import.meta.dirname, '..', 'content');
const work = mkdtempSync(join(tmpdir(), 'quanze-round-trip-'));
const content = join(work, 'content');
afterAll(() => rmSync(work, { recursive: true, force: true }));

const git = (...args: string[]) =>
  execFileSync('git', args, { cwd: work, encoding: 'utf8', env: { ...process.env, GIT_AUTHOR_NAME: '测试', GIT_AUTHOR_EMAIL: 't@example.org', GIT_COMMITTER_NAME: '测试', GIT_COMMITTER_EMAIL: 't@example.org' } });

/** Every power file of a department: code → its text. */
function files(department: string): Map<string, string> {
  const dir = join(content, 'powers', department);
  return new Map(readdirSync(dir).map((f) => [f, readFileSync(join(dir, f), 'utf8')]));
}

async function cli(args: string[]): Promise<{ code: number; out: string }> {
  let out = '';
  const log = vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void (out += a.join(' ') + '\n'));
  const write = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => ((out += String(chunk)), true));
  try {
    return { code: await main(args), out };
  } finally {
    log.mockRestore();
    write.mockRestore();
  }
}

const ALL_FIELDS_POWER = 'zz-yjglj/410100-YJ-XK-001.md';

beforeAll(() => {
  cpSync(SAMPLE, content, { recursive: true });
  // The fields no sample power uses: a 违法责任 of its own, a 变更说明, and a body with awkward text.
  const file = join(content, 'powers', ALL_FIELDS_POWER);
  const text = readFileSync(file, 'utf8');
  const end = text.indexOf('\n---\n', 4);
  writeFileSync(
    file,
    `${text.slice(0, end)}\nliability:\n  - "=未依法履行职责的，依法追究责任；"\n  - '+第二段, 含逗号和"引号"'\nchange_note: "@2024 调整：依据修订\\n第二行"\n---\n\n## 办事提示\n\n- 第一行\n-\t以制表符开头，全角　空格 和\u00a0不换行空格\n\n"引号", 逗号\r\n\n=SUM(A1)\n`,
  );
  git('init', '-q');
  git('add', '-A');
  git('commit', '-qm', 'sample');
});

const model = () => checkContentAt(content).model!;

describe('the round trip is tested on every field of the schema', () => {
  it('every front-matter field of the power schema is used by some power, and some power has a body', () => {
    const records = [...readdirSync(join(content, 'powers'))].flatMap((d) => [...files(d)].map(([f, t]) => parsePowerText(t, f)!));
    expect(records.every(Boolean)).toBe(true);
    const unused = Object.keys(powerSchema.shape).filter((key) => !records.some((r) => (r.record as Record<string, unknown>)[key] !== undefined));
    expect(unused, '请在本测试的样例中为新字段填值，以检验导出后能原样导入').toEqual([]);
    expect(records.some((r) => r.body.trim())).toBe(true);
  });
});

describe.each(['xlsx', 'csv'] as const)('export → import as %s', (ext) => {
  it.each(readdirSync(join(SAMPLE, 'powers')).map((d) => [d]))('%s: the same files, and quanze diff --worktree shows no change', async (department) => {
    const m = model();
    const dept = m.departments.find((d) => d.id === department)!;
    const exported = join(work, `${department}.${ext}`);
    writeFileSync(exported, ext === 'xlsx' ? await departmentWorkbook(m, dept) : powersToCsv(m, m.powers.filter((p) => p.department.id === department)));
    const before = files(department);
    rmSync(join(content, 'powers', department), { recursive: true });

    const imported = await cli(['import', exported, '--department', department, '--content', content]);
    expect(imported.out).toContain(`导入 ${before.size} 个事项`);
    expect(imported.code, imported.out).toBe(0);

    const after = files(department);
    expect([...after.keys()].sort()).toEqual([...before.keys()].sort());
    for (const [file, text] of before) {
      const original = parsePowerText(text, file)!;
      const back = parsePowerText(after.get(file)!, file)!;
      expect(back.record, file).toEqual(original.record);
      expect(back.body, file).toBe(original.body);
    }
    const diff = await cli(['diff', 'HEAD', '--worktree', '--content', content, '--format', 'json']);
    expect(JSON.parse(diff.out).powers).toEqual([]);
    git('checkout', '-q', '--', '.');
  });
});

describe('a list edited in a spreadsheet', () => {
  it('imports the edited cells and keeps the fields no column shows (body, 变更说明) from the source column', async () => {
    const m = model();
    const dept = m.departments.find((d) => d.id === 'zz-yjglj')!;
    const csv = powersToCsv(m, m.powers.filter((p) => p.department.id === dept.id));
    const records = pythonCsvRecords(csv);
    const nameAt = records[0]!.indexOf('职权名称');
    const codeAt = records[0]!.indexOf('事项编码');
    const row = records.findIndex((r) => `${r[codeAt]}.md` === ALL_FIELDS_POWER.split('/')[1]);
    const oldName = records[row]![nameAt]!;
    // Edit the cell the way a spreadsheet user would, and write the file back with Python's csv module.
    const edited = execFileSync(
      'python3',
      ['-c', `import csv,io,sys\nrows=list(csv.reader(io.StringIO(sys.stdin.read(), newline="")))\nrows[${row}][${nameAt}]=rows[${row}][${nameAt}]+"（改）"\nout=io.StringIO(newline="")\ncsv.writer(out, lineterminator="\\r\\n").writerows(rows)\nsys.stdout.write(out.getvalue())`],
      { input: csv.replace(/^\uFEFF/, ''), encoding: 'utf8' },
    );
    const file = join(work, 'edited.csv');
    writeFileSync(file, edited);
    const result = await cli(['import', file, '--department', dept.id, '--content', content, '--force']);
    expect(result.out).toContain('职权名称');
    const path = join(content, 'powers', ALL_FIELDS_POWER);
    const back = parsePowerText(readFileSync(path, 'utf8'), path)!;
    const original = parsePowerText(git('show', `HEAD:content/powers/${ALL_FIELDS_POWER}`), path)!;
    expect(back.record.name).toBe(`${oldName}（改）`);
    expect({ ...back.record, name: original.record.name }).toEqual(original.record);
    expect(back.body).toBe(original.body);
    git('checkout', '-q', '--', '.');
  });
});
