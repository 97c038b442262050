import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Thin, synchronous git helpers. Every call names the repository folder explicitly. */
export function git(cwd: string, args: string[], input?: string): string {
  return execFileSync('git', args, { cwd, encoding: 'utf8', input, maxBuffer: 1 << 30, stdio: ['pipe', 'pipe', 'pipe'] });
}

export class GitError extends Error {}

export type HistoryAvailability = { ok: true; root: string } | { ok: false; reason: string };

/**
 * History needs the whole of it: a shallow clone has lost the older commits, and dates computed
 * from it would be wrong, so it is refused rather than guessed.
 */
export function historyAvailability(cwd: string): HistoryAvailability {
  let root: string;
  try {
    root = git(cwd, ['rev-parse', '--show-toplevel']).trim();
  } catch {
    return { ok: false, reason: '内容目录不在 git 仓库中，无法取得变更历史' };
  }
  if (git(root, ['rev-parse', '--is-shallow-repository']).trim() === 'true') {
    return { ok: false, reason: '当前仓库是浅克隆（git clone --depth），缺少完整历史，不能确定变更日期；请用完整历史构建（git fetch --unshallow）' };
  }
  try {
    git(root, ['rev-parse', '--verify', '-q', 'HEAD']);
  } catch {
    return { ok: false, reason: '仓库还没有任何提交' };
  }
  return { ok: true, root };
}

/** Resolves a revision (commit, branch, tag) or a date (YYYY-MM-DD: the last commit before that day ends). */
export function resolveRevision(root: string, rev: string): string {
  if (/^\d{4}-\d{2}-\d{2}$/.test(rev)) {
    const hash = git(root, ['rev-list', '-1', `--before=${rev} 23:59:59`, 'HEAD']).trim();
    if (!hash) throw new GitError(`${rev} 之前没有任何提交`);
    return hash;
  }
  try {
    return git(root, ['rev-parse', '--verify', '-q', `${rev}^{commit}`]).trim();
  } catch {
    throw new GitError(`找不到版本「${rev}」：请使用提交号、分支、标签或 YYYY-MM-DD 日期`);
  }
}

/** Writes the tree of `path` at `rev` into a new temporary folder and returns that folder. */
export function checkoutToTemp(root: string, rev: string, path: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'quanze-rev-'));
  const archive = spawnSync('git', ['archive', '--format=tar', rev, '--', path], { cwd: root, maxBuffer: 1 << 30 });
  if (archive.status !== 0) {
    mkdirSync(join(dir, path), { recursive: true });
    return dir;
  }
  const untar = spawnSync('tar', ['-x', '-C', dir], { input: archive.stdout });
  if (untar.status !== 0) throw new GitError(`无法展开 ${rev} 的内容：${untar.stderr}`);
  return dir;
}

/** Reads many blobs (`rev:path`) in one git process; missing ones come back undefined. */
export function readBlobs(root: string, specs: string[]): (string | undefined)[] {
  if (specs.length === 0) return [];
  const out = spawnSync('git', ['cat-file', '--batch'], { cwd: root, input: specs.join('\n') + '\n', maxBuffer: 1 << 30 });
  const buf = out.stdout;
  const result: (string | undefined)[] = [];
  let pos = 0;
  for (let i = 0; i < specs.length; i++) {
    const eol = buf.indexOf(0x0a, pos);
    const header = buf.subarray(pos, eol).toString('utf8');
    pos = eol + 1;
    if (header.endsWith(' missing') || header.endsWith(' ambiguous')) {
      result.push(undefined);
      continue;
    }
    const size = Number(header.split(' ')[2]);
    result.push(buf.subarray(pos, pos + size).toString('utf8'));
    pos += size + 1;
  }
  return result;
}
