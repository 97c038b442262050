import { toChineseNumber } from '../lib/chinese-numerals.ts';
import type { SearchData } from './search-data.ts';

/**
 * What a query means, independent of the search engine: the same normalisation is applied to the
 * query and to the text of each result, so that 處罰 finds 处罚, 第97条 finds 第九十七条, 《》 and
 * 中华人民共和国 are optional, and 违建 also finds 违法建设. Pure and browser-safe: the search page
 * and the unit tests use this one module.
 */
export interface Folding {
  traditional: Map<string, string>;
  /** Any one of the traditional characters (matchKey replaces them in one pass over long page texts). */
  traditionalChar: RegExp | undefined;
  synonyms: [string, string[]][];
  /** Question words in match-key form, longest first (see relaxQuery). */
  questionWords: string[];
}

export function folding(data: Pick<SearchData, 'synonyms' | 'traditional'> & Partial<SearchData>): Folding {
  const traditional = new Map<string, string>();
  const chars = [...data.traditional];
  for (let i = 0; i + 1 < chars.length; i += 2) traditional.set(chars[i]!, chars[i + 1]!);
  const traditionalChar = traditional.size ? new RegExp(`[${[...traditional.keys()].map(escapeClassChar).join('')}]`, 'gu') : undefined;
  const fold: Folding = { traditional, traditionalChar, synonyms: data.synonyms, questionWords: [] };
  fold.questionWords = [...new Set((data.questionWords ?? []).map((w) => matchKey(w, fold)).filter((w) => w.length >= 2))].sort((a, b) => b.length - a.length);
  return fold;
}

function escapeClassChar(ch: string): string {
  return /[\\\]\[^-]/.test(ch) ? `\\${ch}` : ch;
}

/** Anything that is not a letter or a digit: punctuation, brackets, marks, spaces. */
const NOT_WORD = /[^\p{L}\p{N}]+/gu;
const COUNTRY = /中华人民共和国/g;
const ARTICLE = /第\s*(\d{1,4})\s*(条|款|项|章|节)/g;

/**
 * Text in comparable form: compatibility forms folded (full-width digits and letters), traditional
 * characters to simplified, article numbers in Chinese numerals, 中华人民共和国 dropped, lower case,
 * and no punctuation or spaces.
 */
export function matchKey(text: string, fold: Folding): string {
  let s = text.normalize('NFKC');
  if (fold.traditionalChar) s = s.replace(fold.traditionalChar, (ch) => fold.traditional.get(ch)!);
  s = s.replace(ARTICLE, (_, n: string, unit: string) => {
    const value = Number(n);
    return value >= 1 && value <= 9999 ? `第${toChineseNumber(value)}${unit}` : `第${n}${unit}`;
  });
  return s.replace(COUNTRY, '').toLowerCase().replace(NOT_WORD, '');
}

export interface ParsedQuery {
  /** The words as typed (split at spaces), each in match-key form; all must match. */
  words: string[];
  /** Per word, the forms that count as the word: itself and its synonyms' official terms. */
  forms: string[][];
  /** Queries for the engine: the words, then once per synonym with its official term in place. */
  engineQueries: string[];
}

export function parseQuery(raw: string, fold: Folding): ParsedQuery {
  const words = raw
    .normalize('NFKC')
    .split(/\s+/)
    .map((w) => matchKey(w, fold))
    .filter(Boolean);
  const forms = words.map((word) => {
    const out = [word];
    for (const [said, official] of fold.synonyms) {
      const key = matchKey(said, fold);
      if (!key || !word.includes(key)) continue;
      for (const term of official) {
        const form = word.replace(key, matchKey(term, fold));
        if (!out.includes(form)) out.push(form);
      }
      // The longest synonym found decides (安监局 before 安监).
      break;
    }
    return out;
  });
  const engineQueries = [words.map(engineWord).join(' ')];
  forms.forEach((f, i) => {
    for (const form of f.slice(1)) engineQueries.push(words.map((w, j) => engineWord(j === i ? form : w)).join(' '));
  });
  return { words, forms, engineQueries: engineQueries.filter((q) => q) };
}

/**
 * A question typed whole (食品经营许可怎么办理, 办理烟花爆竹许可证要多久) without its question words
 * (content/search/question-words.txt), for a second search when it found nothing as it was:
 * the rest, and the words left out. Undefined when no question word is in it, or nothing else is.
 */
export function relaxQuery(raw: string, fold: Folding): { rest: string; dropped: string[] } | undefined {
  const dropped: string[] = [];
  const rest = raw
    .normalize('NFKC')
    .split(/\s+/)
    .map((w) => {
      let key = matchKey(w, fold);
      for (const word of fold.questionWords) {
        if (!key.includes(word)) continue;
        dropped.push(word);
        key = key.split(word).join(' ');
      }
      return key;
    })
    .join(' ')
    .trim()
    .replace(/\s+/g, ' ');
  return dropped.length && rest ? { rest, dropped } : undefined;
}

const ARTICLE_REFERENCE = /第[零一二三四五六七八九十百千]+[条款项章节]/g;

/**
 * A word as the engine is asked for it: an article reference stands apart from the law's name
 * (安全生产法 第九十七条), as it does on the pages (《安全生产法》第九十七条), so the engine cuts
 * both into the same words.
 */
function engineWord(word: string): string {
  return word.replace(ARTICLE_REFERENCE, ' $& ').trim().replace(/\s+/g, ' ');
}

let segmenter: Intl.Segmenter | undefined;

/** Words of a Chinese text as the browser's segmenter cuts them (the engine cuts queries the same way). */
export function segmentWords(text: string): string[] {
  // One segmenter for the page's life: making one loads the locale's data (costly on a slow phone).
  segmenter ??= new Intl.Segmenter('zh-CN', { granularity: 'word' });
  return [...segmenter.segment(text)].filter((s) => s.isWordLike !== false).map((s) => s.segment);
}

/**
 * The parts a word may match as, apart (matchTier's last tier): the segmenter's words, where a run
 * of single characters — the segmenter cuts words it does not know (瞒报, 乱扔) into characters —
 * is taken as two-character words (乱扔烟头 as 乱扔 烟头; most Chinese words have two), or whole
 * when its length is odd. Undefined when the word cannot match apart: it is one part, or a single
 * character stands alone (驾驶|证, 安全生产法第九十七|条): a character never matches on its own.
 */
export function wordParts(word: string): string[] | undefined {
  const parts: string[] = [];
  let run = '';
  for (const segment of [...segmentWords(word), '']) {
    if (segment.length === 1) {
      run += segment;
      continue;
    }
    if (run.length === 1) return undefined;
    if (run.length % 2 === 0) for (let i = 0; i < run.length; i += 2) parts.push(run.slice(i, i + 2));
    else parts.push(run);
    run = '';
    if (segment) parts.push(segment);
  }
  return parts.length > 1 ? parts : undefined;
}

/** A title without the qualifier in brackets at its end: 烟花爆竹经营（批发）许可证核发 stays whole. */
export function titleBase(title: string): string {
  return title.replace(/[（(][^（）()]*[）)]\s*$/, '');
}

/**
 * How well a result matches, best first; undefined if it does not match. Every word must occur in
 * the result, as a phrase or (for words the segmenter cuts into parts of two or more characters)
 * as all of those parts. Single characters never match on their own: 驾驶证 does not find 证.
 *   0 the title (or code, or the title without its bracketed qualifier: 市场主体登记（设立登记…）) is
 *   the query; 1 the title starts with it; 2 the title contains every
 *   word; 3 the text contains every word; 4 the text contains every part of every word.
 */
export function matchTier(query: ParsedQuery, title: string, text: string, code = '', titleBase = title): number | undefined {
  if (query.words.length === 0) return undefined;
  const titleKey = title;
  const phrases = query.forms.map((forms) => forms);
  const whole = query.forms.length === 1 ? query.forms[0]! : [query.words.join('')];
  if (whole.some((w) => w === titleKey || w === titleBase || (code && w === code))) return 0;
  if (whole.some((w) => titleKey.startsWith(w))) return 1;
  if (phrases.every((forms) => forms.some((f) => titleKey.includes(f)))) return 2;
  const all = titleKey + ' ' + text;
  if (phrases.every((forms) => forms.some((f) => all.includes(f)))) return 3;
  const byParts = phrases.every((forms) =>
    forms.some((f) => {
      if (all.includes(f)) return true;
      const parts = wordParts(f);
      return !!parts && parts.every((p) => all.includes(p));
    }),
  );
  return byParts ? 4 : undefined;
}
