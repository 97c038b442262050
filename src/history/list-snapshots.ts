import { checkPowers } from '../model/check-powers.ts';
import type { PowerSource } from '../model/load.ts';
import type { Model, PowerModel } from '../model/types.ts';
import { parseYamlSource, splitFrontmatter } from '../model/source-file.ts';
import type { ContentHistory, PowerRevision } from './content-history.ts';
import { revisionDepartment } from './public-record.ts';

/**
 * A department's list as it stood at the end of a day, made from the history already read once
 * per build (no checkout, no git call): each power's last version up to that day, resolved
 * against the current departments, laws and stage table exactly as validation resolves the work
 * tree. `quanze export --as-of <date>` checks out that day's files instead; the two agree while
 * the department file, the laws and the stage table are unchanged since that day.
 */
export interface ListSnapshot {
  department: string;
  date: string;
  /** The latest commit of that day among the department's powers. */
  hash: string;
  powers: PowerModel[];
  /** Versions that no longer resolve against today's departments, laws or stage table: listed, never dropped. */
  unresolved: { code: string; name: string }[];
}

/** The days on which a department's powers changed, newest first: one snapshot each, no more. */
export function changeDates(history: ContentHistory, department: string): { date: string; hash: string }[] {
  if (!history.available) return [];
  const days = new Map<string, string>();
  for (const c of history.commits) {
    if (days.has(c.date)) continue;
    if (c.revisions.some((r) => revisionDepartment(r) === department || departmentBefore(history, r) === department)) days.set(c.date, c.hash);
  }
  return [...days].map(([date, hash]) => ({ date, hash }));
}

/** The department a power sat in just before a revision (a move leaves one list for another). */
function departmentBefore(history: Extract<ContentHistory, { available: true }>, r: PowerRevision): string | undefined {
  if (r.kind !== 'renamed') return undefined;
  const list = history.byCode.get(r.code) ?? [];
  const older = list[list.indexOf(r) + 1];
  return older ? revisionDepartment(older) : undefined;
}

/** Each power's last version up to the end of `date` (newest-first lists: the first not after it). */
export function versionsAsOf(history: ContentHistory, date: string): PowerRevision[] {
  if (!history.available) return [];
  const out: PowerRevision[] = [];
  for (const list of history.byCode.values()) {
    const r = list.find((x) => x.date <= date);
    if (r && r.kind !== 'removed' && r.text !== undefined) out.push(r);
  }
  return out;
}

const snapshots = new WeakMap<object, Map<string, ListSnapshot>>();
/** Each version is resolved once per build, however many dated lists it appears in. */
const resolvedVersions = new WeakMap<object, Map<string, PowerModel | null>>();

export function listSnapshot(model: Model, history: ContentHistory, department: string, date: string): ListSnapshot {
  const memo = snapshots.get(history) ?? new Map<string, ListSnapshot>();
  snapshots.set(history, memo);
  const key = `${department}@${date}`;
  const hit = memo.get(key);
  if (hit) return hit;
  const versions = versionsAsOf(history, date).filter((r) => revisionDepartment(r) === department);
  const resolved = resolvedVersions.get(history) ?? new Map<string, PowerModel | null>();
  resolvedVersions.set(history, resolved);
  const versionKey = (r: PowerRevision) => `${r.code}@${r.hash}`;
  const todo = versions.filter((r) => !resolved.has(versionKey(r)));
  if (todo.length) {
    // A sub-item is checked against its 主项, so the parents' versions of that day come along.
    const byCode = new Map(versions.map((r) => [r.code, r]));
    const batch = new Set(todo);
    for (const r of todo) {
      const parent = r.record?.record.parent;
      if (parent && byCode.has(parent)) batch.add(byCode.get(parent)!);
    }
    const models = checkPowers(
      [...batch].flatMap((r) => powerSource(r) ?? []),
      {
        invalid: { departments: new Set(), laws: new Set(), flows: new Set() },
        table: model.stageTable,
        departments: new Map(model.departments.map((d) => [d.id, d])),
        laws: model.laws,
        findings: [],
        quotes: { verified: 0 },
      },
    );
    const byResolvedCode = new Map(models.map((p) => [p.code, p]));
    for (const r of todo) resolved.set(versionKey(r), byResolvedCode.get(r.code) ?? null);
  }
  // The order validation gives a department's powers: stage-table category order, then code.
  const categoryIndex = new Map(model.stageTable.categories.map((c, i) => [c.name, i]));
  const powers = versions
    .map((r) => resolved.get(versionKey(r)))
    .filter((p): p is PowerModel => Boolean(p))
    .sort((a, b) => categoryIndex.get(a.category.name)! - categoryIndex.get(b.category.name)! || a.code.localeCompare(b.code));
  const included = new Set(powers.map((p) => p.code));
  const snapshot: ListSnapshot = {
    department,
    date,
    hash: history.available ? (history.commits.find((c) => c.date <= date)?.hash ?? '') : '',
    powers,
    unresolved: versions.filter((r) => !included.has(r.code)).map((r) => ({ code: r.code, name: r.name })),
  };
  memo.set(key, snapshot);
  return snapshot;
}

/** A power file's text from history, read the way the loader reads a file on disk. */
function powerSource(r: PowerRevision): PowerSource | undefined {
  const parts = splitFrontmatter(r.text!.replace(/\r\n?/g, '\n').replace(/^\uFEFF/, ''));
  if (!parts) return undefined;
  const { source } = parseYamlSource(parts.frontmatter, r.file, parts.frontmatterLine);
  if (!source) return undefined;
  const name = r.file.slice(r.file.lastIndexOf('/') + 1);
  return { ...source, folder: revisionDepartment(r), stem: name.replace(/\.mdx?$/, ''), extension: name.endsWith('.mdx') ? 'mdx' : 'md', body: parts.body, bodyLine: parts.frontmatterLine };
}
