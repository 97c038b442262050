import { relative, resolve } from 'node:path';
import { git, historyAvailability, readBlobs } from '../lib/git.ts';
import { parsePowerText, type PowerRecord } from '../model/snapshot.ts';
import { compareEntities, type FieldChange } from '../generators/diff/compare.ts';
import { powerEntities, type LawNames } from '../generators/diff/record-fields.ts';

/** One commit's change to one power. */
export interface PowerRevision {
  code: string;
  name: string;
  hash: string;
  short: string;
  /** Commit date (YYYY-MM-DD): when the change landed. */
  date: string;
  subject: string;
  kind: 'added' | 'modified' | 'renamed' | 'removed';
  file: string;
  changeNote?: string;
  changes: FieldChange[];
  /** The power as it stood after this commit (undefined when removed). */
  record?: PowerRecord;
}

export interface CommitSummary {
  hash: string;
  short: string;
  date: string;
  subject: string;
  revisions: PowerRevision[];
}

export type ContentHistory =
  | { available: true; commits: CommitSummary[]; byCode: Map<string, PowerRevision[]>; lastChange?: { date: string; hash: string; subject: string } }
  | { available: false; reason: string };

/**
 * The history of every power, from one `git log` over the powers folder and one batch read of the
 * file versions it names (never a git call per page). Renames are followed. Newest first.
 */
export function readContentHistory(contentDir: string, lawName: LawNames): ContentHistory {
  const abs = resolve(contentDir);
  const availability = historyAvailability(abs);
  if (!availability.ok) return { available: false, reason: availability.reason };
  const root = availability.root;
  const rel = relative(root, abs) || '.';
  const powersPath = `${rel}/powers`.replace(/^\.\//, '');
  const lastLine = git(root, ['log', '-1', '--format=%H%x1f%cs%x1f%s', '--', rel]).trim();
  const [lastHash, lastDate, lastSubject] = lastLine.split('\x1f');
  const log = git(root, ['log', '-M', '--format=%x1e%H%x1f%cs%x1f%s', '--name-status', '--', powersPath]);

  type Pending = { hash: string; date: string; subject: string; status: string; oldPath: string; newPath: string };
  const pending: Pending[] = [];
  const commits: CommitSummary[] = [];
  for (const chunk of log.split('\x1e').filter((c) => c.trim())) {
    const [head, ...rest] = chunk.split('\n');
    const [hash, date, subject] = head!.split('\x1f') as [string, string, string];
    commits.push({ hash, short: hash.slice(0, 7), date, subject, revisions: [] });
    for (const line of rest) {
      if (!line.trim()) continue;
      const parts = line.split('\t');
      const status = parts[0]!;
      const oldPath = parts[1]!;
      const newPath = parts[2] ?? parts[1]!;
      if (!/\.mdx?$/.test(newPath) && !/\.mdx?$/.test(oldPath)) continue;
      pending.push({ hash, date, subject, status, oldPath, newPath });
    }
  }
  const specs = pending.flatMap((p) => [`${p.hash}:${p.newPath}`, `${p.hash}^:${p.oldPath}`]);
  const blobs = readBlobs(root, specs);
  const byCode = new Map<string, PowerRevision[]>();
  const commitByHash = new Map(commits.map((c) => [c.hash, c]));
  pending.forEach((p, i) => {
    const afterText = p.status.startsWith('D') ? undefined : blobs[2 * i];
    const beforeText = p.status.startsWith('A') ? undefined : blobs[2 * i + 1];
    const after = afterText === undefined ? undefined : parsePowerText(afterText, p.newPath);
    const before = beforeText === undefined ? undefined : parsePowerText(beforeText, p.oldPath);
    const subject = after ?? before;
    if (!subject) return;
    const kind: PowerRevision['kind'] = !before ? 'added' : !after ? 'removed' : p.oldPath !== p.newPath ? 'renamed' : 'modified';
    const changes = before && after ? compareEntities(powerEntities(before, lawName), powerEntities(after, lawName)) : [];
    if (kind === 'modified' && changes.length === 0 && before?.record.change_note === after?.record.change_note) return;
    const revision: PowerRevision = {
      code: subject.record.code,
      name: subject.record.name,
      hash: p.hash,
      short: p.hash.slice(0, 7),
      date: p.date,
      subject: p.subject,
      kind,
      file: p.newPath,
      changeNote: after?.record.change_note !== before?.record.change_note ? after?.record.change_note : undefined,
      changes,
      record: after,
    };
    const list = byCode.get(revision.code) ?? [];
    list.push(revision);
    byCode.set(revision.code, list);
    commitByHash.get(p.hash)!.revisions.push(revision);
  });
  return {
    available: true,
    commits: commits.filter((c) => c.revisions.length),
    byCode,
    lastChange: lastHash ? { hash: lastHash, date: lastDate!, subject: lastSubject! } : undefined,
  };
}
