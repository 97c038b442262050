import { toChineseNumber } from '../lib/chinese-numerals.ts';
import { ARTICLE_PATTERN } from '../schema/common.ts';

/** Text from a spreadsheet cell: full-width spaces and stray whitespace folded, line ends unified. */
export function clean(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .replace(/[\u3000\u00a0\t]+/g, ' ')
    .split('\n')
    .map((l) => l.trim())
    .join('\n')
    .trim();
}

export const NUMBERING = /^(?:\d+\s*[.、．,，]|[（(]\s*\d+\s*[)）]|[一二三四五六七八九十]+\s*[、.．])\s*/;

/** Splits a cell of numbered items (1. / 1、 / （1） / 一、) into the items, numbering removed. */
export function splitNumbered(text: string): string[] {
  const lines = clean(text).split('\n').filter(Boolean);
  const items: string[] = [];
  for (const line of lines) {
    if (NUMBERING.test(line) || items.length === 0) items.push(line.replace(NUMBERING, ''));
    else items[items.length - 1] += line;
  }
  // Items run together on one line: split before each number that introduces a 《law》 or a 责任.
  return items.flatMap((item) => item.split(/(?<=[。；;”"])\s*(?=(?:\d+\s*[.、．]|[（(]\d+[)）])\s*(?:《|[^：:]{1,12}责任))/).map((s) => s.replace(NUMBERING, '')));
}

export interface ParsedCitation {
  lawName: string;
  article: string;
  quote?: string;
}

/** 《烟花爆竹安全管理条例》第十九条第一款：“……”。 — also Arabic article numbers and stray punctuation. */
export function parseCitation(text: string): ParsedCitation | undefined {
  const m = /^《(.+?)》\s*((?:第\s*[0-9零〇一二三四五六七八九十百千]+\s*条(?:之[一二三四五六七八九十]+)?)(?:\s*第\s*[0-9零〇一二三四五六七八九十百]+\s*款)?(?:\s*第\s*[（(]?\s*[0-9零〇一二三四五六七八九十百]+\s*[)）]?\s*项)?)\s*[：:，,]?\s*([\s\S]*)$/.exec(clean(text).replace(/\n/g, ''));
  if (!m) return undefined;
  const article = normalizeArticle(m[2]!);
  if (!ARTICLE_PATTERN.test(article)) return undefined;
  const rest = m[3]!.trim();
  // A quote in quotation marks is taken verbatim; without them, a closing full stop is dropped.
  const quoted = /^[“"「『]([\s\S]*)[”"」』][。.]?$/.exec(rest);
  const quote = (quoted ? quoted[1]! : rest.replace(/[。.]$/, '')).trim();
  return { lawName: m[1]!.trim(), article, quote: quote || undefined };
}

/** 第19条第1款第（4）项 → 第十九条第一款第四项. */
export function normalizeArticle(text: string): string {
  return text
    .replace(/\s+/g, '')
    .replace(/\d+/g, (d) => toChineseNumber(Number(d)))
    .replace(/第[（(]([零〇一二三四五六七八九十百]+)[)）]项/, '第$1项');
}

export interface ParsedDuty {
  stage: string;
  /** 受理岗, or 政策法规处·法制审核岗 when another unit owns the stage. */
  post?: string;
  unitName?: string;
  duty: string;
}

/** 1. 受理责任（受理岗）：接收申请材料…… */
export function parseDuty(text: string): ParsedDuty | undefined {
  const m = /^(.{1,12}?)责任\s*[（(]\s*([^）)]*?)\s*[)）]\s*[：:]\s*([\s\S]+)$/.exec(clean(text).replace(/\n/g, '').replace(NUMBERING, ''));
  if (!m) return undefined;
  const owner = m[2]!;
  const [unitName, post] = owner.includes('·') ? owner.split('·') : [undefined, owner];
  return { stage: m[1]!.trim(), post: post && post !== '未明确岗位' ? post : undefined, unitName, duty: m[3]!.trim() };
}
