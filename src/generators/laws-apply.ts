import { comparable, describeRange, parsePenaltyRanges, rangeWithin } from '../lib/penalty-range.ts';
import { textAt } from '../lib/statute.ts';
import type { Citation } from '../model/citations.ts';
import type { FieldPath } from '../model/findings.ts';
import type { LawModel, Model } from '../model/types.ts';
import { allCitations, compareCitedArticle, type ArticleFate, type CitationOwner } from './laws-check.ts';

/**
 * What `quanze laws apply` does for one new law version: the citations it can settle by itself
 * (same words under the same or a new number) and the ones a person must look at (changed,
 * deleted, or not comparable), plus the 裁量基准 bands that no longer fit the new penalty range.
 */
export interface ApplyPlan {
  law: { id: string; short: string };
  to: string;
  settled: SettledCitation[];
  flagged: FlaggedCitation[];
  bands: BandProblem[];
}

export interface SettledCitation {
  owner: CitationOwner;
  citation: Citation;
  from: { article: string; version: string };
  /** Present when the article was renumbered. */
  article?: string;
}

export interface FlaggedCitation {
  owner: CitationOwner;
  citation: Citation;
  fate: Exclude<ArticleFate, { status: 'unchanged' }>;
}

export interface BandProblem {
  owner: CitationOwner;
  path: FieldPath;
  violation: string;
  degree: string;
  penalty: string;
  article: string;
  message: string;
}

export function planApply(model: Model, law: LawModel, to: string): ApplyPlan {
  const plan: ApplyPlan = { law: { id: law.id, short: law.short }, to, settled: [], flagged: [], bands: [] };
  const newText = law.texts.get(to)!;
  for (const { owner, citation } of allCitations(model)) {
    if (citation.law.id !== law.id || citation.version >= to) continue;
    const oldText = law.texts.get(citation.version);
    const fate: ArticleFate = oldText
      ? compareCitedArticle(oldText, newText, citation.article)
      : { status: 'unknown', reason: `法规库没有《${law.short}》${citation.version} 版本的全文，无法逐条比对` };
    const from = { article: citation.article, version: citation.version };
    if (fate.status === 'unchanged') plan.settled.push({ owner, citation, from });
    else if (fate.status === 'moved' && !fate.changed) plan.settled.push({ owner, citation, from, article: fate.to });
    else plan.flagged.push({ owner, citation, fate });
  }
  plan.bands = recheckBands(model, law, to, plan);
  return plan;
}

/** Where each cited article of the law sits in the new version, as far as the plan knows. */
function newLocation(plan: ApplyPlan, citation: Citation): string | undefined {
  const settled = plan.settled.find((s) => s.citation === citation);
  if (settled) return settled.article ?? citation.article;
  const flagged = plan.flagged.find((f) => f.citation === citation);
  if (!flagged) return citation.version === plan.to ? citation.article : undefined;
  if (flagged.fate.status === 'moved') return flagged.fate.to;
  if (flagged.fate.status === 'changed') return citation.article;
  return undefined;
}

/** Every band of a 裁量基准 on this law, checked against the penalty range of the new text. */
function recheckBands(model: Model, law: LawModel, to: string, plan: ApplyPlan): BandProblem[] {
  const problems: BandProblem[] = [];
  const newText = law.texts.get(to)!;
  for (const power of model.powers) {
    const owner = { department: { id: power.department.id, name: power.department.name }, code: power.code, name: power.name, file: power.file };
    power.derived.discretion.forEach((d, i) => {
      if (d.penaltyBasis.law.id !== law.id) return;
      const citation = power.citations.find((c) => c.kind === 'penalty-basis' && c.path[1] === i);
      const article = citation && newLocation(plan, citation);
      if (!citation || !article) {
        problems.push({ owner, path: ['discretion', i, 'penalty_basis'], violation: d.violation, degree: '', penalty: '', article: d.penaltyBasis.article, message: `处罚依据《${law.short}》${d.penaltyBasis.article}在 ${to} 版本中已删除或无法对应：各阶次须按新的处罚依据重新确定` });
        return;
      }
      const located = textAt(newText, article);
      if (!located.ok) return;
      const statutory = parsePenaltyRanges(located.text);
      d.bands.forEach((band, j) => {
        for (const r of parsePenaltyRanges(band.penalty)) {
          const sameKind = statutory.filter((s) => comparable(r, s));
          if (sameKind.length && !sameKind.some((s) => rangeWithin(r, s))) {
            problems.push({
              owner,
              path: ['discretion', i, 'bands', j, 'penalty'],
              violation: d.violation,
              degree: band.degree,
              penalty: band.penalty,
              article,
              message: `「${band.degree}」阶次的${describeRange(r)}超出《${law.short}》（${to}）${article}规定的幅度（${statutory.map(describeRange).join('；')}）`,
            });
          }
        }
      });
    });
  }
  return problems;
}

/** The change note written into each power the plan touches. */
export function changeNote(plan: ApplyPlan, code: string): string | undefined {
  const mine = plan.settled.filter((s) => s.owner.code === code);
  if (!mine.length) return undefined;
  const moved = [...new Set(mine.filter((s) => s.article).map((s) => `${s.from.article}改为${s.article}`))];
  return `依据《${plan.law.short}》${plan.to} 版本更新引用版本${moved.length ? `；条号变化：${moved.join('、')}` : ''}。`;
}
