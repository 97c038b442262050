import { describeQuoteProblem } from '../lib/quote.ts';
import { compareQuoteAt, parseArticleReference, textAt } from '../lib/statute.ts';
import { parseChineseNumber } from '../lib/chinese-numerals.ts';
import type { FieldPath, Report } from './findings.ts';
import { closest } from './zod-findings.ts';
import type { LawModel } from './types.ts';

/**
 * Every place a list cites a law article. One resolver checks them all the same way, so each kind
 * reaches the law report, 待调整事项, law pages, counts, diffs and exports alike.
 */
export type CitationKind = 'basis' | 'stage' | 'total-limit' | 'accountability' | 'enforcement' | 'legal-review' | 'violated' | 'penalty-basis' | 'leniency' | 'flow';

export const CITATION_KIND_LABELS: Record<CitationKind, string> = {
  basis: '实施依据',
  stage: '环节依据',
  'total-limit': '办结时限依据',
  accountability: '追责依据',
  enforcement: '强制执行依据',
  'legal-review': '法制审核依据',
  violated: '裁量基准·违反条款',
  'penalty-basis': '裁量基准·处罚依据',
  leniency: '四张清单依据',
  flow: '流程图依据',
};

/** How a citation's version was settled. */
export type VersionSource =
  /** The file names the version. */
  | 'pinned'
  /** No version in the file: the version the same power's 实施依据 cite (for this article, else for this law). */
  | 'basis'
  /** No version anywhere in the power: the version of this law the content was last checked against. */
  | 'reviewed';

export interface Citation {
  kind: CitationKind;
  law: LawModel;
  article: string;
  version: string;
  versionSource: VersionSource;
  quote?: string;
  /** The field it sits in, e.g. ['stages', 2, 'basis']. */
  path: FieldPath;
  /** Readable place, e.g. 环节「立案」依据. */
  place: string;
  /** A newer version of the law is registered. */
  stale: boolean;
}

export interface CitationRef {
  law: string;
  article: string;
  version?: string;
  quote?: string;
}

export interface ResolveContext {
  laws: Map<string, LawModel>;
  /** Ids of law files that exist but failed their own checks (not reported again). */
  invalidLaws: Set<string>;
  /** The version each law's citations were last checked against, for citations that name none. */
  reviewed: Map<string, string>;
  quotes: { verified: number };
}

/**
 * The version each law's unversioned citations mean: the newest version that any 实施依据 in the
 * content pins (the list was checked against it); for a law no 实施依据 pins, the version in force
 * on the newest date pinned anywhere. A version registered later is therefore a change the
 * unversioned citations must be checked against, not one they silently follow.
 */
export function reviewedVersions(laws: Map<string, LawModel>, pinned: { law: string; version: string }[]): Map<string, string> {
  const newest = new Map<string, string>();
  let contentDate = '';
  for (const p of pinned) {
    const law = laws.get(p.law);
    if (!law || !law.versions.some((v) => v.date === p.version)) continue;
    if ((newest.get(p.law) ?? '') < p.version) newest.set(p.law, p.version);
    if (contentDate < p.version) contentDate = p.version;
  }
  const out = new Map<string, string>();
  for (const law of laws.values()) {
    const own = newest.get(law.id);
    if (own) out.set(law.id, own);
    else {
      const inForce = contentDate ? law.versions.filter((v) => v.date <= contentDate).at(-1) : undefined;
      out.set(law.id, (inForce ?? law.latest).date);
    }
  }
  return out;
}

/**
 * Resolves one citation: the law exists, the version exists (or is settled as above and
 * recorded), the article/款/项 exists in that version's text, and the quote reproduces it with
 * 「……」 the only omission marker. Problems are reported at `path`; returns undefined when the law
 * or version is unknown.
 */
export function resolveCitation(
  ref: CitationRef,
  kind: CitationKind,
  path: FieldPath,
  place: string,
  ctx: ResolveContext,
  report: Report,
  basisVersion?: (law: string, article: string) => string | undefined,
): Citation | undefined {
  const at = (field: string): FieldPath => [...path, field];
  const law = ctx.laws.get(ref.law);
  if (!law) {
    if (!ctx.invalidLaws.has(ref.law)) {
      const guess = closest(ref.law, [...ctx.laws.keys()]);
      report(at('law'), 'unknown-law', `法规库中没有法律「${ref.law}」${guess ? `，是否应为「${guess}」（${ctx.laws.get(guess)!.short}）？` : '：请先在 content/laws/ 中添加该法律'}`);
    }
    return undefined;
  }
  let version = ref.version;
  let versionSource: VersionSource = 'pinned';
  if (version === undefined) {
    version = basisVersion?.(law.id, ref.article);
    versionSource = 'basis';
    if (version === undefined) {
      version = ctx.reviewed.get(law.id) ?? law.latest.date;
      versionSource = 'reviewed';
    }
  }
  if (!law.versions.some((v) => v.date === version)) {
    report(at('version'), 'unknown-version', `《${law.short}》没有 ${version} 版本；法规库中的版本：${law.versions.map((v) => v.date).join('、')}`);
    return undefined;
  }
  if (law.status === '已废止') {
    report(at('law'), 'repealed-law', `《${law.short}》${law.repealed ? `已于 ${law.repealed} 废止` : '已废止'}${kind === 'basis' ? '，不能作为实施依据' : ''}`);
  }
  const text = law.texts.get(version);
  if (text) {
    const target = textAt(text, ref.article);
    if (!target.ok) report(at('article'), 'unknown-article', `《${law.short}》（${version}）${target.problem}`);
    else if (ref.quote !== undefined) {
      const compared = compareQuoteAt(ref.quote, target);
      if (compared.ok) ctx.quotes.verified++;
      else {
        const rule = compared.problem.kind === 'omission' ? 'quote-omission' : 'quote-mismatch';
        report(at('quote'), rule, `引文与《${law.short}》（${version}）${ref.article}原文不符：${describeQuoteProblem(compared.problem)}。该条款原文：“${target.text.replace(/\n/g, ' ')}”`);
      }
    }
  } else {
    const problem = articleBeyondCount(law, version, ref.article);
    if (problem) report(at('article'), 'unknown-article', problem);
  }
  const stale = version < law.latest.date;
  return { kind, law, article: ref.article, version, versionSource, quote: ref.quote, path, place, stale };
}

/** With a version's article count in the registry, a citation beyond it is certainly wrong. */
export function articleBeyondCount(law: LawModel, version: string, article: string): string | undefined {
  const count = law.versions.find((v) => v.date === version)?.articles;
  const ref = parseArticleReference(article);
  if (!count || !ref) return undefined;
  const number = parseChineseNumber(ref.article.replace(/^第|条.*$/g, ''));
  if (number !== undefined && number > count) return `《${law.short}》（${version}）共 ${count} 条，没有${ref.article}`;
  return undefined;
}
