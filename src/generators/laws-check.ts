import type { Article } from '../lib/statute.ts';
import { articleText, normalizeForQuote, parseArticleReference, textAt } from '../lib/statute.ts';
import { normalizedSimilarity, similarity } from '../lib/similarity.ts';
import type { LawModel, Model } from '../model/types.ts';
import type { Citation, CitationKind, VersionSource } from '../model/citations.ts';
import { textPieces, type TextPiece } from './diff/compare.ts';

/** What became of a cited article in the newer version, where both full texts are held. */
export type ArticleFate =
  | { status: 'unchanged' }
  | { status: 'changed'; before: string; after: string; pieces: TextPiece[] }
  | { status: 'moved'; to: string; changed: boolean; before: string; after: string; pieces: TextPiece[] }
  | { status: 'deleted'; before: string }
  | { status: 'unknown'; reason: string };

export interface StaleCitation {
  department: { id: string; name: string };
  /** The power's code; empty for a flow template's citation. */
  code: string;
  name: string;
  /** The flow template's id, for a citation in a flow template. */
  flow?: string;
  file: string;
  kind: CitationKind;
  /** Readable place in the file, e.g. 环节「立案」依据. */
  place: string;
  /** Dotted field path, e.g. stages.0.basis. */
  field: string;
  /** Whether the file names the version or the resolver settled it. */
  versionSource: VersionSource;
  law: { id: string; short: string; status: string; repealed?: string };
  article: string;
  cited: string;
  latest: { date: string; kind: string };
  /** Why the citation needs attention. */
  reason: 'outdated-version' | 'repealed-law';
  fate?: ArticleFate;
}

export interface LawsReport {
  citations: StaleCitation[];
  byDepartment: { department: { id: string; name: string }; citations: StaleCitation[] }[];
  /** For each law with stale citations and both texts: articles of the latest version with no counterpart in a cited version. */
  newArticles: { law: string; short: string; from: string; to: string; articles: string[] }[];
}

const MOVED = 0.9;
const SAME_ARTICLE = 0.5;
const SOMEWHERE = 0.6;

/**
 * Every citation that cites an older version than the law's latest, or a repealed law, grouped by
 * department; with full texts of both versions, what happened to each cited article.
 */
export function checkLaws(model: Model): LawsReport {
  const citations: StaleCitation[] = [];
  const comparedVersions = new Map<string, { law: LawModel; from: string }>();
  for (const { owner, citation: c } of allCitations(model)) {
    const repealed = c.law.status === '已废止';
    if (!c.stale && !repealed) continue;
    const fate = c.stale ? articleFate(c.law, c.version, c.law.latest.date, c.article) : undefined;
    if (c.stale && c.law.texts.has(c.version) && c.law.texts.has(c.law.latest.date)) comparedVersions.set(`${c.law.id}|${c.version}`, { law: c.law, from: c.version });
    citations.push({
      ...owner,
      kind: c.kind,
      place: c.place,
      field: c.path.join('.'),
      versionSource: c.versionSource,
      law: { id: c.law.id, short: c.law.short, status: c.law.status, repealed: c.law.repealed },
      article: c.article,
      cited: c.version,
      latest: { date: c.law.latest.date, kind: c.law.latest.kind },
      reason: repealed ? 'repealed-law' : 'outdated-version',
      fate,
    });
  }
  const groups = model.departments.map((d) => ({ department: { id: d.id, name: d.name }, citations: citations.filter((c) => !c.flow && c.department.id === d.id) }));
  groups.push({ department: FLOW_GROUP, citations: citations.filter((c) => c.flow) });
  const byDepartment = groups.filter((g) => g.citations.length);
  const newArticles = [...comparedVersions.values()].map(({ law, from }) => ({
    law: law.id,
    short: law.short,
    from,
    to: law.latest.date,
    articles: insertedArticles(law.texts.get(from)!, law.texts.get(law.latest.date)!),
  }));
  return { citations, byDepartment, newArticles };
}

/** Flow templates serve every department: their citations are listed as a group of their own. */
export const FLOW_GROUP = { id: '', name: '流程图模板' };

export interface CitationOwner {
  department: { id: string; name: string };
  code: string;
  name: string;
  flow?: string;
  file: string;
}

/**
 * Every citation in the content with the power or flow template it sits in: the one list that law
 * pages, the laws index, 待调整事项, `laws check` and the effects table all count.
 */
export function allCitations(model: Model): { owner: CitationOwner; citation: Citation }[] {
  const out: { owner: CitationOwner; citation: Citation }[] = [];
  for (const power of model.powers) {
    const owner = { department: { id: power.department.id, name: power.department.name }, code: power.code, name: power.name, file: power.file };
    for (const citation of power.citations) out.push({ owner, citation });
  }
  for (const f of model.flowCitations) {
    const owner = { department: FLOW_GROUP, code: '', name: model.flows.get(f.flow)?.title ?? f.flow, flow: f.flow, file: f.file };
    for (const citation of f.citations) out.push({ owner, citation });
  }
  return out;
}

export function articleFate(law: LawModel, from: string, to: string, reference: string): ArticleFate {
  const oldText = law.texts.get(from);
  const newText = law.texts.get(to);
  if (!oldText || !newText) return { status: 'unknown', reason: `法规库没有《${law.short}》${!oldText ? from : to} 版本的全文，无法逐条比对` };
  return compareCitedArticle(oldText, newText, reference);
}

/** Compares one cited article (or 款/项) between two parsed versions of a statute. */
export function compareCitedArticle(oldText: Map<string, Article>, newText: Map<string, Article>, reference: string): ArticleFate {
  const ref = parseArticleReference(reference);
  const cited = textAt(oldText, reference);
  if (!ref || !cited.ok) return { status: 'unknown', reason: cited.ok ? `无法识别条款「${reference}」` : cited.problem };
  const oldArticle = oldText.get(ref.article)!;
  const oldWhole = articleText(oldArticle);
  const same = textAt(newText, reference);
  if (same.ok && normalizeForQuote(same.text) === normalizeForQuote(cited.text)) {
    // Same number, same words — unless the article moved and another took its number.
    const wholeSame = newText.get(ref.article);
    if (wholeSame && similarity(articleText(wholeSame), oldWhole) >= MOVED) return { status: 'unchanged' };
  }
  let best: { label: string; score: number } | undefined;
  for (const [label, article] of newText) {
    const score = similarity(oldWhole, articleText(article));
    if (!best || score > best.score) best = { label, score };
  }
  const relabel = (label: string) => label + reference.slice(ref.article.length);
  if (best && best.score >= MOVED && best.label !== ref.article) {
    const moved = textAt(newText, relabel(best.label));
    const after = moved.ok ? moved.text : articleText(newText.get(best.label)!);
    const changed = normalizeForQuote(after) !== normalizeForQuote(cited.text);
    return { status: 'moved', to: relabel(best.label), changed, before: cited.text, after, pieces: textPieces(cited.text, after) };
  }
  if (same.ok && similarity(articleText(newText.get(ref.article)!), oldWhole) >= SAME_ARTICLE) {
    return { status: 'changed', before: cited.text, after: same.text, pieces: textPieces(cited.text, same.text) };
  }
  if (best && best.score >= SOMEWHERE) {
    const moved = textAt(newText, relabel(best.label));
    const after = moved.ok ? moved.text : articleText(newText.get(best.label)!);
    return { status: 'moved', to: relabel(best.label), changed: true, before: cited.text, after, pieces: textPieces(cited.text, after) };
  }
  return { status: 'deleted', before: cited.text };
}

/** Articles of the newer version that match nothing in the older one. */
export function insertedArticles(oldText: Map<string, Article>, newText: Map<string, Article>): string[] {
  // Each older article normalised once, not once per comparison; and most articles come through
  // an amendment word for word (similarity 1), found at once instead of by comparing each with
  // every older article (together about 2 s of each build of a 10,000-power site).
  const olds = [...oldText.values()].map((a) => normalizeForQuote(articleText(a)));
  const unchanged = new Set(olds);
  return [...newText.entries()]
    .filter(([, article]) => {
      const text = normalizeForQuote(articleText(article));
      return !unchanged.has(text) && !olds.some((o) => normalizedSimilarity(o, text) >= SOMEWHERE);
    })
    .map(([label]) => label);
}
