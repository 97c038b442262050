import { parseChineseNumber, toChineseNumber } from './chinese-numerals.ts';
import { compareQuote, normalizeForQuote, type QuoteResult } from './quote.ts';

/** One article (条) of a statute: its paragraphs (款), each with its numbered items (项). */
export interface Article {
  /** e.g. 第十九条, 第四十六条之一 */
  label: string;
  /** Sort key: article number, with 之一 as a fraction. */
  number: number;
  paragraphs: Paragraph[];
}

export interface Paragraph {
  /** The paragraph's own text, including its items, as printed. */
  text: string;
  /** The paragraph's first line: the words that introduce its items. */
  lead: string;
  /** Numbered items （一）（二）…, by their printed number. */
  items: { number: number; text: string }[];
}

const ARTICLE_HEAD = /^第([零〇一二三四五六七八九十百千]+)条(之([一二三四五六七八九十]+))?[\s\u3000]+(.*)$/;
const ITEM_HEAD = /^[（(]([零〇一二三四五六七八九十百]+)[)）]/;
const ITEM_NUMBER = /^[（(][零〇一二三四五六七八九十百]+[)）]/;
const HEADING = /^(#|第[零〇一二三四五六七八九十百千]+[编章节](\s|$))/;

/**
 * Parses a statute in the usual layout — a header, then `第X条 …` articles under chapter headings,
 * one paragraph a line — into articles, paragraphs and items.
 */
export function parseStatute(text: string): Map<string, Article> {
  const articles = new Map<string, Article>();
  let current: Article | undefined;
  const body = text.includes('<!-- INFO END -->') ? text.slice(text.indexOf('<!-- INFO END -->')) : text;
  for (const rawLine of body.split('\n')) {
    const line = rawLine.trim();
    if (!line || line.startsWith('<!--')) continue;
    if (HEADING.test(line)) {
      current = undefined;
      continue;
    }
    const head = ARTICLE_HEAD.exec(line);
    if (head) {
      const label = `第${head[1]}条${head[2] ?? ''}`;
      const number = (parseChineseNumber(head[1]!) ?? 0) + (head[3] ? (parseChineseNumber(head[3]) ?? 0) / 100 : 0);
      current = { label, number, paragraphs: [] };
      articles.set(label, current);
      addLine(current, head[4]!.trim());
      continue;
    }
    if (current) addLine(current, line);
  }
  return articles;
}

function addLine(article: Article, line: string) {
  if (!line) return;
  const last = article.paragraphs[article.paragraphs.length - 1];
  const item = ITEM_HEAD.exec(line);
  if (item && last) {
    last.items.push({ number: parseChineseNumber(item[1]!) ?? last.items.length + 1, text: line });
    last.text += line;
  } else {
    article.paragraphs.push({ text: line, lead: line, items: [] });
  }
}

export function articleText(article: Article): string {
  return article.paragraphs.map((p) => p.text).join('\n');
}

export interface ArticleReference {
  article: string;
  paragraph?: number;
  item?: number;
}

/** Splits 第十九条第一款第四项 into its parts. */
export function parseArticleReference(reference: string): ArticleReference | undefined {
  const m = /^(第[零〇一二三四五六七八九十百千]+条(?:之[一二三四五六七八九十]+)?)(?:第([零〇一二三四五六七八九十百]+)款)?(?:第[（(]?([零〇一二三四五六七八九十百]+)[)）]?项)?$/.exec(
    reference,
  );
  if (!m) return undefined;
  return {
    article: m[1]!,
    paragraph: m[2] ? parseChineseNumber(m[2]) : undefined,
    item: m[3] ? parseChineseNumber(m[3]) : undefined,
  };
}

/**
 * `text` is what the reference points at; for an item it begins with the words that introduce the
 * items, and `item` holds the item alone (lists often quote just the item).
 */
export type ResolvedText = { ok: true; text: string; item?: string } | { ok: false; problem: string };

/** The text an article reference points at, or why it points at nothing. */
export function textAt(articles: Map<string, Article>, reference: string): ResolvedText {
  const ref = parseArticleReference(reference);
  if (!ref) return { ok: false, problem: `无法识别条款「${reference}」` };
  const article = articles.get(ref.article);
  if (!article) return { ok: false, problem: `该版本没有${ref.article}` };
  if (ref.paragraph === undefined) {
    if (ref.item !== undefined) {
      // 第X条第Y项 (no 款) is how single-paragraph articles with items are cited.
      const first = article.paragraphs[0];
      const item = first?.items.find((i) => i.number === ref.item);
      return item ? { ok: true, text: first!.lead + item.text, item: item.text } : { ok: false, problem: `${ref.article}没有第${toChineseNumber(ref.item)}项` };
    }
    return { ok: true, text: articleText(article) };
  }
  const paragraph = article.paragraphs[ref.paragraph - 1];
  if (!paragraph) return { ok: false, problem: `${ref.article}只有 ${article.paragraphs.length} 款，没有第${toChineseNumber(ref.paragraph)}款` };
  if (ref.item === undefined) return { ok: true, text: paragraph.text };
  const item = paragraph.items.find((i) => i.number === ref.item);
  // An item is quoted together with the words that introduce it (当事人有下列行为之一的，……：（四）……).
  return item
    ? { ok: true, text: paragraph.lead + item.text, item: item.text }
    : { ok: false, problem: `${ref.article}第${toChineseNumber(ref.paragraph)}款没有第${toChineseNumber(ref.item)}项` };
}

export { normalizeForQuote } from './quote.ts';

/** Whether a quote reproduces the statute text, every omission marked with 「……」 (see compareQuote). */
export function quoteMatches(quote: string, statuteText: string): boolean {
  return compareQuote(quote, statuteText).ok;
}

/**
 * Checks a quote against what a reference resolved to. An item may be quoted with its lead-in
 * words or on its own, with or without its printed number （四）.
 */
export function compareQuoteAt(quote: string, target: { text: string; item?: string }): QuoteResult {
  const full = compareQuote(quote, target.text);
  if (full.ok || target.item === undefined) return full;
  const bare = target.item.replace(ITEM_NUMBER, '');
  const numbered = compareQuote(quote, target.item);
  const alone = compareQuote(quote, bare);
  if (numbered.ok || alone.ok) return { ok: true };
  // A quote that starts like the item was meant as the item alone: report against that.
  const start = normalizeForQuote(quote).slice(0, 4);
  if (normalizeForQuote(bare).startsWith(start)) return alone;
  if (normalizeForQuote(target.item).startsWith(start)) return numbered;
  return full;
}
