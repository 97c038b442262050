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

const departmentLists = new WeakMap<object, Map<string, PowerRevision[][]>>();

/** The histories of the powers that were ever in a department, indexed once per build. */
function listsOf(history: ContentHistory, department: string): PowerRevision[][] {
  if (!history.available) return [];
  let index = departmentLists.get(history);
  if (!index) {
    index = new Map();
    for (const list of history.byCode.values()) {
      for (const id of new Set(list.map(revisionDepartment))) index.set(id, [...(index.get(id) ?? []), list]);
    }
    departmentLists.set(history, index);
  }
  return index.get(department) ?? [];
}

/** The versions of a department's powers at the end of `date`. */
function versionsIn(history: ContentHistory, department: string, date: string): PowerRevision[] {
  return listsOf(history, department).flatMap((list) => {
    const r = list.find((x) => x.date <= date);
    return r && r.kind !== 'removed' && r.text !== undefined && revisionDepartment(r) === department ? [r] : [];
  });
}

const currentByDepartment = new WeakMap<Model, Map<string, Map<string, PowerModel>>>();

function currentPowers(model: Model, department: string): Map<string, PowerModel> {
  let index = currentByDepartment.get(model);
  if (!index) {
    index = new Map();
    for (const p of model.powers) index.set(p.department.id, (index.get(p.department.id) ?? new Map()).set(p.code, p));
    currentByDepartment.set(model, index);
  }
  return index.get(department) ?? new Map();
}

const snapshots = new WeakMap<object, Map<string, ListSnapshot>>();
/** Each version is resolved once per build, however many dated lists it appears in. */
const resolvedVersions = new WeakMap<object, Map<string, PowerModel | null>>();

/**
 * `currentText` gives a power file's text in the work tree: a version identical to it is the
 * power the model already resolved, so only versions that differ from today are resolved again
 * (at city scale most powers are unchanged since the first commit).
 */
export function listSnapshot(model: Model, history: ContentHistory, department: string, date: string, currentText?: (r: PowerRevision) => string | undefined): ListSnapshot {
  const memo = snapshots.get(history) ?? new Map<string, ListSnapshot>();
  snapshots.set(history, memo);
  const key = `${department}@${date}`;
  const hit = memo.get(key);
  if (hit) return hit;
  const versions = versionsIn(history, department, date);
  const resolved = resolvedVersions.get(history) ?? new Map<string, PowerModel | null>();
  resolvedVersions.set(history, resolved);
  const versionKey = (r: PowerRevision) => `${r.code}@${r.hash}`;
  const current = currentPowers(model, department);
  for (const r of versions) {
    if (resolved.has(versionKey(r)) || !current.has(r.code)) continue;
    if (currentText && currentText(r) === r.text) resolved.set(versionKey(r), current.get(r.code)!);
  }
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
