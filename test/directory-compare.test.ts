import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { checkContentAt } from '../src/model/check.ts';
import { formatFinding } from '../src/model/findings.ts';
import { compareWithDirectories } from '../src/generators/directory/compare-upper.ts';
import { comparePeers, peerListFromModel } from '../src/generators/directory/compare-peer.ts';
import { codeSchemeProblem, parentCodeOf } from '../src/lib/code-scheme.ts';

// Each case validates the whole sample once or twice (quotes checked word for word), in a child process.
vi.setConfig({ testTimeout: 180_000 });

const BIN = resolve('bin/quanze.mjs');
const SAMPLE = resolve('content');
const temps: string[] = [];
afterAll(() => temps.forEach((d) => rmSync(d, { recursive: true, force: true })));

/** A copy of the sample content with some files replaced (string), edited (function) or deleted (null). */
function sampleCopy(changes: Record<string, string | null | ((text: string) => string)> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'quanze-directory-'));
  temps.push(dir);
  const content = join(dir, 'content');
  cpSync(SAMPLE, content, { recursive: true });
  for (const [path, change] of Object.entries(changes)) {
    const file = join(content, path);
    if (change === null) rmSync(file);
    else writeFileSync(file, typeof change === 'function' ? change(readFileSync(file, 'utf8')) : change);
  }
  return content;
}

function quanze(cwd: string, ...args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function model(content: string) {
  const result = checkContentAt(content, { relativeTo: resolve(content, '..') });
  return { ...result, lines: result.findings.filter((f) => f.severity === 'error').map(formatFinding) };
}

const YJ = 'powers/zz-yjglj';

describe('code schemes (fixed-width segments)', () => {
  const scheme = {
    name: 'DB52/T 1264-2018',
    separator: '',
    segments: [
      { name: '事项类型', length: 2, charset: '大写字母' as const, child: false },
      { name: '主项序号', length: 5, charset: '数字' as const, child: false },
      { name: '子项序号', length: 3, charset: '数字' as const, child: true },
    ],
  };
  it('accepts main and sub-item codes of the scheme and names the segment that does not fit', () => {
    expect(codeSchemeProblem(scheme, 'XK00001', false)).toBeUndefined();
    expect(codeSchemeProblem(scheme, 'XK00001002', true)).toBeUndefined();
    expect(parentCodeOf(scheme, 'XK00001002')).toBe('XK00001');
    expect(codeSchemeProblem(scheme, 'xk00001', false)).toBe('编码「xk00001」的「事项类型」应为 2 位大写字母；应为 事项类型（2 位大写字母） + 主项序号（5 位数字）');
    expect(codeSchemeProblem(scheme, 'XK0001', false)).toMatch(/「主项序号」应为 5 位数字/);
    expect(codeSchemeProblem(scheme, 'XK00001002', false)).toMatch(/比规则多出「002」/);
    expect(codeSchemeProblem(scheme, 'XK00001', true)).toMatch(/「子项序号」应为 3 位数字/);
    const dashed = { ...scheme, separator: '-' };
    expect(codeSchemeProblem(dashed, 'XK-00001-002', true)).toBeUndefined();
    expect(parentCodeOf(dashed, 'XK-00001-002')).toBe('XK-00001');
    expect(codeSchemeProblem(dashed, 'XK00001', false)).toMatch(/缺少分隔符「-」/);
  });
});

describe('directory validation', () => {
  it('checks codes against the scheme, parents, duplicates and the links from departments and powers', () => {
    const content = sampleCopy({
      'directory/ha-yjgl.yaml': (t) =>
        t
          .replace('  - code: XK00002\n', '  - code: XK0002\n')
          .replace('  - code: XK00001002\n    parent: XK00001\n', '  - code: XK00002002\n    parent: XK00001\n')
          .replace('  - code: CF00002\n', '  - code: CF00001\n')
          .replace('  - code: QT00002\n', '  - code: QT00002\n    parent: QT99999\n'),
    });
    const lines = model(content).lines.filter((l) => l.includes('directory/'));
    expect(lines).toEqual([
      expect.stringMatching(/^content\/directory\/ha-yjgl\.yaml:\d+:\d+: error: items\.2\.code: 子项编码「XK00002002」应以主项编码「XK00001」开头（示例编码规则：类型 2 位 \+ 主项 5 位 \+ 子项 3 位） \(code-parent\)$/),
      expect.stringMatching(/items\.3\.code: 编码「XK0002」的「主项序号」应为 5 位数字；应为 事项类型（2 位大写字母） \+ 主项序号（5 位数字）（示例编码规则.*\(code-scheme\)$/),
      expect.stringMatching(/items\.7\.code: 目录编码「CF00001」重复 \(duplicate-code\)$/),
      expect.stringMatching(/items\.18\.code: 编码「QT00002」的「子项序号」应为 3 位数字.*\(code-scheme\)$/),
      expect.stringMatching(/items\.18\.parent: 主项编码「QT99999」不在本目录中 \(unknown-parent\)$/),
    ]);
  });

  it('refuses a directory_code that is not in the department directory, and a directory that does not exist', () => {
    const content = sampleCopy({
      [`${YJ}/410100-YJ-CF-001.md`]: (t) => t.replace('directory_code: CF00001', 'directory_code: CF09999'),
      'departments/zz-mzj.yaml': (t) => t.replace('level: 市级\n', 'level: 市级\ndirectory: ha-mz\n'),
      'powers/zz-cgj/410100-CG-XK-001.md': (t) => t.replace('code: 410100-CG-XK-001\n', 'code: 410100-CG-XK-001\ndirectory_code: XK00001\n'),
    });
    const lines = model(content).lines;
    expect(lines).toContainEqual(expect.stringMatching(/^content\/departments\/zz-mzj\.yaml:\d+:\d+: error: directory: 上级目录「ha-mz」不存在：应为 content\/directory\/ 中某个文件的 id \(unknown-directory\)$/));
    expect(lines).toContainEqual('content/powers/zz-yjglj/410100-YJ-CF-001.md:3:17: error: directory_code: 目录编码「CF09999」不在《应急管理系统行政职权通用目录（示例）》中 (unknown-directory-code)');
    expect(lines).toContainEqual('content/powers/zz-cgj/410100-CG-XK-001.md:3:17: error: directory_code: 郑州市城市管理局没有指定上级目录（部门文件的 directory），directory_code 无从对照 (no-directory)');
  });
});

describe('quanze compare --upper', () => {
  it('the sample list against its directory: every item matched, one level difference that the power explains', () => {
    const { model: m } = model(SAMPLE);
    const [report, ...others] = compareWithDirectories(m!);
    expect(others).toEqual([]);
    expect(report!.department.id).toBe('zz-yjglj');
    expect(report!.counts).toEqual({ matched: 18, missing: 0, additional: 0, differing: 1, errors: 0 });
    const differing = report!.matched.filter((x) => x.differences.length);
    expect(differing.map((x) => [x.power.code, x.differences.map((d) => d.field)])).toEqual([['410100-YJ-XK-003', ['行使层级']]]);
    // The level difference is explained in the power's own notes.
    expect(m!.powers.find((p) => p.code === '410100-YJ-XK-003')!.notes).toContain('县级人民政府应急管理部门');
  });

  it('finds missing, additional (an error for 行政许可) and differing items, and exits 1 on the error', () => {
    const content = sampleCopy({
      [`${YJ}/410100-YJ-CF-002.md`]: null,
      [`${YJ}/410100-YJ-JC-002.md`]: (t) => t.replace('name: 对危险化学品生产、储存、使用、经营单位的监督检查', 'name: 对危险化学品单位的监督检查'),
      [`${YJ}/410100-YJ-CF-006.md`]: (t) => t.replace(/directory_code: CF00006\n/, '').replace('name: 对生产经营单位未在', 'name: 对生产经营单位未在'),
      [`${YJ}/410100-YJ-XK-002.md`]: (t) => t.replace('directory_code: XK00002\n', '').replace('name: 烟花爆竹经营（批发）许可证核发', 'name: 烟花爆竹批发经营许可证核发'),
    });
    const json = quanze(resolve(content, '..'), 'compare', '--upper', 'content/directory', '--format', 'json');
    expect(json.code).toBe(1);
    const [report] = JSON.parse(json.stdout);
    expect(report.missing.map((m: { code: string }) => m.code)).toEqual(['XK00002', 'CF00002']);
    expect(report.additional).toEqual([
      expect.objectContaining({ power: expect.objectContaining({ code: '410100-YJ-XK-002' }), severity: 'error', suggestion: expect.objectContaining({ code: 'XK00002' }) }),
    ]);
    const byName = report.matched.find((x: { power: { code: string } }) => x.power.code === '410100-YJ-CF-006');
    expect(byName.by).toBe('名称相同');
    const renamed = report.matched.find((x: { power: { code: string } }) => x.power.code === '410100-YJ-JC-002');
    expect(renamed.differences).toEqual([
      { field: '名称', upper: '对危险化学品生产、储存、使用、经营单位的监督检查', list: '对危险化学品单位的监督检查', explanation: '名称与目录不一致：目录为「对危险化学品生产、储存、使用、经营单位的监督检查」，清单为「对危险化学品单位的监督检查」' },
    ]);

    const text = quanze(resolve(content, '..'), 'compare', '--upper', 'content/directory');
    expect(text.code).toBe(1);
    expect(text.stdout).toContain('  缺少：CF00002 对生产经营单位未采取措施消除事故隐患的行政处罚（行政处罚；目录行使层级：省级、市级、县级）');
    // The same results as findings in the validator's form, on stderr, with the line of the field.
    const findings = text.stderr.trim().split('\n');
    expect(findings).toContainEqual(expect.stringMatching(/^content\/powers\/zz-yjglj\/410100-YJ-XK-002\.md:\d+:\d+: error: name: .*规定行政许可事项不得超出目录.*是否对应目录事项 XK00002「烟花爆竹经营（批发）许可证核发」？ \(directory-closed-category\)$/));
    expect(findings).toContainEqual(expect.stringMatching(/^content\/departments\/zz-yjglj\.yaml:\d+:\d+: warning: directory: .*CF00002「对生产经营单位未采取措施消除事故隐患的行政处罚」（行政处罚）不在本部门清单中.* \(directory-missing\)$/));
    expect(findings).toContainEqual(expect.stringMatching(/^content\/powers\/zz-yjglj\/410100-YJ-JC-002\.md:\d+:\d+: warning: name: 与目录事项 JC00002 不一致：名称与目录不一致.* \(directory-differs\)$/));
    expect(findings).toContainEqual(expect.stringMatching(/^content\/powers\/zz-yjglj\/410100-YJ-CF-006\.md:\d+:\d+: warning: name: 按名称对应目录事项 CF00006：请填写 directory_code: CF00006 \(directory-code-unset\)$/));
    expect(findings.at(-1)).toBe('与上级目录对照：1 个错误，5 个警告');
    expect(findings).toHaveLength(7);
    expect(text.stdout).toContain('  提示：410100-YJ-CF-006 对生产经营单位未在有较大危险因素的生产经营场所和有关设施、设备上设置明显的安全警示标志的行政处罚 按名称对应目录 CF00006，请填写 directory_code: CF00006');
  });

  it('reports a basis the directory lists but the power does not cite', () => {
    const content = sampleCopy({ 'directory/ha-yjgl.yaml': (t) => t.replace('      - { law: aqscf, article: 第九十九条 }', '      - { law: aqscf, article: 第九十九条 }\n      - { law: aqscf, article: 第一百零一条 }') });
    const [report] = compareWithDirectories(model(content).model!);
    const cf006 = report!.matched.find((x) => x.power.code === '410100-YJ-CF-006')!;
    expect(cf006.differences.map((d) => d.explanation)).toEqual(['目录列出的依据 《安全生产法》第一百零一条 清单中没有引用']);
  });

  it('escapes content in Markdown and HTML reports', () => {
    const content = sampleCopy({ [`${YJ}/410100-YJ-JC-002.md`]: (t) => t.replace(/^name: .*$/m, 'name: "# 标题 [链接](x) | @admin 1<2 & 3>2"') });
    const cwd = resolve(content, '..');
    const md = quanze(cwd, 'compare', '--upper', 'content/directory', '--format', 'markdown');
    expect(md.code).toBe(0);
    expect(md.stdout).not.toMatch(/^# 标题/m);
    expect(md.stdout).toContain('\\# 标题 \\[链接\\]\\(x\\) \\| @&#8203;admin 1\\<2 \\& 3\\>2');
    const html = quanze(cwd, 'compare', '--upper', 'content/directory', '--format', 'html').stdout;
    expect(html).toContain('# 标题 [链接](x) | @admin 1&lt;2 &amp; 3&gt;2');
  });

  it('explains usage errors in Chinese with exit 2', () => {
    const r = quanze(resolve('.'), 'compare');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('请指定 --upper <上级目录> 或 --peer');
    const missing = quanze(resolve('.'), 'compare', '--upper', 'no/such/folder');
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/上级目录「.*no\/such\/folder」不存在/);
  });
});

describe('quanze compare --peer', () => {
  it('matches by directory code, same name and similar name, and explains each difference', () => {
    const other = sampleCopy({
      [`${YJ}/410100-YJ-CF-001.md`]: (t) => t.replace(/^name: .*$/m, 'name: 对生产经营单位未按规定设置安全生产管理机构或者配备安全生产管理人员的行政处罚').replace('directory_code: CF00001\n', ''),
      [`${YJ}/410100-YJ-CF-004.md`]: (t) => t.replace('level: 市级', 'level: 市级、县级'),
      [`${YJ}/410100-YJ-JL-001.md`]: null,
    });
    const a = peerListFromModel(model(SAMPLE).model!, '郑州');
    const b = peerListFromModel(model(other).model!, '对照市');
    // The other city cites another article of the same law (a valid list of its own).
    b.powers.find((p) => p.code === '410100-YJ-CF-006')!.basis[1]!.article = '第一百条';
    const c = comparePeers(a, b);
    expect(c.onlyA.map((p) => p.code)).toEqual(['410100-YJ-JL-001']);
    expect(c.onlyB).toEqual([]);
    const cf001 = c.matched.find((m) => m.a.code === '410100-YJ-CF-001')!;
    expect(cf001.by).toBe('名称相近');
    expect(cf001.differences.map((d) => d.field)).toEqual(['名称']);
    const cf004 = c.matched.find((m) => m.a.code === '410100-YJ-CF-004')!;
    expect(cf004.differences).toEqual([{ field: '行使层级', a: '市级', b: '市级、县级', explanation: '行使层级不同：市级 与 市级、县级' }]);
    expect(c.matched.filter((m) => m.differences.length).map((m) => m.a.code).sort()).toEqual(['410100-YJ-CF-001', '410100-YJ-CF-004', '410100-YJ-CF-006']);
    expect(c.matched.find((m) => m.a.code === '410100-YJ-CF-006')!.differences.map((d) => d.explanation)).toEqual(['实施依据不同：只有前者引用 《安全生产法》第九十九条；只有后者引用 《安全生产法》第一百条']);
  });

  it('reads a peer list exported as JSON', () => {
    const other = sampleCopy({ [`${YJ}/410100-YJ-QT-001.md`]: null });
    const cwd = resolve(other, '..');
    expect(quanze(cwd, 'export', '--out', 'peer.json').code).toBe(0);
    const r = quanze(resolve('.'), 'compare', '--peer', join(cwd, 'peer.json'), '--department', 'zz-yjglj', '--format', 'json');
    expect(r.code).toBe(0);
    const c = JSON.parse(r.stdout);
    expect(c.onlyA.map((p: { code: string }) => p.code)).toEqual(['410100-YJ-QT-001']);
    expect(c.matched.every((m: { by: string }) => m.by === '目录编码')).toBe(true);
    const bad = quanze(resolve('.'), 'compare', '--peer', join(cwd, 'content/site.yaml'));
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('不是 JSON 文件');
  });
});
