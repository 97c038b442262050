import type { LawModel, Model } from '../model/types.ts';
import type { CitationKind } from '../model/citations.ts';
import { BOM, csvRecords } from './exports/csv-text.ts';
import { allCitations, compareCitedArticle, insertedArticles, type ArticleFate } from './laws-check.ts';

/**
 * The effects table of each law version (as legislation.gov.uk keeps one): for every citation the
 * version touches, what it did to the cited article and whether the list has been adjusted.
 */
export type EffectType = 'unchanged' | 'renumbered' | 'changed' | 'deleted' | 'new' | 'unknown';

export const EFFECT_LABELS: Record<EffectType, string> = {
  unchanged: '条文未变',
  renumbered: '条号变化',
  changed: '内容修改',
  deleted: '已删除',
  new: '新增条文',
  unknown: '无法比对',
};

export interface EffectRecord {
  law: { id: string; short: string };
  /** The version that has the effect. */
  version: string;
  /** The date the version takes effect (its 施行日期, else its date). */
  inForce: string;
  department: { id: string; name: string } | null;
  code: string | null;
  name: string | null;
  file: string | null;
  kind: CitationKind | null;
  place: string | null;
  field: string | null;
  effect: EffectType;
  /** The article as the list cites it (before adjustment, or as adjusted). */
  cited: string | null;
  /** The article of this version that has the effect. */
  affecting: string | null;
  /** The citation already cites this version. */
  adjusted: boolean;
}

function effectOf(fate: ArticleFate, forward: boolean): { effect: EffectType; affecting?: string } {
  switch (fate.status) {
    case 'unchanged':
      return { effect: 'unchanged' };
    case 'changed':
      return { effect: 'changed' };
    case 'moved':
      return { effect: fate.changed ? 'changed' : 'renumbered', affecting: forward ? fate.to : undefined };
    case 'deleted':
      // Looking back from an adjusted citation, an article missing in the older text is new.
      return { effect: forward ? 'deleted' : 'new' };
    case 'unknown':
      return { effect: 'unknown' };
  }
}

/** The version before `date` that the registry holds a text of. */
function previousWithText(law: LawModel, date: string): string | undefined {
  return law.versions.filter((v) => v.date < date && law.texts.has(v.date)).at(-1)?.date;
}

export function lawEffects(model: Model): EffectRecord[] {
  const records: EffectRecord[] = [];
  const byLaw = Map.groupBy(allCitations(model), (c) => c.citation.law.id);
  for (const law of model.laws.values()) {
    const mine = byLaw.get(law.id) ?? [];
    for (const version of law.versions.slice(1)) {
      const text = law.texts.get(version.date);
      const previous = previousWithText(law, version.date);
      const base = { law: { id: law.id, short: law.short }, version: version.date, inForce: version.effective ?? version.date };
      const rows: EffectRecord[] = [];
      for (const { owner, citation } of mine) {
        const pending = citation.version < version.date;
        // A citation at this version was adjusted to it; one at a later version belongs to that version's table.
        if (!pending && citation.version !== version.date) continue;
        const fromText = pending ? law.texts.get(citation.version) : text;
        const toText = pending ? text : previous ? law.texts.get(previous) : undefined;
        if (!pending && !toText) continue;
        const fate: ArticleFate = fromText && toText ? compareCitedArticle(fromText, toText, citation.article) : { status: 'unknown', reason: '' };
        const { effect, affecting } = effectOf(fate, pending);
        rows.push({
          ...base,
          department: owner.department,
          code: owner.code || null,
          name: owner.name,
          file: owner.file,
          kind: citation.kind,
          place: citation.place,
          field: citation.path.join('.'),
          effect,
          cited: citation.article,
          affecting: effect === 'deleted' || effect === 'unknown' ? null : (affecting ?? citation.article),
          adjusted: !pending,
        });
      }
      if (text && previous) {
        for (const article of insertedArticles(law.texts.get(previous)!, text)) {
          rows.push({ ...base, department: null, code: null, name: null, file: null, kind: null, place: null, field: null, effect: 'new', cited: null, affecting: article, adjusted: false });
        }
      }
      if (rows.some((r) => r.code !== null || r.file !== null)) records.push(...rows);
    }
  }
  return records;
}

export const EFFECT_COLUMNS = ['法律法规', '版本', '施行日期', '部门', '事项编码', '事项名称', '字段', '影响类型', '引用条款', '影响条款', '是否已调整'];

export function effectCells(r: EffectRecord): string[] {
  return [
    r.law.short,
    r.version,
    r.inForce,
    r.department?.name ?? '',
    r.code ?? '',
    r.name ?? '',
    r.place ?? '',
    EFFECT_LABELS[r.effect],
    r.cited ?? '',
    r.affecting ?? '',
    r.file === null ? '' : r.adjusted ? '已调整' : '未调整',
  ];
}

/** The table as CSV (UTF-8 with BOM, CRLF, formula-safe), for spreadsheets. */
export function effectsCsv(records: EffectRecord[]): string {
  return BOM + csvRecords([EFFECT_COLUMNS, ...records.map(effectCells)]);
}
