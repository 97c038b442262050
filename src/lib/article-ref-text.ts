/**
 * A reference to an article as the lists print it — 《安全生产法》第九十七条 — and as it is read
 * back (the labels of the diff's basis entities, which the history pages read to name the law
 * versions behind a change). One format and its parse, side by side; test/article-ref-text.test.ts
 * holds them to each other.
 */
export interface ArticleRefParts {
  /** The law's name as printed (usually its short name). */
  law: string;
  /** 第N条, 第N条第M款…; empty when the reference is to the whole law. */
  article: string;
}

export function formatArticleRef(law: string, article: string): string {
  return `《${law}》${article}`;
}

/** The parts of exactly one formatted reference, or undefined for any other text. */
export function parseArticleRef(text: string): ArticleRefParts | undefined {
  const match = /^《([^《》]+)》([^《》]*)$/.exec(text);
  return match ? { law: match[1]!, article: match[2]! } : undefined;
}
