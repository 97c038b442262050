import { changeNoteMessage, powersWithoutChangeNote } from '../generators/diff/change-notes.ts';
import { diffSnapshots } from '../generators/diff/content-diff.ts';
import { diffToHtml } from '../generators/diff/render-html.ts';
import { diffToMarkdown } from '../generators/diff/render-markdown.ts';
import { snapshotAtRevision } from '../history/revisions.ts';
import { GitError } from '../lib/git.ts';
import { parseCommandArgs } from './args.ts';
import { UsageError } from './usage-error.ts';

/** quanze diff <rev-a> [<rev-b>|--worktree]: field-level changes between two versions of the content. */
export async function runDiff(args: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, {
    content: { type: 'string', default: 'content' },
    format: { type: 'string', default: 'markdown' },
    worktree: { type: 'boolean', default: false },
    'require-change-notes': { type: 'boolean', default: false },
  });
  const [revA, revB] = positionals;
  if (!revA) throw new UsageError('用法：quanze diff <版本A> [<版本B> | --worktree] [--format markdown|json|html] [--require-change-notes]');
  if (revB && values.worktree) throw new UsageError('<版本B> 和 --worktree 只能二选一');
  if (!['markdown', 'json', 'html'].includes(values.format)) throw new UsageError('--format 只能是 markdown、json 或 html');
  try {
    const a = snapshotAtRevision(values.content, revA);
    const b = snapshotAtRevision(values.content, values.worktree ? 'worktree' : (revB ?? 'HEAD'));
    const diff = diffSnapshots(a.snapshot, b.snapshot, { from: a.label, to: b.label });
    const out = values.format === 'json' ? JSON.stringify(diff, null, 2) + '\n' : values.format === 'html' ? diffToHtml(diff) : diffToMarkdown(diff);
    process.stdout.write(out);
    if (!values['require-change-notes']) return 0;
    const missing = powersWithoutChangeNote(diff, a.snapshot, b.snapshot);
    for (const d of missing) console.error(changeNoteMessage(d));
    if (missing.length) console.error(`${missing.length} 个变更的事项没有变更说明：公开的变更记录只能显示「内容调整（未填写变更说明）」`);
    return missing.length ? 1 : 0;
  } catch (error) {
    if (error instanceof GitError) throw new UsageError(error.message);
    throw error;
  }
}
