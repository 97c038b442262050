import type { ResolvedCitation } from '../model/types.ts';

/** 《烟花爆竹安全管理条例》第十九条第一款：“……”。 — the way the official template prints a citation. */
export function citationText(citation: ResolvedCitation): string {
  const head = `《${citation.law.short}》${citation.article}`;
  if (!citation.quote) return `${head}。`;
  const quote = citation.quote.trim().replace(/[。；，]$/, '');
  return `${head}：“${quote}。”`;
}

export function articleLabel(ref: { law: { short: string }; article: string }): string {
  return `《${ref.law.short}》${ref.article}`;
}
