import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { PowerRevision } from '../history/content-history.ts';
import { changeDates, listSnapshot, type ListSnapshot } from '../history/list-snapshots.ts';
import { publicRevision, publicRevisions, type PublicRevision } from '../history/public-record.ts';
import { powerEntities, recordNamesFor, type Entity, type RecordNames } from '../generators/diff/record-fields.ts';
import { WITHDRAWING_KINDS } from '../schema/adjustment.ts';
import type { AdjustmentItem } from '../schema/adjustment.ts';
import type { AdjustmentModel } from '../model/types.ts';
import type { PowerRecord } from '../model/snapshot.ts';
import { buildsDepartmentPages, buildsPowerPages } from './build-scope.ts';
import { getHistory, getModel, powerByCode, siteContentDir } from './data.ts';

/**
 * What the history pages show, computed once per build from the history read once per build:
 * the public record (department's own words), withdrawn powers, and the dated list snapshots.
 */
let publicByCode: Map<string, PublicRevision[]> | undefined;
let allPublic: PublicRevision[] | undefined;

export function publicChanges(): PublicRevision[] {
  allPublic ??= publicRevisions(getHistory(), getModel().adjustments);
  return allPublic;
}

/** A power's versions in public words, newest first. */
export function publicHistoryOf(code: string): PublicRevision[] {
  if (!publicByCode) {
    publicByCode = new Map();
    const history = getHistory();
    if (history.available) for (const [c, list] of history.byCode) publicByCode.set(c, list.map((r) => publicRevision(r, getModel().adjustments)));
  }
  return publicByCode.get(code) ?? [];
}

let names: RecordNames | undefined;

export function recordNames(): RecordNames {
  names ??= recordNamesFor(getModel());
  return names;
}

/** A version's fields as the public reads them: names, not identifiers. */
export function publicEntities(record: PowerRecord): Entity[] {
  const model = getModel();
  return powerEntities(record, (id) => model.laws.get(id)?.short ?? id, recordNames());
}

export function versionUrl(code: string, r: { short: string }): string {
  return `/powers/${code}/versions/${r.short}/`;
}

/** The page comparing a version with the one before it. */
export function compareUrl(code: string, r: { short: string }): string {
  return `/powers/${code}/compare/${r.short}/`;
}

export function snapshotUrl(department: string, date: string, ext: 'html' | 'json' = 'html'): string {
  return ext === 'html' ? `/departments/${department}/as-of/${date}/` : `/departments/${department}/as-of/${date}.json`;
}

/** The dated list page, when the department still exists to have one. */
export function snapshotLink(department: string, date: string): string | undefined {
  return getModel().departments.some((d) => d.id === department) ? snapshotUrl(department, date) : undefined;
}

export function departmentChangesUrl(department: string): string {
  return `/departments/${department}/changes/`;
}

/** The version before this one that had content (the previous side of its comparison). */
export function previousVersion(r: PowerRevision): PowerRevision | undefined {
  const history = getHistory();
  if (!history.available) return undefined;
  const list = history.byCode.get(r.code) ?? [];
  return list.slice(list.indexOf(r) + 1).find((x) => x.record);
}

/** A power no longer in the lists: removed from the files, or withdrawn by an adjustment record. */
export interface WithdrawnPower {
  code: string;
  name: string;
  department?: string;
  /** Its last version in the history, when there is one. */
  last?: PowerRevision;
  removedOn?: string;
  decision?: { adjustment: AdjustmentModel; item: AdjustmentItem };
}

let withdrawn: WithdrawnPower[] | undefined;

export function withdrawnPowers(): WithdrawnPower[] {
  if (withdrawn) return withdrawn;
  const model = getModel();
  const history = getHistory();
  const decisionFor = (code: string) => {
    for (const adjustment of model.adjustments) {
      const item = adjustment.items.find((i) => WITHDRAWING_KINDS.includes(i.kind) && i.powers.includes(code));
      if (item) return { adjustment, item };
    }
    return undefined;
  };
  const out = new Map<string, WithdrawnPower>();
  if (history.available) {
    for (const [code, list] of history.byCode) {
      if (powerByCode(code) || list[0]?.kind !== 'removed') continue;
      const last = list.find((r) => r.record);
      out.set(code, { code, name: list[0].name, department: last ? publicRevision(last, []).department : undefined, last, removedOn: list[0].date, decision: decisionFor(code) });
    }
  }
  for (const adjustment of model.adjustments) {
    for (const item of adjustment.items.filter((i) => WITHDRAWING_KINDS.includes(i.kind))) {
      for (const code of item.powers) if (!powerByCode(code) && !out.has(code)) out.set(code, { code, name: code, department: adjustment.department, decision: { adjustment, item } });
    }
  }
  withdrawn = [...out.values()];
  return withdrawn;
}

/** The withdrawal decision for a power still in the files with status 已取消. */
export function withdrawalOf(code: string): { adjustment: AdjustmentModel; item: AdjustmentItem } | undefined {
  for (const adjustment of getModel().adjustments) {
    const item = adjustment.items.find((i) => WITHDRAWING_KINDS.includes(i.kind) && i.powers.includes(code));
    if (item) return { adjustment, item };
  }
  return undefined;
}

function pagesFor(code: string): boolean {
  return powerByCode(code) ? buildsPowerPages(code) : withdrawnPowers().some((w) => w.code === code);
}

/** Every (power, version) pair that gets a 当时版本 page: current powers and withdrawn ones. */
export function revisionPaths() {
  const history = getHistory();
  if (!history.available) return [];
  return [...history.byCode.entries()]
    .filter(([code]) => pagesFor(code))
    .flatMap(([code, revisions]) => revisions.filter((r) => r.record).map((r) => ({ params: { code, rev: r.short }, props: { revision: r } })));
}

/** Every version with an earlier one: a page comparing the two (adjacent pairs only). */
export function comparePaths() {
  return revisionPaths().filter((p) => previousVersion(p.props.revision));
}

/** One snapshot page per department per change date, no more. */
export function snapshotPaths() {
  const history = getHistory();
  return getModel()
    .departments.filter((d) => buildsDepartmentPages(d.id))
    .flatMap((d) => changeDates(history, d.id).map(({ date }) => ({ params: { id: d.id, date } })));
}

export function snapshotOf(department: string, date: string): ListSnapshot {
  return listSnapshot(getModel(), getHistory(), department, date, workTreeText);
}

/** A version's file as it is in the work tree now (undefined when it is gone or unreadable). */
function workTreeText(r: PowerRevision): string | undefined {
  try {
    return readFileSync(join(siteContentDir(), 'powers', ...r.file.split('/').slice(-2)), 'utf8');
  } catch {
    return undefined;
  }
}

/** The change dates of a department (newest first), for its timeline and its compare form. */
export function departmentChangeDates(department: string): string[] {
  return changeDates(getHistory(), department).map((d) => d.date);
}

/**
 * A department's change entries, newest first: changes to powers in its list, and moves out of it
 * (named under the department that lost the power as well as the one that gained it).
 */
export function departmentChanges(department: string): PublicRevision[] {
  return publicChanges().filter((p) => {
    if (p.department === department) return true;
    if (p.revision.kind !== 'renamed') return false;
    const before = previousVersion(p.revision);
    return before !== undefined && publicRevision(before, []).department === department;
  });
}

/** What changed in a list between two snapshots: powers added, removed and changed (by code). */
export function listDelta(before: { code: string; name: string }[], after: { code: string; name: string }[], same: (code: string) => boolean) {
  const was = new Map(before.map((p) => [p.code, p]));
  const now = new Map(after.map((p) => [p.code, p]));
  return {
    added: after.filter((p) => !was.has(p.code)),
    removed: before.filter((p) => !now.has(p.code)),
    changed: after.filter((p) => was.has(p.code) && !same(p.code)),
  };
}
