import { existsSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { indexSearch, PAGES_PER_SHARD, shardCount } from '../build/search-index.ts';
import { parseCommandArgs } from './args.ts';
import { UsageError } from './usage-error.ts';

/**
 * Builds the search index of a built site's power pages (quanze build does this itself; this
 * command re-indexes a site built otherwise).
 */
export async function runIndexSearch(args: string[]): Promise<number> {
  const { values } = parseCommandArgs(args, {
    site: { type: 'string', default: 'dist' },
    'pages-per-shard': { type: 'string', default: String(PAGES_PER_SHARD) },
  });
  const perShard = Number(values['pages-per-shard']);
  if (!(Number.isInteger(perShard) && perShard > 0)) throw new UsageError('--pages-per-shard 应为正整数');
  const site = resolve(values.site);
  const powers = join(site, 'powers');
  if (!existsSync(powers)) throw new UsageError(`${powers} 不存在：请先构建网站`);
  const codes = readdirSync(powers, { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => e.name);
  const stats = await indexSearch({ site, codes, shards: shardCount(codes.length, perShard) });
  console.log(`搜索索引：${stats.pages} 个事项页，${stats.shards} 个分片；法律、部门、岗责体系和类别页 ${stats.otherPages} 个；用时 ${(stats.ms / 1000).toFixed(1)} 秒`);
  return 0;
}
