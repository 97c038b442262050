import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseCommandArgs } from './args.ts';
import { UsageError } from './usage-error.ts';

/**
 * Builds the search index of the power pages with pagefind. Pagefind's memory grows with the
 * text it indexes (measured: 5.6 GB for 10,000 power pages in one run), so a large site is
 * indexed in shards of at most --pages-per-shard pages, one after another (2 shards: 3.2 GB
 * peak), and the search page merges them. Shards split pages by the last digit of their code.
 */
export async function runIndexSearch(args: string[]): Promise<number> {
  const { values } = parseCommandArgs(args, {
    site: { type: 'string', default: 'dist' },
    'pages-per-shard': { type: 'string', default: '5000' },
  });
  const perShard = Number(values['pages-per-shard']);
  if (!(Number.isInteger(perShard) && perShard > 0)) throw new UsageError('--pages-per-shard 应为正整数');
  const site = resolve(values.site);
  const powers = join(site, 'powers');
  if (!existsSync(powers)) throw new UsageError(`${powers} 不存在：请先构建网站`);
  const pages = readdirSync(powers, { withFileTypes: true }).filter((e) => e.isDirectory()).length;
  const shards = Math.min(10, Math.max(1, Math.ceil(pages / perShard)));
  // The package exports only its API; its command-line runner sits beside it.
  const bin = join(dirname(fileURLToPath(import.meta.resolve('pagefind'))), 'runner', 'bin.cjs');
  const extra: string[] = [];
  for (let k = 0; k < shards; k++) {
    const digits = [...Array(10).keys()].filter((d) => d % shards === k).join('');
    const glob = shards === 1 ? 'powers/*/index.html' : `powers/*[${digits}]/index.html`;
    const subdir = k === 0 ? 'pagefind' : `pagefind-${k}`;
    if (k > 0) extra.push(`/${subdir}/`);
    const r = spawnSync(process.execPath, [bin, '--site', site, '--glob', glob, '--output-subdir', subdir], { stdio: 'inherit' });
    if (r.status !== 0) return r.status ?? 1;
  }
  // The search page reads this to merge the other shards into the main index.
  writeFileSync(join(site, 'pagefind-shards.json'), JSON.stringify(extra));
  console.log(`搜索索引：${pages} 个事项页，${shards} 个分片`);
  return 0;
}
