import { rmSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { checkContentAt } from '../model/check.ts';
import { formatFinding } from '../model/findings.ts';
import { listsToJson } from '../generators/exports/json.ts';
import { checkoutToTemp, git, GitError, historyAvailability, resolveRevision } from '../lib/git.ts';
import { outputFile } from '../lib/safe-path.ts';
import { parseCommandArgs } from './args.ts';
import { UsageError } from './usage-error.ts';

/** quanze export [--as-of <rev|date>] [--out file]: the lists as JSON, now or as they stood then. */
export async function runExport(args: string[]): Promise<number> {
  const { values } = parseCommandArgs(args, {
    content: { type: 'string', default: 'content' },
    'as-of': { type: 'string' },
    out: { type: 'string' },
  });
  const contentDir = resolve(values.content);
  // Checked before the (possibly long) export, so a wrong --out fails at once.
  const out = values.out === undefined ? undefined : outputFile(values.out, '--out');
  let root = contentDir;
  let cleanup: string | undefined;
  let asOf: { revision: string; date: string } | undefined;
  try {
    if (values['as-of']) {
      const availability = historyAvailability(contentDir);
      if (!availability.ok) throw new GitError(availability.reason);
      const hash = resolveRevision(availability.root, values['as-of']);
      const rel = relative(availability.root, contentDir);
      cleanup = checkoutToTemp(availability.root, hash, rel);
      root = join(cleanup, rel);
      asOf = { revision: hash, date: git(availability.root, ['show', '-s', '--format=%cs', hash]).trim() };
    }
    const result = checkContentAt(root, { relativeTo: resolve(root, '..') });
    if (!result.ok || !result.model) {
      for (const f of result.findings.filter((x) => x.severity === 'error')) console.error(formatFinding(f));
      console.error('该版本的内容未通过校验，不能导出（导出的清单不能缺项）');
      return 1;
    }
    const json = JSON.stringify(listsToJson(result.model, asOf), null, 2) + '\n';
    if (out) {
      writeFileSync(out, json);
      console.error(`已导出 ${result.model.powers.length} 个事项到 ${values.out}`);
    } else process.stdout.write(json);
    return 0;
  } catch (error) {
    if (error instanceof GitError) throw new UsageError(error.message);
    throw error;
  } finally {
    if (cleanup) rmSync(cleanup, { recursive: true, force: true });
  }
}
