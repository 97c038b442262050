import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BASE_FIXTURE } from './helpers/content.ts';

const BIN = resolve('bin/quanze.mjs');
const work = mkdtempSync(join(tmpdir(), 'quanze-cli-'));
cpSync(BASE_FIXTURE, work, { recursive: true });
afterAll(() => rmSync(work, { recursive: true, force: true }));

function quanze(...args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: work, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('quanze validate', () => {
  it('passes valid content with a summary and exit 0', () => {
    const r = quanze('validate');
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/^校验通过：0 个错误，0 个警告（已通过 2 个事项，已逐字核对 \d+ 处引文，用时 \d+ 毫秒）\n$/);
  });

  it('reports every finding in one run, one line each, and exits 1', () => {
    const bad = join(work, 'content/powers/test-dept/410100-CS-XK-001.md');
    execFileSync('sed', ['-i', 's/stages:/stgaes:/; s/level: 市级/level: 市级\\nlevel: 县级/', join(work, 'content/powers/test-dept/410100-CS-CF-001.md')]);
    execFileSync('sed', ['-i', 's/category: 行政许可/category: 行政许可类/', bad]);
    try {
      const r = quanze('validate');
      expect(r.code).toBe(1);
      const lines = r.stderr.trim().split('\n');
      expect(lines.slice(0, -1)).toEqual([
        'content/powers/test-dept/410100-CS-CF-001.md:8:1: error: YAML 格式错误：字段重复出现 (yaml-syntax)',
        'content/powers/test-dept/410100-CS-XK-001.md:4:11: error: category: 职权类别「行政许可类」不在 stages.yaml 中，是否应为「行政许可」？可选：行政许可、行政处罚、行政强制、行政确认、行政给付、行政征收、行政裁决、行政检查、行政奖励、其他行政权力 (unknown-category)',
      ]);
      expect(lines.at(-1)).toMatch(/^校验未通过：2 个错误，0 个警告/);

      const json = quanze('validate', '--format', 'json');
      expect(json.code).toBe(1);
      expect(JSON.parse(json.stdout)[1]).toEqual({
        severity: 'error',
        rule: 'unknown-category',
        file: 'content/powers/test-dept/410100-CS-XK-001.md',
        line: 4,
        column: 11,
        field: 'category',
        message: '职权类别「行政许可类」不在 stages.yaml 中，是否应为「行政许可」？可选：行政许可、行政处罚、行政强制、行政确认、行政给付、行政征收、行政裁决、行政检查、行政奖励、其他行政权力',
      });

      const onlyOne = quanze('validate', 'content/powers/test-dept/410100-CS-XK-001.md');
      expect(onlyOne.stderr).not.toContain('CF-001');
    } finally {
      cpSync(join(BASE_FIXTURE, 'content/powers'), join(work, 'content/powers'), { recursive: true });
    }
  });

  it('explains a wrong option without a stack trace', () => {
    const r = quanze('validate', '--formt', 'json');
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('quanze validate：未知选项 --formt\n');
  });
});

describe('quanze new', () => {
  it('scaffolds a well-formed entry with the category stages, which validates once filled in', () => {
    const r = quanze('new', 'test-dept', '行政处罚', '--procedure', '简易程序', '--unit', 'zfzd', '--name', '对测试行为的当场处罚');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('410100-CS-CF-002.md');
    const path = join(work, 'content/powers/test-dept/410100-CS-CF-002.md');
    const text = readFileSync(path, 'utf8');
    expect([...text.matchAll(/^  - stage: (.+)$/gm)].map((m) => m[1])).toEqual(['告知', '决定', '送达', '执行', '备案']);
    // Unfilled, it fails with pointers to what is still to do.
    const before = quanze('validate');
    expect(before.code).toBe(1);
    expect(before.stderr).toContain('410100-CS-CF-002.md');
    // Filled in, it passes.
    const filled = text
      .replace('law: 待填写', 'law: xzcff')
      .replace('article: 第一条', 'article: 第五十一条')
      .replace('version: 待填写', 'version: 2021-01-22')
      .replace('quote: 待填写', 'quote: 违法事实确凿并有法定依据')
      .replaceAll('duty: 待填写', 'duty: 依法履行本环节职责。')
      .replace('post: 决定岗\n    duty: 依法履行本环节职责。\n    # limit: 5个工作日   # 有法定期限时填写，并在 basis 中注明依据\n  - stage: 送达', 'post: 决定岗\n    duty: 当场作出决定。\n  - stage: 送达')
      .replace(/post: 立案岗(?=\n    duty: 依法履行本环节职责。\n    # limit[^\n]*\n  - stage: 决定)/, 'post: 告知岗')
      .replace(/(stage: 备案\n    post: )\S+/, '$1执行岗');
    execFileSync('sh', ['-c', `cat > '${path}'`], { input: filled });
    const after = quanze('validate');
    expect(after.stderr).toMatch(/^校验通过/);
    rmSync(path);
  });

  it('refuses an unknown category with the choices', () => {
    const r = quanze('new', 'test-dept', '行政审批');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('没有职权类别「行政审批」；可选：行政许可、行政处罚');
  });
});
