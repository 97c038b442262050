import { toChineseNumber } from '../lib/chinese-numerals.ts';
import { ARTICLE_PATTERN } from '../schema/common.ts';

/**
 * The 实施依据 cell as departments write it: one or several laws, each with one or several
 * articles, with or without the quoted text. Every variant seen in published lists is read here:
 * 【法律】/[部门规章]/「行政法规：」 level prefixes, law names with or without 《》, parentheticals
 * between the name and the article (（国务院令第593号）（2019年修正）), 「第48、50条」,
 * 「第四十四条 第七十六条」, 「第十八条、第十九条」, several laws per cell separated by line breaks,
 * ；、 or 1. 2. numbering. Each article becomes its own citation; text that names no article is
 * returned as unplaced, never folded into a quote.
 */
export interface ParsedCitation {
  lawName: string;
  article: string;
  quote?: string;
  /** Parenthetical between the law's name and the article (issuing order, revision): a hint to the version. */
  edition?: string;
}

export interface ParsedBasis {
  citations: ParsedCitation[];
  /** Text of the cell that is not part of any citation (a law named without an article, a remark). */
  unplaced: string[];
}

const CN = '[0-9０-９零〇一二两三四五六七八九十百千]+';
/** A parenthetical, with one level of nesting: （国务院令第593号）, (劳部发(1994)503号). */
const PAREN = '[（(](?:[^（）()]|[（(][^（）()]*[）)])*[）)]';
const LEVEL_PREFIX = /(?:【[^】]{1,12}】|\[[^\]]{1,12}\]|〔(?:法律|行政法规|地方性法规|部门规章|政府规章|规章|规范性文件|其他)[^〕]{0,6}〕|(?:法律|行政法规|地方性法规|部门规章|地方政府规章|政府规章|规章|规范性文件)\s*[：:])\s*/g;
const ITEM_NUMBER = /(?:^|(?<=[\n；;。\s]))\s*(?:\d{1,2}\s*[.、．]|[（(]\s*\d{1,2}\s*[)）]|[一二三四五六七八九十]{1,3}\s*、)\s*/g;
/** A law named without 《》: a run of CJK ending in 法/条例/规定/办法/细则/决定 directly before 第…条. */
const BARE_LAW = new RegExp(`(?:^|(?<=[\\n；;。]|^\\s*\\d{1,2}\\s*[.、．]\\s*|[\\n；;。]\\s*\\d{1,2}\\s*[.、．]\\s*))(?![本该依按根违])((?:中华人民共和国)?[\\u4e00-\\u9fa5（）()]{2,40}?(?:法|条例|规定|办法|细则|决定|规则))(?=\\s*(?:${PAREN}\\s*)*第${CN}条)`, 'g');
/** An article mention: 第X条(之Y)(第Z款)(第W项), or a list 第48、50条 / 第三、四条. */
const ARTICLE = new RegExp(
  `第\\s*(${CN}(?:\\s*[、，,和及]\\s*(?:第\\s*)?${CN})*)\\s*条(?:\\s*之\\s*(${CN}))?(?:\\s*第\\s*(${CN})\\s*款)?(?:\\s*第\\s*[（(]?\\s*(${CN})\\s*[)）]?\\s*项)?`,
  'g',
);

export function parseBasisCell(cell: string): ParsedBasis {
  const text = normalize(cell);
  const citations: ParsedCitation[] = [];
  const unplaced: string[] = [];
  if (!text) return { citations, unplaced };
  const laws = findLaws(text);
  if (laws.length === 0) return { citations, unplaced: [text] };
  const before = text.slice(0, laws[0]!.start).trim();
  if (before && !/^[\d.、．（）()\s]*$/.test(before)) unplaced.push(before);
  laws.forEach((law, i) => {
    const end = i + 1 < laws.length ? laws[i + 1]!.start : text.length;
    const body = text.slice(law.end, end);
    const found = articlesIn(body);
    if (found.length === 0) {
      const whole = text
        .slice(law.start, end)
        .replace(/(?:\s*(?:\d{1,2}\s*[.、．]|[（(]\d{1,2}[)）]))+\s*$/, '')
        .replace(/[；;，,、\s]+$/, '')
        .trim();
      unplaced.push(whole);
      return;
    }
    const lead = body.slice(0, found[0]!.start).trim();
    // Between 》 and 第 only parentheticals (issuing order, revision) are expected; anything else is kept.
    const edition = new RegExp(`^(?:${PAREN}\\s*)+`).exec(lead)?.[0].trim();
    if (lead && !new RegExp(`^(?:${PAREN}\\s*)*[，,：:]?$`).test(lead)) unplaced.push(lead);
    found.forEach((a, j) => {
      const quoteEnd = j + 1 < found.length ? found[j + 1]!.start : body.length;
      let after = body.slice(a.end, quoteEnd);
      // After 「；」 the text is not this article's quote (「第十六条;山西省能源局《…》」): keep it apart.
      const stop = /^\s*[；;]/.exec(after);
      if (stop) {
        const rest = after.slice(stop[0].length).replace(/(?:\s*(?:\d{1,2}\s*[.、．]|[（(]\d{1,2}[)）]))+\s*$/, '').replace(/[；;，,、\s]+$/, '').trim();
        if (rest) unplaced.push(rest);
        after = '';
      }
      const quote = cleanQuote(after);
      a.articles.forEach((article, k) => {
        const last = k === a.articles.length - 1;
        citations.push({ lawName: law.name, article, ...(last && quote ? { quote } : {}), ...(edition && k === 0 && j === 0 ? { edition } : {}) });
      });
    });
  });
  return { citations, unplaced };
}

/** Our own written form, read back by parseBasisCell: 1. 《法》第X条：“引文” one per line. */
export function formatBasis(citations: ParsedCitation[]): string {
  return citations.map((c, i) => `${i + 1}. 《${c.lawName}》${c.article}${c.quote ? `：“${c.quote}”` : ''}`).join('\n');
}

function normalize(cell: string): string {
  return cell
    .replace(/\r\n?/g, '\n')
    .replace(/[\u3000\u00a0\t]/g, ' ')
    .replace(LEVEL_PREFIX, '')
    .replace(/[ ]+\n/g, '\n')
    .trim();
}

interface LawMention {
  name: string;
  start: number;
  end: number;
}

function findLaws(text: string): LawMention[] {
  const mentions: LawMention[] = [];
  for (const m of text.matchAll(/《([^《》\n]{2,60})》/g)) {
    // 《…》 inside a quotation (a form name such as 《责令改正通知书》) is part of the quote when an
    // article was already found for the law before it and no line/sentence break separates them.
    // A connective right before the name (根据《…》) belongs with the law's text, not the previous quote.
    const lead = /(?:根据|依据|按照|依照)\s*$/.exec(text.slice(Math.max(0, m.index! - 4), m.index!));
    mentions.push({ name: m[1]!.trim(), start: m.index! - (lead ? lead[0].length : 0), end: m.index! + m[0].length });
  }
  for (const m of text.matchAll(BARE_LAW)) {
    const start = m.index! + m[0].indexOf(m[1]!);
    if (mentions.some((x) => start < x.end && start + m[1]!.length > x.start)) continue;
    mentions.push({ name: m[1]!.replace(/[（(][^）)]*[）)]$/, '').trim(), start, end: start + m[1]!.length });
  }
  mentions.sort((a, b) => a.start - b.start);
  // Keep only mentions that start a citation: at the start, after a break, or followed by an article.
  return mentions.filter((m, i) => {
    if (i === 0) return true;
    const prefix = text.slice(Math.max(0, m.start - 12), m.start);
    const startsItem = /(?:^|[\n；;。]|\d\s*[.、．]|[（(]\d[)）]|根据|依据|、|，|,)\s*$/.test(prefix);
    const followedByArticle = new RegExp(`^\\s*(?:${PAREN}\\s*)*第${CN}条`).test(text.slice(m.end));
    if (insideQuotationMarks(text.slice(0, m.start))) return false;
    return startsItem && (followedByArticle || /[\n；;。]\s*(?:\d\s*[.、．]\s*)?$/.test(prefix) || !insideQuote(text, m.start));
  });
}

/** True when the position lies inside “…” or after a colon on the same line (quoted statute text). */
function insideQuote(text: string, at: number): boolean {
  const before = text.slice(0, at);
  const open = (before.match(/“/g) ?? []).length;
  const close = (before.match(/”/g) ?? []).length;
  if (open > close) return true;
  const line = before.slice(before.lastIndexOf('\n') + 1);
  return /第[^条]{1,8}条[^：:]{0,6}[：:]/.test(line);
}

interface ArticleMention {
  start: number;
  end: number;
  articles: string[];
}

function articlesIn(body: string): ArticleMention[] {
  const out: ArticleMention[] = [];
  for (const m of body.matchAll(ARTICLE)) {
    const start = m.index!;
    // An article number inside the quoted text (「本条例第八条规定」) does not start a citation: only one
    // at the start, after a break, after another article, or after whitespace/punctuation does.
    const prefix = body.slice(0, start);
    // A 、 or ， joins articles only right after the previous one (第十八条、第十九条); after quoted text
    // (「不能实行本法第三十六条、第三十八条规定的」) the articles belong to the quote.
    const gap = out.length ? prefix.slice(out.at(-1)!.end) : '';
    const atBoundary =
      out.length === 0 ? new RegExp(`^(?:\\s|${PAREN}|[，,：:])*$`).test(prefix) : /^\s*[、，,和及]\s*$/.test(gap) || (/(?:[\n；;。]|^|\s)\s*$/.test(gap) && boundaryBefore(prefix));
    if (!atBoundary || insideQuotationMarks(prefix)) continue;
    const numbers = m[1]!.split(/\s*[、，,和及]\s*(?:第\s*)?/).map(arabic);
    const articles = numbers.map((n) => {
      let a = `第${n}条`;
      if (m[2]) a += `之${arabic(m[2])}`;
      if (m[3]) a += `第${arabic(m[3])}款`;
      if (m[4]) a += `第${arabic(m[4])}项`;
      return a;
    });
    if (!articles.every((a) => ARTICLE_PATTERN.test(a))) continue;
    out.push({ start, end: start + m[0].length, articles });
  }
  return out;
}

/** True when the text before a position leaves a “…” or 「…」 quotation open: statute text, not a new citation. */
function insideQuotationMarks(before: string): boolean {
  const count = (re: RegExp) => (before.match(re) ?? []).length;
  return count(/“/g) > count(/”/g) || count(/「/g) > count(/」/g);
}

function boundaryBefore(prefix: string): boolean {
  return /(?:^|[\n；;。\s]|[、，,])$/.test(prefix.replace(/\s+$/, (s) => (s.length ? ' ' : '')));
}

function arabic(text: string): string {
  const t = text.replace(/\s+/g, '').replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0));
  return /^\d+$/.test(t) ? toChineseNumber(Number(t)) : t.replace(/两/g, '二');
}

function cleanQuote(text: string): string | undefined {
  let t = text
    .trim()
    .replace(/^[：:，,\s]+/, '')
    // The numbering of the next item (「2.」) is not part of this quote.
    .replace(/(?:\s*(?:\d{1,2}\s*[.、．]|[（(]\d{1,2}[)）]))+\s*$/, '')
    .replace(/[；;，,、\s]+$/, '')
    .trim();
  const quoted = /^[“"「『]([\s\S]*?)[”"」』][。.]?$/.exec(t);
  if (quoted) t = quoted[1]!;
  t = t.trim();
  // A full stop left after the article (「第十一条。」) is no quote; text in quotation marks always is.
  return t && (quoted || /[\p{L}\p{N}]/u.test(t)) ? t : undefined;
}
