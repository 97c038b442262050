import { relative, resolve } from 'node:path';
import { git, historyAvailability, readBlobs } from '../lib/git.ts';
import { parsePowerText, type PowerRecord } from '../model/snapshot.ts';
import { compareEntities, type FieldChange } from '../generators/diff/compare.ts';
import { powerEntities, type LawNames, type RecordNames } from '../generators/diff/record-fields.ts';

/** One commit's change to one power. */
export interface PowerRevision {
  code: string;
  name: string;
  hash: string;
  short: string;
  /** Commit date (YYYY-MM-DD): when the change landed. */
  date: string;
  /** Commit time, ISO 8601 with the committer's offset: tells apart versions of one day. */
  time: string;
  kind: 'added' | 'modified' | 'renamed' | 'removed';
  file: string;
  changeNote?: string;
  changes: FieldChange[];
  /** The power as it stood after this commit (undefined when removed). */
  record?: PowerRecord;
  /** The file's text after this commit, to resolve the list as it stood (undefined when removed). */
  text?: string;
  /** Adjustment records (调整文件) added or edited in the same commit. */
  adjustments: string[];
}

/**
 * One commit that changed powers. The commit message is deliberately not kept: it is written for
 * developers, and the public record is made of the department's own words (change_note, 调整文件).
 */
export interface CommitSummary {
  hash: string;
  short: string;
  date: string;
  time: string;
  adjustments: string[];
  revisions: PowerRevision[];
}

export type ContentHistory =
  | { available: true; commits: CommitSummary[]; byCode: Map<string, PowerRevision[]>; lastChange?: { date: string; hash: string } }
  | { available: false; reason: string };

/**
 * `names` turns identifiers into the names the public reads (承办机构, the standard liability
 * text) in the field changes; the site passes them, editors' tools may not.
 *
 * The history of every power, from one `git log` over the powers folder and one batch read of the
 * file versions it names (never a git call per page). Renames are followed. Newest first.
 */
export function readContentHistory(contentDir: string, lawName: LawNames, names?: RecordNames): ContentHistory {
  const abs = resolve(contentDir);
  const availability = historyAvailability(abs);
  if (!availability.ok) return { available: false, reason: availability.reason };
  const root = availability.root;
  const rel = relative(root, abs) || '.';
  const powersPath = `${rel}/powers`.replace(/^\.\//, '');
  const adjustmentsPath = `${rel}/adjustments`.replace(/^\.\//, '');
  const lastLine = git(root, ['log', '-1', '--format=%H%x1f%cs', '--', rel]).trim();
  const [lastHash, lastDate] = lastLine.split('\x1f');
  const log = git(root, ['log', '-M', '--format=%x1e%H%x1f%cs%x1f%cI', '--name-status', '--', powersPath, adjustmentsPath]);

  type Pending = { hash: string; date: string; time: string; status: string; oldPath: string; newPath: string; commit: CommitSummary };
  const pending: Pending[] = [];
  const commits: CommitSummary[] = [];
  for (const chunk of log.split('\x1e').filter((c) => c.trim())) {
    const [head, ...rest] = chunk.split('\n');
    const [hash, date, time] = head!.split('\x1f') as [string, string, string];
    const commit: CommitSummary = { hash, short: hash.slice(0, 7), date, time, adjustments: [], revisions: [] };
    commits.push(commit);
    for (const line of rest) {
      if (!line.trim()) continue;
      const parts = line.split('\t');
      const status = parts[0]!;
      const oldPath = parts[1]!;
      const newPath = parts[2] ?? parts[1]!;
      const adjustment = newPath.startsWith(`${adjustmentsPath}/`) ? /^([^/]+)\.ya?ml$/.exec(newPath.slice(adjustmentsPath.length + 1)) : null;
      if (adjustment && !status.startsWith('D')) commit.adjustments.push(adjustment[1]!);
      if (!newPath.startsWith(`${powersPath}/`) && !oldPath.startsWith(`${powersPath}/`)) continue;
      if (!/\.mdx?$/.test(newPath) && !/\.mdx?$/.test(oldPath)) continue;
      pending.push({ hash, date, time, status, oldPath, newPath, commit });
    }
  }
  const specs = pending.flatMap((p) => [`${p.hash}:${p.newPath}`, `${p.hash}^:${p.oldPath}`]);
  const blobs = readBlobs(root, specs);
  const byCode = new Map<string, PowerRevision[]>();
  pending.forEach((p, i) => {
    const afterText = p.status.startsWith('D') ? undefined : blobs[2 * i];
    const beforeText = p.status.startsWith('A') ? undefined : blobs[2 * i + 1];
    const after = afterText === undefined ? undefined : parsePowerText(afterText, p.newPath);
    const before = beforeText === undefined ? undefined : parsePowerText(beforeText, p.oldPath);
    const subject = after ?? before;
    if (!subject) return;
    const kind: PowerRevision['kind'] = !before ? 'added' : !after ? 'removed' : p.oldPath !== p.newPath ? 'renamed' : 'modified';
    const changes = before && after ? compareEntities(powerEntities(before, lawName, names), powerEntities(after, lawName, names)) : [];
    if (kind === 'modified' && changes.length === 0 && before?.record.change_note === after?.record.change_note) return;
    const revision: PowerRevision = {
      code: subject.record.code,
      name: subject.record.name,
      hash: p.hash,
      short: p.hash.slice(0, 7),
      date: p.date,
      time: p.time,
      kind,
      file: p.newPath,
      changeNote: after?.record.change_note !== before?.record.change_note ? after?.record.change_note : undefined,
      changes,
      record: after,
      text: afterText,
      adjustments: p.commit.adjustments,
    };
    const list = byCode.get(revision.code) ?? [];
    list.push(revision);
    byCode.set(revision.code, list);
    p.commit.revisions.push(revision);
  });
  return {
    available: true,
    commits: commits.filter((c) => c.revisions.length),
    byCode,
    lastChange: lastHash ? { hash: lastHash, date: lastDate! } : undefined,
  };
}
