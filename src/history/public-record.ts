import type { AdjustmentModel } from '../model/types.ts';
import { FILE_START, finding, type Finding } from '../model/findings.ts';
import { WITHDRAWING_KINDS, type AdjustmentKind } from '../schema/adjustment.ts';
import type { ContentHistory, PowerRevision } from './content-history.ts';

/**
 * The public change record, made only of the department's own words: a power's change_note, or
 * the adjustment record (调整文件) that decided the change, or a neutral phrase — never a commit
 * message, which is written for developers.
 */
export const NO_CHANGE_NOTE = '内容调整（未填写变更说明）';

export const REVISION_KIND = { added: '列入清单', modified: '修改', renamed: '移动', removed: '移出清单' } as const;

export interface PublicRevision {
  revision: PowerRevision;
  department: string;
  /** What the public reads: the change note, else the adjustment's reason, else NO_CHANGE_NOTE. */
  note: string;
  noteMissing: boolean;
  /** The adjustment kind when an adjustment record decided this change, else the revision's kind. */
  kind: AdjustmentKind | (typeof REVISION_KIND)[keyof typeof REVISION_KIND];
  adjustment?: AdjustmentModel;
}

/** The department a revision's file sat in: content/powers/<department>/<code>.md. */
export function revisionDepartment(r: { file: string }): string {
  return /(?:^|\/)powers\/([^/]+)\/[^/]+$/.exec(r.file)?.[1] ?? '';
}

/**
 * The adjustment record behind a revision: one added or edited in the same commit that names the
 * power, or — for a power that left the list — the record that withdrew it, whenever it was filed.
 */
export function adjustmentOf(r: PowerRevision, adjustments: AdjustmentModel[]): { adjustment: AdjustmentModel; kind: AdjustmentKind; reason?: string } | undefined {
  const names = (a: AdjustmentModel) => a.items.find((i) => i.powers.includes(r.code));
  for (const a of adjustments.filter((x) => r.adjustments.includes(x.id))) {
    const item = names(a);
    if (item) return { adjustment: a, kind: item.kind, reason: item.reason };
  }
  if (r.kind !== 'removed') return undefined;
  for (const a of adjustments) {
    const item = names(a);
    if (item && WITHDRAWING_KINDS.includes(item.kind)) return { adjustment: a, kind: item.kind, reason: item.reason };
  }
  return undefined;
}

export function publicRevision(r: PowerRevision, adjustments: AdjustmentModel[]): PublicRevision {
  const decided = adjustmentOf(r, adjustments);
  const note = r.changeNote ?? decided?.reason ?? decided?.adjustment.reason;
  return {
    revision: r,
    department: revisionDepartment(r),
    note: note ?? NO_CHANGE_NOTE,
    noteMissing: note === undefined,
    kind: decided?.kind ?? REVISION_KIND[r.kind],
    adjustment: decided?.adjustment,
  };
}

/** Every change of every power, newest first, in the public words. */
export function publicRevisions(history: ContentHistory, adjustments: AdjustmentModel[]): PublicRevision[] {
  if (!history.available) return [];
  return history.commits.flatMap((c) => c.revisions.map((r) => publicRevision(r, adjustments)));
}

/**
 * A change without a change note or an adjustment record is a finding for its department: the
 * public record can only say 「内容调整（未填写变更说明）」 there.
 */
export function missingNoteFindings(revisions: PublicRevision[]): Finding[] {
  return revisions
    .filter((p) => p.noteMissing)
    .map((p) =>
      finding('missing-change-note', p.revision.file, FILE_START, 'change_note', `${p.revision.date} 的${REVISION_KIND[p.revision.kind]}未填写变更说明（change_note）也没有调整记录：公开的变更记录只能显示「${NO_CHANGE_NOTE}」`),
    );
}

/** 2024-03-01 10:05 — the committer's own clock, so two versions of one day are told apart. */
export function revisionTimeLabel(r: { date: string; time: string }): string {
  return `${r.date} ${r.time.slice(11, 16)}`;
}

/** 新增 3、取消 2、下放 1 — how many powers each kind of adjustment concerned. */
export function adjustmentCounts(a: AdjustmentModel): { kind: AdjustmentKind; count: number }[] {
  const counts = new Map<AdjustmentKind, number>();
  for (const item of a.items) counts.set(item.kind, (counts.get(item.kind) ?? 0) + item.powers.length);
  return [...counts].map(([kind, count]) => ({ kind, count }));
}

export function adjustmentSummary(a: AdjustmentModel): string {
  const counts = adjustmentCounts(a);
  const total = counts.reduce((n, c) => n + c.count, 0);
  return `调整 ${total} 项：${counts.map((c) => `${c.kind} ${c.count}`).join('、')}`;
}
