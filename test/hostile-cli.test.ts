import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { visit } from 'unist-util-visit';
import { afterAll, beforeAll, describe, expect, it, type ExpectStatic } from 'vitest';
import { BAD_CASES } from './fixtures/bad-cases.ts';
import { HOSTILE_CLI_CASES, type HostileCliCase } from './fixtures/hostile-cli-cases.ts';
import { applyEntries, BASE_FIXTURE } from './helpers/content.ts';

const BIN = resolve('bin/quanze.mjs');
/** Every run is bounded: a command still running after this is a hang (generous: the runs share a busy machine; alone each takes about a second). */
const CASE_TIMEOUT_MS = 120_000;
const inputs = mkdtempSync(join(tmpdir(), 'quanze-hostile-in-'));
/** Node's compile cache, shared by the runs: the commands start faster after the first. */
const compileCache = join(inputs, '.compile-cache');

/** Runs quanze in `cwd`, killed after `timeout` ms (then `signal` is set). */
function runQuanze(args: string[], cwd: string): Promise<{ status: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }> {
  return new Promise((done) => {
    const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('QUANZE_')));
    const child = spawn(process.execPath, [BIN, ...args], { cwd, env: { ...env, NODE_COMPILE_CACHE: compileCache }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), CASE_TIMEOUT_MS);
    child.on('close', (status, signal) => {
      clearTimeout(timer);
      done({ status, signal, stdout, stderr });
    });
  });
}

/** Spreadsheets a hostile user would send, written with exceljs (a 6 KB file can claim a huge sheet). */
beforeAll(async () => {
  const save = async (name: string, fill: (sheet: ExcelJS.Worksheet) => void) => {
    const workbook = new ExcelJS.Workbook();
    fill(workbook.addWorksheet('清单'));
    await workbook.xlsx.writeFile(join(inputs, name));
  };
  await save('far.xlsx', (s) => (s.getCell('XFD1048576').value = '末尾'));
  await save('a5000.xlsx', (s) => (s.getCell('A5000').value = '孤立的单元格'));
  await save('wide.xlsx', (s) => (s.getCell('KN1').value = '很远的列'));
  await save('formula.xlsx', (s) => {
    s.getCell('A1').value = '职权名称';
    s.getCell('B1').value = '责任事项';
    s.getCell('A2').value = { formula: 'CONCAT("测试","事项")' } as ExcelJS.CellFormulaValue;
  });
  await save('error.xlsx', (s) => {
    s.getCell('A1').value = '职权名称';
    s.getCell('A2').value = { error: '#N/A' } as ExcelJS.CellErrorValue;
  });
  // One merged range over the whole sheet, written into the XML (exceljs itself would never finish).
  await save('merge-bomb.xlsx', (s) => (s.getCell('A1').value = '职权名称'));
  const zip = await JSZip.loadAsync(readFileSync(join(inputs, 'merge-bomb.xlsx')));
  const sheet = (await zip.file('xl/worksheets/sheet1.xml')!.async('string')).replace('</sheetData>', '</sheetData><mergeCells count="1"><mergeCell ref="A1:XFD1048576"/></mergeCells>');
  zip.file('xl/worksheets/sheet1.xml', sheet);
  writeFileSync(join(inputs, 'merge-bomb.xlsx'), await zip.generateAsync({ type: 'nodebuffer' }));
  writeFileSync(join(inputs, 'huge.csv'), '');
  truncateSync(join(inputs, 'huge.csv'), 25 * 1024 * 1024);
});
afterAll(() => rmSync(inputs, { recursive: true, force: true }));

/** Path → what is there (file hash, link target, folder), without following links. */
function snapshot(root: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      const stat = lstatSync(path);
      const key = relative(root, path);
      if (stat.isSymbolicLink()) out.set(key, `link:${readlinkSync(path)}`);
      else if (stat.isDirectory()) {
        out.set(key, 'dir');
        walk(path);
      } else if (stat.isFile()) out.set(key, createHash('sha1').update(readFileSync(path)).digest('hex'));
      else out.set(key, 'special');
    }
  };
  walk(root);
  return out;
}

function changedPaths(before: Map<string, string>, after: Map<string, string>): string[] {
  const keys = new Set([...before.keys(), ...after.keys()]);
  return [...keys].filter((k) => before.get(k) !== after.get(k)).sort();
}

/** A commit whose power name and change note try every Markdown trick on the PR comment. */
const INJECTED_NAME = '测试`代码 **粗** ![x](https://evil.example/x.png) @everyone [点我](https://evil.example) | 表 | ~~删~~ ### 假标题 &lt;b&gt; www.evil.example $x$';
const INJECTED_NOTE = '正常说明\n\n# 假的一级标题\n\n```\n未闭合的代码块\n\n@maintainers <!-- 注释';

function prepare(testCase: HostileCliCase): { root: string; repo: string } {
  const root = mkdtempSync(join(tmpdir(), 'quanze-hostile-'));
  const repo = join(root, 'repo');
  cpSync(BASE_FIXTURE, repo, { recursive: true });
  mkdirSync(join(root, 'outside'));
  writeFileSync(join(root, 'outside/marker.txt'), '仓库外的文件\n');
  writeFileSync(join(repo, 'README.md'), '仓库说明\n');
  if (testCase.setup === 'git-history-with-markdown-injection') {
    const run = (args: string[]) => spawnSync('git', args, { cwd: repo, env: { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@example.org', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@example.org' } });
    run(['init', '-q', '-b', 'main']);
    run(['add', '-A']);
    run(['commit', '-q', '-m', 'base']);
    const file = join(repo, 'content/powers/test-dept/410100-CS-XK-001.md');
    const text = readFileSync(file, 'utf8')
      .replace('name: 测试许可证核发', `name: ${JSON.stringify(INJECTED_NAME)}`)
      .replace('status: 有效', `status: 有效\nchange_note: ${JSON.stringify(INJECTED_NOTE)}`);
    writeFileSync(file, text);
    run(['commit', '-q', '-am', 'hostile']);
  }
  if (testCase.files) applyEntries(repo, testCase.files);
  return { root, repo };
}

// The cases are independent (each in its own folder) and mostly wait on process start-up: run
// several at a time.
describe.concurrent('hostile input to the commands: bounded, no stack trace, nothing written out of place', () => {
  it('the whole corpus (content cases and command cases) has at least 150 cases', () => {
    expect(BAD_CASES.length + HOSTILE_CLI_CASES.length).toBeGreaterThanOrEqual(150);
    expect(new Set(HOSTILE_CLI_CASES.map((c) => c.name)).size).toBe(HOSTILE_CLI_CASES.length);
  });

  for (const testCase of HOSTILE_CLI_CASES) {
    it(testCase.name, { timeout: CASE_TIMEOUT_MS + 20_000 }, async ({ expect }) => {
      const { root, repo } = prepare(testCase);
      try {
        const before = snapshot(root);
        const args = testCase.args.map((a) => a.replace('{in}', inputs).replace('{repo}', repo));
        const r = await runQuanze(args, repo);
        const output = `${r.stdout}${r.stderr}`;
        expect(r.signal, `hang: still running after ${CASE_TIMEOUT_MS} ms`).toBeNull();
        expect(output).not.toMatch(/^\s+at .+:\d+:\d+\)?$/m);
        expect(output).not.toContain('内部错误');
        expect(output).toMatch(testCase.output);
        expect(r.status, output.slice(-2000)).toBe(testCase.exit);
        const allowed = (testCase.writes ?? []).map((w) => join('repo', w));
        const changed = changedPaths(before, snapshot(root)).filter((p) => !allowed.some((w) => p === w || p.startsWith(`${w}/`)));
        expect(changed, 'files changed outside the places the command may write').toEqual([]);
        if (testCase.setup === 'git-history-with-markdown-injection') expectPlainText(r.stdout, expect);
      } finally {
        rmSync(root, { recursive: true, force: true });
      }
    });
  }
});

/**
 * The PR comment read back by an independent Markdown parser (remark with GFM, as GitHub renders
 * it): the user's strings are text only — no extra headings, images, links, code, HTML or math —
 * and no one is @mentioned.
 */
function expectPlainText(markdown: string, expect: ExpectStatic) {
  const tree = unified().use(remarkParse).use(remarkGfm).parse(markdown);
  const kinds = new Map<string, number>();
  visit(tree, (node) => {
    kinds.set(node.type, (kinds.get(node.type) ?? 0) + 1);
  });
  for (const kind of ['image', 'link', 'html', 'code', 'inlineCode', 'emphasis', 'inlineMath', 'math']) expect(kinds.get(kind) ?? 0, kind).toBe(0);
  expect(kinds.get('blockquote'), 'one quote: the change note').toBe(1);
  // The renderer marks changed text itself (**added**, ~~removed~~): each mark holds text only.
  visit(tree, (node) => {
    if (node.type === 'strong' || node.type === 'delete') for (const child of (node as { children: { type: string }[] }).children) expect(child.type).toBe('text');
  });
  const headings: string[] = [];
  visit(tree, 'heading', (node) => {
    headings.push(`${'#'.repeat(node.depth)} ${markdownText(node)}`);
  });
  expect(headings.map((h) => h.split('：')[0])).toEqual(['## 权责清单变更', '### 职权事项', '#### 修改']);
  const text = markdownText(tree);
  // Literal text, with a zero-width space breaking each mention and bare link.
  const shown = (s: string) => s.replace(/\n+/g, ' ').replace(/@/g, '@\u200b').replace(/:\/\//g, ':\u200b//').replace(/www\./g, 'www\u200b.');
  expect(text).toContain(shown(INJECTED_NAME));
  expect(text).toContain(shown(INJECTED_NOTE));
  expect(text).not.toMatch(/@(?!\u200b)/);
}

function markdownText(node: unknown): string {
  let out = '';
  visit(node as Parameters<typeof visit>[0], 'text', (t) => {
    out += (t as { value: string }).value;
  });
  return out;
}
