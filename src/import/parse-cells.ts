import { NO_POST } from '../lib/duty-text.ts';
import { toChineseNumber } from '../lib/chinese-numerals.ts';
import { ARTICLE_PATTERN } from '../schema/common.ts';

/** Text from a spreadsheet cell: full-width spaces and stray whitespace folded, line ends unified. */
export function clean(text: string): string {
  const cleaned = text
    .replace(/\r\n?/g, '\n')
    .replace(/[\u3000\u00a0\t]+/g, ' ')
    .split('\n')
    .map((l) => l.trim())
    .join('\n')
    .trim();
  // A tab or CR before = + - @ is what keeps a spreadsheet from reading the cell as a formula (the CSV
  // export guards such cells with an apostrophe that readCsv removes): kept as given, never trimmed
  // so that the text becomes a formula.
  const guard = /^[\t\r]+(?=[=+\-@])/.exec(text)?.[0];
  return guard && cleaned ? guard + cleaned : cleaned;
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

export interface DutyItem {
  /** 受理, 调查取证 … ; undefined when the item names no stage. */
  stage?: string;
  post?: string;
  unitName?: string;
  duty: string;
  /** The item as written, numbering included. */
  raw: string;
}

const DUTY_LABEL = /^(.{1,12}?)(?:阶段|环节)?(?:责任)?\s*(?:[（(]\s*([^）)]{1,30}?)\s*[)）])?\s*[：:]\s*/;
const LABEL_WORD = /(?:责任|阶段|环节)\s*(?:[（(][^）)]{1,30}[)）])?\s*[：:]|^其他\s*[：:]/;

/**
 * The 责任事项 cell in any of the forms lists use: 「1.受理责任（受理岗）：…」, 「1、受理阶段责任：…」,
 * 「调查取证责任：…」, 「1.受理阶段：…」, several items run together on one line, continuation lines.
 * Items are never dropped: one that names no stage is returned with stage undefined.
 */
export function parseDuties(text: string): { items: DutyItem[]; preamble: string[] } {
  const lines = clean(text).split('\n').filter(Boolean);
  const raw: string[] = [];
  const preamble: string[] = [];
  for (const line of lines) {
    const numbered = NUMBERING.test(line);
    const labelled = LABEL_WORD.test(line.replace(NUMBERING, '').slice(0, 20));
    if (numbered || labelled) raw.push(line);
    else if (raw.length) raw[raw.length - 1] += line;
    else preamble.push(line);
  }
  const split = raw.flatMap((item) => item.split(/(?<=[。；;）)]|\s)\s*(?=(?:\d{1,2}\s*[.、．]\s*)[^：:\n（(]{1,12}?(?:责任|阶段|环节)?\s*(?:[（(][^）)]{1,30}[)）])?\s*[：:])|(?<=。)\s+(?=\d{1,2}\s*[.、．])/));
  const items = split.map((item): DutyItem => {
    const body = item.replace(NUMBERING, '').trim();
    const m = DUTY_LABEL.exec(body);
    const label = m?.[1]?.trim();
    if (!m || !label || !LABEL_WORD.test(body.slice(0, m[0].length)) || /[，,。；;]/.test(label)) {
      // 「其他法律法规规章文件规定应履行的责任」 is the catch-all stage even without a label.
      return /^其他.{0,20}规定.{0,6}责任|^法律.{0,16}规定.{0,6}其他.{0,4}责任/.test(body) ? { stage: '其他', duty: body, raw: item } : { duty: body, raw: item };
    }
    const owner = m[2]?.trim();
    const [unitName, post] = owner?.includes('·') ? owner.split('·') : [undefined, owner];
    return { stage: label, ...(post && post !== NO_POST ? { post } : {}), ...(unitName ? { unitName } : {}), duty: body.slice(m[0].length).trim(), raw: item };
  });
  return { items, preamble };
}

/** 实施对象 written as an enumeration: 「公民、法人或其他组织」, 「法人和其他组织」. */
export function parseTargets(text: string, known: readonly string[]): { targets: string[]; unknown: string[] } {
  const parts = clean(text)
    .replace(/或者|或|和|及|以及/g, '、')
    .split(/[、，,；;\s/]+/)
    .map((p) => p.trim())
    .filter(Boolean);
  const targets: string[] = [];
  const unknown: string[] = [];
  for (const p of parts) {
    if (known.includes(p)) {
      if (!targets.includes(p)) targets.push(p);
    } else unknown.push(p);
  }
  return { targets, unknown };
}
