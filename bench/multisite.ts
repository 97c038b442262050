import { execSync } from 'node:child_process';
import { cpSync, mkdirSync, rmSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { serveStatic } from '../test/helpers/static-server.ts';

/**
 * A province splits into per-jurisdiction builds — each jurisdiction builds and hosts its own
 * site and search index from its own content — and one search box searches them all (pagefind
 * multisite: the search page merges the other jurisdictions' indexes). This script does it for
 * two sample jurisdictions cut from the bundled content, then searches both from site A in a
 * real browser.
 *
 *   node bench/multisite.ts        (needs Debian's chromium for the last step)
 */
const ROOT = resolve('.');
const work = join(tmpdir(), 'quanze-multisite');
rmSync(work, { recursive: true, force: true });

const jurisdictions = [
  { id: 'a', title: '郑州市（甲）行政执法权责清单', departments: ['zz-yjglj', 'zz-scjgj'] },
  { id: 'b', title: '郑州市（乙）行政执法权责清单', departments: ['zz-cgj', 'zz-mzj', 'zz-zrzyghj'] },
];

for (const j of jurisdictions) {
  const content = join(work, j.id, 'content');
  mkdirSync(join(content, 'departments'), { recursive: true });
  for (const shared of ['stages.yaml', 'flows', 'laws']) cpSync(join(ROOT, 'content', shared), join(content, shared), { recursive: true });
  writeFileSync(join(content, 'site.yaml'), readFileSync(join(ROOT, 'content/site.yaml'), 'utf8').replace(/^title: .*$/m, `title: ${j.title}`));
  for (const d of j.departments) {
    cpSync(join(ROOT, 'content/departments', `${d}.yaml`), join(content, 'departments', `${d}.yaml`));
    cpSync(join(ROOT, 'content/powers', d), join(content, 'powers', d), { recursive: true });
  }
  const out = join(work, j.id, 'dist');
  const env = { ...process.env, QUANZE_CONTENT: content, QUANZE_OUT_DIR: out, ASTRO_TELEMETRY_DISABLED: '1' };
  console.log(`构建辖区 ${j.id}：${j.departments.join('、')}`);
  execSync(`node bin/quanze.mjs build --content "${content}" --out "${out}"`, { cwd: ROOT, env, stdio: ['ignore', 'ignore', 'inherit'] });
}

// Host both, as two jurisdictions would, and search both from jurisdiction A's site.
const a = await serveStatic(join(work, 'a', 'dist'));
const b = await serveStatic(join(work, 'b', 'dist'));
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
try {
  const page = await browser.newPage();
  await page.goto(`${a.url}/search/`);
  const results: { url: string; title: string }[] = await page.evaluate(`(async () => {
    const pf = await import('/pagefind/pagefind.js');
    await pf.options({});
    await pf.mergeIndex(${JSON.stringify(`${b.url}/pagefind/`)});
    const r = await pf.search('行政处罚');
    const data = await Promise.all(r.results.map((x) => x.data()));
    return data.map((d) => ({ url: d.url, title: d.meta.title }));
  })()`);
  const fromA = results.filter((r) => !r.url.startsWith(b.url)).length;
  const fromB = results.length - fromA;
  console.log(`在辖区甲的站点搜索“行政处罚”：共 ${results.length} 个结果，其中辖区甲 ${fromA} 个、辖区乙 ${fromB} 个（来自合并的索引）。`);
  if (!fromA || !fromB) throw new Error('合并搜索没有同时返回两个辖区的结果');
} finally {
  await browser.close();
  await a.close();
  await b.close();
}
