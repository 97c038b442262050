import type { ResolvedCitation } from '../model/types.ts';
import { formatArticleRef } from '../lib/article-ref-text.ts';

/** 《烟花爆竹安全管理条例》第十九条第一款：“……”。 — the way the official template prints a citation, the quote verbatim. */
export function citationText(citation: ResolvedCitation): string {
  const head = formatArticleRef(citation.law.short, citation.article);
  if (!citation.quote) return `${head}。`;
  const quote = citation.quote.trim();
  // A quoted full sentence keeps its own full stop inside the marks; otherwise one follows them.
  return /[。！？]$/.test(quote) ? `${head}：“${quote}”` : `${head}：“${quote}”。`;
}
