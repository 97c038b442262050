import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BASE_FIXTURE } from './helpers/content.ts';

const BIN = resolve('bin/quanze.mjs');
const LISTS = resolve('test/fixtures/real-lists');
const work = mkdtempSync(join(tmpdir(), 'quanze-cli-import-'));
cpSync(BASE_FIXTURE, work, { recursive: true });
afterAll(() => rmSync(work, { recursive: true, force: true }));

function quanze(...args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: work, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

// Each test starts the CLI (a full content check) once or twice; on the shared 2-core machine that takes
// tens of seconds, so the limit is generous. Nothing here asserts a duration.
describe('quanze import', { timeout: 180_000 }, () => {
  it('fails, with the most likely cause, when a non-empty file gives no powers', () => {
    const r = quanze('import', join(LISTS, 'fujian-xiamen-scjg.xlsx'), '--department', 'test-dept', '--unit', 'xkc', '--dry-run');
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('导入失败：所有事项都未能导入');
    expect(r.stdout).toContain('请用 --category 指定');
    const header = join(work, 'no-header.csv');
    writeFileSync(header, '清单\n序号,名称,依据\n1,某事项,某法\n');
    const h = quanze('import', header, '--department', 'test-dept', '--dry-run');
    expect(h.code).toBe(1);
    expect(h.stdout).toContain('导入失败：没有找到表头');
  });

  it('takes the category from --category and says per power what a person must fill in, by kind', () => {
    const r = quanze('import', join(LISTS, 'fujian-xiamen-scjg.xlsx'), '--department', 'test-dept', '--unit', 'xkc', '--category', '行政检查', '--dry-run');
    expect(r.stdout).toContain('第 2 行　导入：410100-CS-JC-001 企业名称使用的监督检查');
    expect(r.stdout).toContain('[法规库] 法规库中没有《企业名称登记管理规定》');
    expect(r.stdout).toMatch(/须由人补充或核对：.*法规库 1 处/);
    expect(r.stdout).toContain('试运行，未写入');
    expect(readdirSync(join(work, 'content/powers/test-dept')).some((f) => f.includes('-JC-'))).toBe(false);
  });

  it('reports the detected encoding of a GBK/GB18030 CSV and gives a JSON report for tools', () => {
    const r = quanze('import', join(LISTS, 'liaoning-xinbin-yjj.csv'), '--department', 'test-dept', '--unit', 'xkc', '--dry-run', '--format', 'json');
    const report = JSON.parse(r.stdout);
    expect(report.encoding).toBe('GB18030');
    expect(report.rows).toEqual({ total: 5, imported: 1, structure: 4, skipped: 0 });
    expect(report.powers).toHaveLength(1);
    expect(report.powers[0].name).toBe('公众聚集场所投入使用、营业前消防安全检查');
    expect(report.powers[0].findings.map((f: { kind: string }) => f.kind)).toContain('岗位');
    expect(report.findingsByKind.岗位).toBeGreaterThan(0);
  });

  it('refuses a file that is text in no supported encoding, in Chinese, without a stack trace', () => {
    const bad = join(work, 'binary.csv');
    writeFileSync(bad, Buffer.from([0x81, 0x20, 0xff, 0xfe, 0x00, 0x41, 0x00]));
    const r = quanze('import', bad, '--department', 'test-dept');
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain('无法读取');
    expect(r.stderr).toContain('GB18030');
    expect(r.stderr).not.toMatch(/\bat .+\.ts:\d+/);
  });

  it('writes the files, keeps unplaced text in the body, and exits 1 while they still have errors', () => {
    const r = quanze('import', join(LISTS, 'hunan-lengshuitan-yjj.csv'), '--department', 'test-dept', '--unit', 'zfzd');
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/导入的文件还有 \d+ 处错误须修改（size \d+ 处）/);
    const file = join(work, 'content/powers/test-dept/410100-CS-CF-002.md');
    expect(existsSync(file)).toBe(true);
    const text = readFileSync(file, 'utf8');
    expect(text).toContain('## 导入时未能识别的内容');
    expect(text).toContain('- 实施主体：应急管理部门');
  });
});
