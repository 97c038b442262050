import { rmSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { checkoutToTemp, historyAvailability, resolveRevision, GitError } from '../lib/git.ts';
import { snapshotAt, type ContentSnapshot } from '../model/snapshot.ts';

/** The content folder as it stood at a revision (or in the work tree), as a snapshot. */
export function snapshotAtRevision(contentDir: string, rev: string | 'worktree'): { snapshot: ContentSnapshot; label: string } {
  const abs = resolve(contentDir);
  if (rev === 'worktree') return { snapshot: snapshotAt(abs, resolve(abs, '..')), label: '工作区' };
  const availability = historyAvailability(abs);
  if (!availability.ok) throw new GitError(availability.reason);
  const root = availability.root;
  const hash = resolveRevision(root, rev);
  const inRepo = relative(root, abs);
  const dir = checkoutToTemp(root, hash, inRepo);
  try {
    return { snapshot: snapshotAt(join(dir, inRepo), join(dir, inRepo, '..')), label: `${rev}（${hash.slice(0, 7)}）` };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
