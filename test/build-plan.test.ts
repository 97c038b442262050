import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { planBuild, type BuildInputs } from '../src/build/plan.ts';
import type { BuildManifest } from '../src/build/manifest.ts';
import { indexSearch, shardCount, shardOf } from '../src/build/search-index.ts';

const inputs: BuildInputs = {
  outDir: '/site/dist',
  contentDir: '/site/content',
  code: 'code-1',
  shared: 'shared-1',
  pages: new Map([
    ['A-1', 'a1'],
    ['A-2', 'a2'],
    ['B-1', 'b1'],
  ]),
  departments: new Map([
    ['a', 'da'],
    ['b', 'db'],
  ]),
  outDirExists: true,
};
const manifest: BuildManifest = {
  version: 3,
  outDir: '/site/dist',
  contentDir: '/site/content',
  code: 'code-1',
  shared: 'shared-1',
  pages: { 'A-1': 'a1', 'A-2': 'a2', 'B-1': 'b1' },
  departments: { a: 'da', b: 'db' },
  charts: {},
  shards: 1,
  aggregates: [],
};

describe('build plan', () => {
  it('builds in full without a usable last build', () => {
    expect(planBuild(undefined, inputs)).toEqual({ mode: 'full', reason: '没有上次构建的记录' });
    expect(planBuild(manifest, { ...inputs, outDirExists: false }).mode).toBe('full');
    expect(planBuild(manifest, { ...inputs, outDir: '/elsewhere' }).mode).toBe('full');
    expect(planBuild(manifest, { ...inputs, code: 'code-2' })).toEqual({ mode: 'full', reason: '网站代码或依赖有变化' });
    expect(planBuild(manifest, { ...inputs, shared: 'shared-2' }).mode).toBe('full');
  });

  it('rebuilds only changed, added and removed powers and their departments', () => {
    const pages = new Map([
      ['A-1', 'a1-changed'],
      ['B-1', 'b1'],
      ['B-2', 'b2-new'],
    ]);
    const departments = new Map([
      ['a', 'da-changed'],
      ['b', 'db-changed'],
    ]);
    expect(planBuild(manifest, { ...inputs, pages, departments })).toEqual({ mode: 'incremental', changed: ['A-1', 'B-2'], removed: ['A-2'], departments: ['a', 'b'] });
    expect(planBuild(manifest, inputs)).toEqual({ mode: 'incremental', changed: [], removed: [], departments: [] });
  });
});

describe('search shards', () => {
  it('puts a code in the same shard on every machine and spreads codes evenly', () => {
    // FNV-1a 32-bit test vectors from the FNV reference (draft-eastlake-fnv: "a", "foobar"), read
    // whole with a modulus of 2^32; the code's shard was computed by an independent implementation.
    expect(shardOf('', 2 ** 32)).toBe(0x811c9dc5);
    expect(shardOf('a', 2 ** 32)).toBe(0xe40c292c);
    expect(shardOf('foobar', 2 ** 32)).toBe(0xbf9cf968);
    expect(shardOf('410100-YJ-XK-001', 10)).toBe(5);
    expect(shardCount(72)).toBe(1);
    expect(shardCount(10_000)).toBe(10);
    const sizes = Array(10).fill(0);
    for (let i = 0; i < 10_000; i++) sizes[shardOf(`410100-ZZ-CF-${String(i).padStart(5, '0')}`, 10)]++;
    expect(Math.min(...sizes)).toBeGreaterThan(800);
    expect(Math.max(...sizes)).toBeLessThan(1200);
  });

  it('refuses to index a site with a power page missing or cut short, and counts what it indexed', async () => {
    const site = mkdtempSync(join(tmpdir(), 'quanze-index-'));
    try {
      const page = (code: string, html: string) => {
        mkdirSync(join(site, 'powers', code), { recursive: true });
        writeFileSync(join(site, 'powers', code, 'index.html'), html);
      };
      const record = (name: string) => `<template data-search-catalogue>${JSON.stringify({ type: '事项', title: name, filters: {}, lines: [] })}</template>`;
      const full = (name: string, catalogue = true) =>
        `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>${name}</title></head><body><article data-pagefind-body><h1>${name}</h1>${catalogue ? record(name) : ''}</article></body></html>\n`;
      page('X-1', full('甲事项'));
      page('X-2', full('乙事项'));
      await expect(indexSearch({ site, codes: ['X-1', 'X-2', 'X-3'], shards: 1 })).rejects.toThrow('事项页 powers/X-3/index.html 不存在或不完整');
      page('X-3', full('丙事项').slice(0, 80));
      await expect(indexSearch({ site, codes: ['X-1', 'X-2', 'X-3'], shards: 1 })).rejects.toThrow('不存在或不完整');
      page('X-3', full('丙事项', false));
      await expect(indexSearch({ site, codes: ['X-1', 'X-2', 'X-3'], shards: 1 })).rejects.toThrow('页面 powers/X-3/index.html 没有搜索目录记录');
      page('X-3', full('丙事项'));
      const stats = await indexSearch({ site, codes: ['X-1', 'X-2', 'X-3'], shards: 2 });
      expect(stats).toMatchObject({ pages: 3, shards: 2, indexed: [0, 1] });
      const listed = JSON.parse(readFileSync(join(site, 'pagefind-shards.json'), 'utf8')) as string[];
      const filled = new Set(['X-1', 'X-2', 'X-3'].map((c) => shardOf(c, 2)));
      expect(listed).toEqual([...filled].sort().map((k) => `/pagefind-text-${k}/`));
      // pagefind's own entry file of each shard counts the pages it holds: together, all three.
      const pageCount = (dir: string) => {
        const entry = JSON.parse(readFileSync(join(site, dir, 'pagefind-entry.json'), 'utf8')) as { languages: Record<string, { page_count: number }> };
        return Object.values(entry.languages).reduce((sum, l) => sum + l.page_count, 0);
      };
      expect([...filled].map((k) => pageCount(`pagefind-text-${k}`)).reduce((a, b) => a + b, 0)).toBe(3);
      // The catalogue holds every page once.
      expect(pageCount('pagefind')).toBe(3);
    } finally {
      rmSync(site, { recursive: true, force: true });
    }
  }, 60_000);

  it('keeps a bundle only while its pages are the same: the result equals indexing afresh', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'quanze-reuse-'));
    const site = join(dir, 'site');
    const fresh = join(dir, 'fresh');
    const reuse = join(dir, 'state/search.json');
    const codes = ['X-1', 'X-2', 'X-3', 'X-4'];
    const page = (root: string, code: string, title: string, body: string) => {
      mkdirSync(join(root, 'powers', code), { recursive: true });
      const record = `<template data-search-catalogue>${JSON.stringify({ type: '事项', title, code, filters: {}, lines: [] })}</template>`;
      writeFileSync(join(root, 'powers', code, 'index.html'), `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>${title}</title></head><body><article data-pagefind-body><h1>${title}</h1>${record}<p>${body}</p></article></body></html>\n`);
    };
    const bundles = (root: string) =>
      readdirSync(root, { recursive: true, withFileTypes: true })
        .filter((e) => e.isFile() && /^pagefind/.test(relative(root, e.parentPath)))
        .map((e) => relative(root, join(e.parentPath, e.name)))
        .sort()
        .map((f) => [f, readFileSync(join(root, f)).toString('base64')]);
    /** Indexes the site with its record of last time, and a copy of its pages afresh: same bundles. */
    const both = async () => {
      const kept = await indexSearch({ site, codes, shards: 2, reuse });
      rmSync(fresh, { recursive: true, force: true });
      cpSync(join(site, 'powers'), join(fresh, 'powers'), { recursive: true });
      await indexSearch({ site: fresh, codes, shards: 2 });
      expect(bundles(site)).toEqual(bundles(fresh));
      return kept;
    };
    try {
      for (const code of codes) page(site, code, `事项${code}`, '受理申请');
      expect((await both()).reused).toEqual([]);
      expect((await both()).reused.sort()).toEqual(['pagefind', 'pagefind-text-0', 'pagefind-text-1']);
      // A body change: the catalogue and the other shard stay, the page's shard is written again.
      page(site, 'X-2', '事项X-2', '审查材料并作出决定');
      const afterBody = await both();
      expect(afterBody.written).toEqual([`pagefind-text-${shardOf('X-2', 2)}`]);
      // A title change reaches the catalogue too.
      page(site, 'X-3', '改名后的事项', '受理申请');
      expect((await both()).written.sort()).toEqual(['pagefind', `pagefind-text-${shardOf('X-3', 2)}`]);
      // A bundle replaced behind its back (here: deleted) is written again, whatever the record says.
      rmSync(join(site, 'pagefind'), { recursive: true });
      expect((await both()).written).toEqual(['pagefind']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});

describe('site-wide downloads from department parts', () => {
  it('equal the files made in one piece', async () => {
    const { checkContentAt } = await import('../src/model/check.ts');
    const { prepareDownload } = await import('../src/build/downloads.ts');
    const { listsToJson } = await import('../src/generators/exports/json.ts');
    const { powersToCsv } = await import('../src/generators/exports/csv.ts');
    const model = checkContentAt(join(process.cwd(), 'content')).model!;
    const json = prepareDownload(model, { file: 'quanze-lists.json', kind: 'all', ext: 'json' });
    expect(json.parts!.parts).toHaveLength(model.departments.length);
    expect(await json.make()).toBe(JSON.stringify(listsToJson(model)));
    const byDepartment = model.departments.flatMap((d) => model.powers.filter((p) => p.department.id === d.id));
    const csv = prepareDownload(model, { file: 'quanze-lists.csv', kind: 'all', ext: 'csv' });
    expect(await csv.make()).toBe(powersToCsv(model, byDepartment));
    expect(String(await csv.make()).split('\r\n').length).toBeGreaterThan(model.powers.length);
  });
});

describe('downloads cache', () => {
  it('keeps what the build used and drops the oldest others above its limit', async () => {
    const { pruneCache } = await import('../src/build/write-downloads.ts');
    const { utimesSync } = await import('node:fs');
    const dir = mkdtempSync(join(tmpdir(), 'quanze-cache-'));
    try {
      const file = (name: string, age: number) => {
        writeFileSync(join(dir, name), 'x'.repeat(100));
        const t = new Date(Date.now() - age * 1000);
        utimesSync(join(dir, name), t, t);
        return join(dir, name);
      };
      const used = file('used.xlsx', 500);
      file('old.xlsx', 300);
      file('older.xlsx', 400);
      file('recent.xlsx', 10);
      pruneCache(dir, new Set([used]), 250);
      const { readdirSync } = await import('node:fs');
      expect(readdirSync(dir).sort()).toEqual(['recent.xlsx', 'used.xlsx']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
