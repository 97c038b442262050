import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserAvailable, launchChromium } from './helpers/browser.ts';
import { fixtureRepo } from './helpers/git-repo.ts';
import { serveStatic } from './helpers/static-server.ts';

/**
 * The auditor's record, end to end: a site built from a throwaway repository with dated commits
 * (some with change notes, some without, one adjustment record that cancels one power and hands
 * another down), read as an auditor would — what changed in one department between two dates, on
 * whose decision, and what the list was on a past date (checked against `quanze export --as-of`,
 * which checks out that day's files instead of reading the history).
 */
const repo = fixtureRepo();
const out = mkdtempSync(join(tmpdir(), 'quanze-auditor-'));
const XK = 'content/powers/test-dept/410100-CS-XK-001.md';
const CF = 'content/powers/test-dept/410100-CS-CF-001.md';
const XK2 = 'content/powers/test-dept/410100-CS-XK-002.md';
const XK3 = 'content/powers/test-dept/410100-CS-XK-003.md';
/** Commit messages written for developers: none may reach the public site. */
const commits: string[] = [];
let buildLog = '';
/** Tests that run the CLI several times: each run starts Node and validates the content. */
const CLI_TIMEOUT = 180_000;
const SUBJECTS = ['chore: initial import SUBJ-7F3A', 'fix受理期限 SUBJ-19C2', 'wip: notes SUBJ-0B7E', 'feat: add two permits SUBJ-55D1', 'apply adjustment SUBJ-E4A8'];

function quanze(...args: string[]) {
  const r = spawnSync(process.execPath, ['bin/quanze.mjs', ...args], { encoding: 'utf8', env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1' } });
  if (r.status !== 0) throw new Error(`quanze ${args[0]} failed:\n${r.stdout.slice(-3000)}\n${r.stderr.slice(-3000)}`);
  return r.stdout;
}

const page = (path: string) => readFileSync(join(out, path), 'utf8');
/** Visible text of a page, tags dropped, whitespace collapsed. */
const text = (html: string) => html.replace(/<(script|style)[\s\S]*?<\/\1>/g, '').replace(/<[^>]+>/g, ' ').replace(/&amp;/g, '&').replace(/\s+/g, ' ');

beforeAll(() => {
  repo.edit('content/site.yaml', 'sample: true', 'sample: true\nurl: https://qd.example.gov.cn/');
  commits[0] = repo.commit(SUBJECTS[0]!, '2024-01-10');

  repo.edit(XK, 'limit: 5个工作日', 'limit: 3个工作日');
  repo.edit(XK, 'status: 有效', 'status: 有效\nchange_note: 受理期限由5个工作日压缩为3个工作日\nliability: 本事项的违法责任依照《测试条例》追究。');
  commits[1] = repo.commit(SUBJECTS[1]!, '2024-03-01', '09:15:00');
  // Same day, later: a change without a change note.
  repo.edit(CF, 'duty: 两名以上执法人员调查取证。', 'duty: 两名以上执法人员调查取证，制作笔录。');
  commits[2] = repo.commit(SUBJECTS[2]!, '2024-03-01', '16:40:00');

  const xk = repo.read(XK).replace(/change_note: .*\n/, '');
  repo.write(XK2, xk.replace('code: 410100-CS-XK-001', 'code: 410100-CS-XK-002').replace('name: 测试许可证核发', 'name: 测试经营备案').replace('status: 有效', 'status: 有效\nchange_note: 新增测试经营备案'));
  repo.write(XK3, xk.replace('code: 410100-CS-XK-001', 'code: 410100-CS-XK-003').replace('name: 测试许可证核发', 'name: 测试场所许可'));
  commits[3] = repo.commit(SUBJECTS[3]!, '2024-04-01');

  repo.write(
    'content/adjustments/test-dept-2024-05.yaml',
    `id: test-dept-2024-05
department: test-dept
document: 测政〔2024〕18号
title: 关于调整测试市应急管理局权责清单的通知
approved: 2024-05-06
reason: 落实放管服改革要求
items:
  - kind: 取消
    powers: 410100-CS-XK-002
    reason: 上位法已取消该备案，相关监管并入测试许可证核发
    successor: 410100-CS-XK-001
  - kind: 下放
    powers: 410100-CS-XK-003
    reason: 就近办理
    to: 各县（市、区）测试局
`,
  );
  repo.git(['rm', '-q', XK2, XK3]);
  commits[4] = repo.commit(SUBJECTS[4]!, '2024-05-08');
  buildLog = quanze('build', '--content', repo.content, '--out', out, '--full');
}, 300_000);

afterAll(() => {
  repo.remove();
  rmSync(out, { recursive: true, force: true });
});

function files(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => relative(dir, join(e.parentPath, e.name)));
}

describe('the change record of a site built from dated commits', () => {
  it('never shows a commit message, anywhere in the site', () => {
    const textFiles = files(out).filter((f) => /\.(html|xml|json|csv|txt|mmd|svg)$/.test(f));
    expect(textFiles.length).toBeGreaterThan(20);
    const leaks = textFiles.flatMap((f) => {
      const body = readFileSync(join(out, f), 'utf8');
      return SUBJECTS.filter((s) => body.includes(s) || body.includes(s.split(' ').pop()!)).map((s) => `${f}: ${s}`);
    });
    expect(leaks).toEqual([]);
  });

  it('lists exactly the department\'s changes between two dates, each naming department, power, time and words', () => {
    const html = page('departments/test-dept/changes/index.html');
    const entries = [...html.matchAll(/<li[^>]*data-date="([^"]+)" data-kind="([^"]+)" data-code="([^"]+)"[^>]*>([\s\S]*?)<\/li>/g)].map((m) => ({ date: m[1]!, kind: m[2]!, code: m[3]!, text: text(m[4]!) }));
    const between = entries.filter((e) => e.date >= '2024-03-01' && e.date <= '2024-04-01');
    expect(between.map((e) => `${e.date} ${e.kind} ${e.code}`)).toEqual([
      '2024-04-01 列入清单 410100-CS-XK-002',
      '2024-04-01 列入清单 410100-CS-XK-003',
      '2024-03-01 修改 410100-CS-CF-001',
      '2024-03-01 修改 410100-CS-XK-001',
    ]);
    for (const e of between) expect(e.text).toContain('测试市应急管理局');
    expect(between.map((e) => e.text.match(/\d{4}-\d{2}-\d{2} \d{2}:\d{2}/)![0])).toEqual(['2024-04-01 10:00', '2024-04-01 10:00', '2024-03-01 16:40', '2024-03-01 09:15']);
    expect(between[0]!.text).toContain('新增测试经营备案');
    expect(between[1]!.text).toContain('内容调整（未填写变更说明）');
    expect(between[2]!.text).toContain('内容调整（未填写变更说明）');
    expect(between[3]!.text).toContain('受理期限由5个工作日压缩为3个工作日');
    // The adjustment decides the withdrawals: its kinds and its 文号, not a neutral phrase.
    const withdrawn = entries.filter((e) => e.date === '2024-05-08');
    expect(withdrawn.map((e) => `${e.kind} ${e.code}`)).toEqual(['取消 410100-CS-XK-002', '下放 410100-CS-XK-003']);
    expect(withdrawn[0]!.text).toContain('测政〔2024〕18号');
    // Changes without a change note or an adjustment are counted for the department.
    expect(text(html)).toContain('其中 4 条未填写变更说明');
    expect(buildLog).toContain('警告：4 处变更既未填写变更说明（change_note）也没有调整记录，公开的变更记录显示为「内容调整（未填写变更说明）」：测试市应急管理局 4 处 (missing-change-note)');
    expect(text(html)).toContain('调整 2 项：取消 1、下放 1');
  });

  it('gives the list as it stood on a past change date, exactly as quanze export --as-of does', () => {
    for (const date of ['2024-03-01', '2024-04-01', '2024-05-08']) {
      const exported = JSON.parse(quanze('export', '--content', repo.content, '--as-of', date)) as { departments: { id: string; powers: { code: string; name: string }[] }[] };
      const expected = exported.departments.find((d) => d.id === 'test-dept')!;
      const snapshot = JSON.parse(page(`departments/test-dept/as-of/${date}.json`)) as { date: string; department: unknown };
      expect(snapshot.department, date).toEqual(expected);
      // The page shows the same powers in the same order, with the 3-day limit only from 2024-03-01 on.
      const html = page(`departments/test-dept/as-of/${date}/index.html`);
      const codes = [...html.matchAll(/<div class="muted">(410100-[^<]+)<\/div>/g)].map((m) => m[1]);
      expect(codes, date).toEqual(expected.powers.map((p) => p.code));
      expect(text(html)).toContain(`这是 ${date} 当天结束时的清单`);
    }
    expect(files(out).filter((f) => f.startsWith('departments/test-dept/as-of/')).sort()).toEqual(
      ['2024-01-10', '2024-03-01', '2024-04-01', '2024-05-08'].flatMap((d) => [`departments/test-dept/as-of/${d}.json`, `departments/test-dept/as-of/${d}/index.html`]).sort(),
    );
  }, CLI_TIMEOUT);

  it('keeps a page for the cancelled and the handed-down power: reason, date, document and successor', () => {
    const cancelled = text(page('powers/410100-CS-XK-002/index.html'));
    expect(cancelled).toContain('本事项已取消');
    expect(cancelled).toContain('测政〔2024〕18号');
    expect(cancelled).toContain('2024-05-06');
    expect(cancelled).toContain('上位法已取消该备案，相关监管并入测试许可证核发');
    expect(cancelled).toMatch(/现由以下事项承接：\s*测试许可证核发\s*（410100-CS-XK-001）/);
    expect(page('powers/410100-CS-XK-002/index.html')).toContain('href="/powers/410100-CS-XK-001/"');
    const handedDown = text(page('powers/410100-CS-XK-003/index.html'));
    expect(handedDown).toContain('本事项已下放');
    expect(handedDown).toContain('承接单位：各县（市、区）测试局');
  });

  it('tells two versions of one day apart, and compares adjacent versions with names, not identifiers', () => {
    const cf = page('powers/410100-CS-CF-001/index.html');
    expect(text(cf)).toContain('2024-03-01 16:40');
    const xk = page('powers/410100-CS-XK-001/index.html');
    const compare = /href="(\/powers\/410100-CS-XK-001\/compare\/[0-9a-f]{7}\/)"/.exec(xk)![1]!;
    const compared = text(page(`${compare.slice(1)}index.html`));
    expect(compared).toContain('2024-01-10 10:00 版本');
    expect(compared).toContain('2024-03-01 09:15 版本');
    expect(compared).toMatch(/责任事项「受理」·期限 5个工作日 3个工作日/);
    // The timeline names the standard liability text it replaced, not a placeholder.
    expect(text(xk).replace(/ /g, '')).toMatch(/违法责任行政机关未履行法定职责.*本事项的违法责任依照《测试条例》追究。/);
    expect(xk).not.toContain('（标准表述）');
    // Rewritten, not edited: struck and inserted whole, not as scattered characters.
    expect(xk).toMatch(/<del>行政机关未履行法定职责[^<]*<\/del>/);
    expect(xk).toContain('<ins>本事项的违法责任依照《测试条例》追究。</ins>');
    const version = /href="(\/powers\/410100-CS-XK-001\/versions\/[0-9a-f]{7}\/)"/.exec(xk)![1]!;
    const old = text(page(`${version.slice(1)}index.html`));
    expect(old).not.toContain('（标准表述）');
    expect(old).not.toMatch(/承办机构 xkc/);
  });

  it('publishes Atom feeds with absolute links and the commits\' own times', () => {
    const feed = page('departments/test-dept/changes.xml');
    expect(feed).toContain('<link rel="alternate" type="text/html" href="https://qd.example.gov.cn/departments/test-dept/changes/"/>');
    expect(feed).toContain('<updated>2024-03-01T16:40:00+08:00</updated>');
    expect(feed).toContain('<updated>2024-03-01T09:15:00+08:00</updated>');
    expect(feed).not.toMatch(/href="\//);
    expect(feed).not.toContain('T00:00:00Z');
  });
});

describe('the pull-request check', () => {
  const diff = (from: number, to: number) =>
    spawnSync(process.execPath, ['bin/quanze.mjs', 'diff', commits[from]!, commits[to]!, '--content', repo.content, '--require-change-notes'], { encoding: 'utf8' });

  it('refuses a changed power without a change note, naming the file', () => {
    const r = diff(1, 2);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('content/powers/test-dept/410100-CS-CF-001.md: 修改了事项「对测试违法行为的行政处罚」（410100-CS-CF-001），但没有变更说明');
    expect(r.stderr).toContain('1 个变更的事项没有变更说明');
  }, CLI_TIMEOUT);

  it('accepts changes explained by a change note or by an adjustment record, and refuses an unexplained addition', () => {
    expect(diff(0, 1).status).toBe(0);
    expect(diff(3, 4).status).toBe(0);
    const added = diff(2, 3);
    expect(added.status).toBe(1);
    expect(added.stderr).toContain('新增了事项「测试场所许可」（410100-CS-XK-003）');
    expect(added.stderr).not.toContain('410100-CS-XK-002）');
  }, CLI_TIMEOUT);
});

describe.runIf(browserAvailable())('an auditor in the browser', () => {
  let browser: Browser;
  let site: { url: string; close: () => Promise<void> };
  beforeAll(async () => {
    site = await serveStatic(out);
    browser = await launchChromium();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await site?.close();
  });

  it('goes from a law to the affected power, to a two-version compare, to the department list as of the earlier date', async () => {
    const page = await browser.newPage();
    const visited: string[] = [];
    page.on('framenavigated', (f) => f === page.mainFrame() && visited.push(f.url()));
    await page.goto(`${site.url}/laws/csf/`);
    await page.getByRole('link', { name: '测试许可证核发' }).first().click();
    await page.waitForURL('**/powers/410100-CS-XK-001/');
    await page.getByRole('link', { name: /与上一版本（2024-01-10 10:00）比较/ }).click();
    await page.waitForURL('**/compare/*/');
    await expect(page.locator('table.changes').textContent()).resolves.toContain('3个工作日');
    // Readable without colour: insertions underlined and bold, deletions struck through, and on
    // paper each says what it is in words; the 修改前 column keeps its width.
    await page.emulateMedia({ media: 'print' });
    const marks = await page.evaluate(() => {
      const ins = document.querySelector('table.changes ins') ?? document.createElement('ins');
      const del = document.querySelector('table.changes del') ?? document.createElement('del');
      if (!ins.isConnected) document.querySelector('table.changes td')!.append(ins, del);
      const table = document.querySelector('table.changes')!.getBoundingClientRect().width;
      const before = document.querySelector('table.changes thead th:nth-child(2)')!.getBoundingClientRect().width;
      return {
        ins: [getComputedStyle(ins).textDecorationLine, getComputedStyle(ins).fontWeight, getComputedStyle(ins, '::before').content],
        del: [getComputedStyle(del).textDecorationLine, getComputedStyle(del, '::before').content],
        beforeShare: before / table,
      };
    });
    expect(marks.ins).toEqual(['underline', '700', '"〔增："']);
    expect(marks.del).toEqual(['line-through', '"〔删："']);
    expect(marks.beforeShare).toBeGreaterThan(0.35);
    await page.emulateMedia({ media: 'screen' });
    await page.getByRole('link', { name: '2024-01-10 的部门清单' }).click();
    await page.waitForURL('**/departments/test-dept/as-of/2024-01-10/');
    await expect(page.getByRole('note').first().textContent()).resolves.toContain('这是 2024-01-10 当天结束时的清单');
    await expect(page.locator('table.list').first().textContent()).resolves.toContain('5个工作日');
    expect(visited.every((u) => u.startsWith(site.url))).toBe(true);
    await page.close();
  });

  it('filters the department change page by date range and kind, and compares two dated lists', async () => {
    const page = await browser.newPage();
    await page.goto(`${site.url}/departments/test-dept/changes/`);
    await page.locator('form.change-filter input[name=from]').fill('2024-03-01');
    await page.locator('form.change-filter input[name=to]').fill('2024-04-01');
    const shown = () => page.locator('ul.change-list > li:visible').evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.code));
    await expect.poll(shown).toEqual(['410100-CS-XK-002', '410100-CS-XK-003', '410100-CS-CF-001', '410100-CS-XK-001']);
    await page.locator('form.change-filter select[name=kind]').selectOption('修改');
    await expect.poll(shown).toEqual(['410100-CS-CF-001', '410100-CS-XK-001']);
    await page.locator('form.list-compare select[name=from]').selectOption('2024-01-10');
    await page.locator('form.list-compare select[name=to]').selectOption('2024-05-08');
    await page.locator('form.list-compare button').click();
    const result = page.locator('.list-compare-result');
    await expect.poll(() => result.textContent()).toContain('2024-01-10 → 2024-05-08：新增 0 项、移出 0 项、内容变化 2 项');
    await expect(result.textContent()).resolves.toContain('责任事项');
    await page.close();
  });
});
