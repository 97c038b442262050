import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';
import { zodErrorMap } from '../model/zod-findings.ts';

/**
 * The search page's data, kept under content/search/ because officials may change it:
 * synonyms.yaml (what the public says → the list's own terms) and traditional.txt (traditional
 * characters → simplified). Both are optional; a bad file stops the build with a message in Chinese.
 */
export interface SearchData {
  /** [said, [official terms]]: longest first, so 安监局 is tried before 安监. */
  synonyms: [string, string[]][];
  /** Pairs of characters, traditional then simplified: 處处罰罚… */
  traditional: string;
  /**
   * Words of a question (怎么办理, 要多久, 多少钱…): when a query finds nothing as it is, they are
   * left out and the rest is searched again. Longest first.
   */
  questionWords: string[];
}

export const SYNONYMS_FILE = 'search/synonyms.yaml';
export const TRADITIONAL_FILE = 'search/traditional.txt';
export const QUESTION_WORDS_FILE = 'search/question-words.txt';

const synonymsSchema = z.record(
  z.string().trim().min(1, { error: '说法不能为空' }),
  z.array(z.string().trim().min(1, { error: '规范用语不能为空' }), { error: '右边应为规范用语的列表，例如 违建: [违法建设, 违法建筑]' }).min(1, { error: '至少列出一个规范用语' }),
  { error: '应为「说法: [规范用语, …]」的列表' },
);

export function readSearchData(contentDir: string): SearchData {
  return {
    synonyms: readSynonyms(join(contentDir, SYNONYMS_FILE)),
    traditional: readTraditional(join(contentDir, TRADITIONAL_FILE)),
    questionWords: readQuestionWords(join(contentDir, QUESTION_WORDS_FILE)),
  };
}

function readSynonyms(file: string): [string, string[]][] {
  if (!existsSync(file)) return [];
  let data: unknown;
  try {
    data = parse(readFileSync(file, 'utf8')) ?? {};
  } catch (error) {
    throw new Error(`content/${SYNONYMS_FILE}：不是有效的 YAML：${(error as Error).message}`);
  }
  const result = synonymsSchema.safeParse(data, { error: zodErrorMap });
  if (!result.success) {
    const issue = result.error.issues[0]!;
    throw new Error(`content/${SYNONYMS_FILE}：${issue.path.length ? `「${issue.path.join('.')}」：` : ''}${issue.message}`);
  }
  return Object.entries(result.data).sort((a, b) => b[0].length - a[0].length);
}

function readTraditional(file: string): string {
  return dataLines(file)
    .map(({ line, number }) => {
      const chars = [...line.replace(/\s+/g, '')];
      if (chars.length !== 2) throw new Error(`content/${TRADITIONAL_FILE}:${number}：每行应为两个字（繁体字在前，简体字在后），实际为「${line}」`);
      return chars.join('');
    })
    .join('');
}

function readQuestionWords(file: string): string[] {
  const words = dataLines(file).map(({ line, number }) => {
    // One character (吗, 的…) would be cut out of names too: 吗啡, 的士.
    if (/\s/.test(line) || [...line].length < 2) throw new Error(`content/${QUESTION_WORDS_FILE}:${number}：每行应为一个两个字以上、不含空格的提问用语，实际为「${line}」`);
    return line;
  });
  return [...new Set(words)].sort((a, b) => b.length - a.length);
}

/** The lines of a one-item-per-line data file (none if it is absent), without blank lines and # comments, with their line numbers. */
function dataLines(file: string): { line: string; number: number }[] {
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8')
    .split('\n')
    .map((raw, i) => ({ line: raw.trim(), number: i + 1 }))
    .filter(({ line }) => line && !line.startsWith('#'));
}
