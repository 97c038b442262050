import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BASE_FIXTURE } from './helpers/content.ts';
import { checkContentAt } from '../src/model/check.ts';
import { indexSearch, shardCount } from '../src/build/search-index.ts';

/**
 * quanze build reuses the last build when only power files changed. Whatever it reuses, the
 * result must be the site a full build makes from the same content: same files, same bytes. The
 * content is a git repository with a commit per step, so the pages made from history (version
 * pages, as-of lists, change pages, Atom feeds, "updated" banners) are compared too.
 */
const dir = mkdtempSync(join(tmpdir(), 'quanze-incremental-'));
const content = join(dir, 'content');
const powers = join(content, 'powers/test-dept');
const base = readFileSync(join(BASE_FIXTURE, 'content/powers/test-dept/410100-CS-XK-001.md'), 'utf8');

function power(code: string, name: string, extra = ''): string {
  return base.replace('code: 410100-CS-XK-001', `code: ${code}`).replace('name: 测试许可证核发', `name: ${name}${extra}`);
}

/** Commits everything on a fixed date, so both builds read the same history. */
function commit(date: string): void {
  const when = `${date}T10:00:00+08:00`;
  const env = { ...process.env, GIT_AUTHOR_NAME: '测试', GIT_AUTHOR_EMAIL: 'test@example.org', GIT_COMMITTER_NAME: '测试', GIT_COMMITTER_EMAIL: 'test@example.org', GIT_AUTHOR_DATE: when, GIT_COMMITTER_DATE: when };
  for (const args of [['add', '-A'], ['commit', '-q', '-m', `内容 ${date}`]]) {
    const r = spawnSync('git', args, { cwd: dir, encoding: 'utf8', env });
    if (r.status !== 0) throw new Error(`git ${args.join(' ')} failed: ${r.stderr}`);
  }
}

function build(out: string, ...flags: string[]): string {
  const r = spawnSync(process.execPath, ['bin/quanze.mjs', 'build', '--content', content, '--out', join(dir, out), ...flags], {
    encoding: 'utf8',
    env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1' },
  });
  if (r.status !== 0) throw new Error(`quanze build failed:\n${r.stdout.slice(-3000)}\n${r.stderr.slice(-3000)}`);
  return r.stdout;
}

function files(root: string): string[] {
  return readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => relative(root, join(e.parentPath, e.name)))
    .sort();
}

/** Workbooks carry their creation time: compare what they hold. */
async function workbookValues(file: string): Promise<unknown> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(file);
  return workbook.worksheets.map((ws) => ({ name: ws.name, values: ws.getSheetValues(), merges: ws.model.merges }));
}

/** Same files, same bytes (workbooks: same cells). */
async function expectSameSite(site: string, full: string): Promise<void> {
  expect(files(site)).toEqual(files(full));
  for (const file of files(full)) {
    if (file.endsWith('.xlsx')) expect(await workbookValues(join(site, file)), file).toEqual(await workbookValues(join(full, file)));
    else expect(readFileSync(join(site, file)).equals(readFileSync(join(full, file))), file).toBe(true);
  }
}

let incremental = '';

beforeAll(() => {
  cpSync(join(BASE_FIXTURE, 'content'), content, { recursive: true });
  spawnSync('git', ['init', '-q', '-b', 'main'], { cwd: dir });
  // Build outputs live beside the content; they are not content history.
  writeFileSync(join(dir, '.gitignore'), '/site/\n/full/\n/full2/\n');
  // A second department, untouched by the changes below: its pages are reused.
  const department = readFileSync(join(content, 'departments/test-dept.yaml'), 'utf8');
  writeFileSync(join(content, 'departments/other-dept.yaml'), department.replace(/^id: test-dept$/m, 'id: other-dept').replace(/^name: (.*)$/m, 'name: 另一测试局'));
  mkdirSync(join(content, 'powers/other-dept'), { recursive: true });
  writeFileSync(join(content, 'powers/other-dept/410100-CS-XK-101.md'), power('410100-CS-XK-101', '另一测试许可'));
  writeFileSync(join(powers, '410100-CS-XK-002.md'), power('410100-CS-XK-002', '测试许可证核发（分支机构）', '\nparent: 410100-CS-XK-001'));
  writeFileSync(join(powers, '410100-CS-XK-003.md'), power('410100-CS-XK-003', '测试许可证变更'));
  commit('2024-01-02');
  expect(build('site')).toContain('完整构建：没有上次构建的记录');

  // A child renamed (its parent's page lists it), a power removed, one added.
  writeFileSync(join(powers, '410100-CS-XK-002.md'), power('410100-CS-XK-002', '测试许可证核发（连锁门店）', '\nparent: 410100-CS-XK-001'));
  rmSync(join(powers, '410100-CS-XK-003.md'));
  writeFileSync(join(powers, '410100-CS-XK-004.md'), power('410100-CS-XK-004', '测试许可证延续'));
  commit('2024-03-05');
  incremental = build('site');
  build('full', '--full');
}, 180_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('incremental build', () => {
  it('renders only the pages whose inputs changed', () => {
    expect(incremental).toContain('增量构建：3 个事项有变化，1 个已删除，涉及 1 个部门');
    expect(incremental).toMatch(/渲染事项页 3 个/);
  });

  it('gives the same site as a full build of the same content, history pages included', async () => {
    const full = files(join(dir, 'full'));
    // The comparison covers what history makes: without these it would prove nothing about them.
    expect(full).toContain('changes.xml');
    expect(full).toContain('departments/test-dept/changes.xml');
    expect(full.filter((f) => /^powers\/410100-CS-XK-002\/versions\/[^/]+\/index\.html$/.test(f)).length).toBeGreaterThanOrEqual(2);
    expect(full.some((f) => /^departments\/test-dept\/as-of\/2024-03-05\//.test(f))).toBe(true);
    expect(readFileSync(join(dir, 'full/powers/410100-CS-XK-004/index.html'), 'utf8')).toContain('2024-03-05');
    await expectSameSite(join(dir, 'site'), join(dir, 'full'));
  });

  it('drops the removed power and publishes the new one and the renamed child', () => {
    const site = join(dir, 'site');
    expect(existsSync(join(site, 'powers/410100-CS-XK-003'))).toBe(false);
    expect(readFileSync(join(site, 'powers/410100-CS-XK-004/index.html'), 'utf8')).toContain('测试许可证延续');
    expect(readFileSync(join(site, 'powers/410100-CS-XK-001/index.html'), 'utf8')).toContain('测试许可证核发（连锁门店）');
    expect(readFileSync(join(site, 'departments/test-dept/index.html'), 'utf8')).not.toContain('测试许可证变更');
  });

  it('stays equal to a full build over several incremental builds in a row', async () => {
    const file = join(content, 'powers/other-dept/410100-CS-XK-101.md');
    writeFileSync(file, readFileSync(file, 'utf8').replace('name: 另一测试许可', 'name: 另一测试许可（更名）'));
    commit('2024-04-10');
    expect(build('site')).toContain('增量构建：1 个事项有变化，0 个已删除，涉及 1 个部门');
    build('full2', '--full');
    await expectSameSite(join(dir, 'site'), join(dir, 'full2'));
  }, 120_000);

  it('indexes search while rendering into the same bundles as indexing the finished site', async () => {
    // A full build's index is made from the pages as Astro renders them (src/build/search-index-feed.ts);
    // the oracle is pagefind's index of the same site's written pages.
    const full = join(dir, 'full');
    const reindexed = join(dir, 'reindexed');
    cpSync(full, reindexed, { recursive: true });
    for (const entry of readdirSync(reindexed)) if (entry.startsWith('pagefind')) rmSync(join(reindexed, entry), { recursive: true });
    const codes = checkContentAt(content).model!.powers.map((p) => p.code);
    await indexSearch({ site: reindexed, codes, shards: shardCount(codes.length) });
    const bundles = (root: string) => files(root).filter((f) => f.startsWith('pagefind'));
    expect(bundles(full).length).toBeGreaterThan(20);
    expect(bundles(reindexed)).toEqual(bundles(full));
    for (const file of bundles(full)) expect(readFileSync(join(reindexed, file)).equals(readFileSync(join(full, file))), file).toBe(true);
  }, 60_000);

  it('builds in full when shared content changes', () => {
    const settings = join(content, 'site.yaml');
    writeFileSync(settings, readFileSync(settings, 'utf8') + '\n# changed\n');
    expect(build('site')).toContain('完整构建：共用内容');
  }, 120_000);
});
