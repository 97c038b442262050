import { toChineseNumber } from '../../lib/chinese-numerals.ts';

/**
 * Text metrics for the chart's own layout. Every chart is drawn in one size (13 px, 9.75 pt at
 * print scale 1), so its width can be known without a font: CJK characters and full-width
 * punctuation are one em wide in every CJK font; Latin letters and digits are taken at 0.6 em,
 * wider than their real width in Noto Sans CJK, PingFang and YaHei, so a line never overflows.
 */
export const FONT_SIZE = 13;
export const LINE_HEIGHT = 14;

function charWidth(code: number): number {
  return (code >= 0x20 && code <= 0x7e) || (code >= 0xa0 && code <= 0x2ff) ? 0.6 * FONT_SIZE : FONT_SIZE;
}

export function textWidth(text: string): number {
  let width = 0;
  for (const ch of text) width += charWidth(ch.codePointAt(0)!);
  return width;
}

/** Characters a line must not start with (Chinese line-breaking rules, GB/T 15834 punctuation). */
const NO_LINE_START = /[，。、；：？！）》」』〉’”％,.;:?!)\]…—]/;
/** Characters a line must not end with. */
const NO_LINE_END = /[（《「『〈‘“([]/;

const wrapped = new Map<string, string[]>();

/**
 * Wraps text into lines no wider than `width` px, keeping punctuation with its word. Charts of one
 * template repeat the same labels and citations thousands of times: each is wrapped once.
 */
export function wrapText(text: string, width: number): string[] {
  const key = `${width}\0${text}`;
  let lines = wrapped.get(key);
  if (!lines) {
    lines = wrap(text, width);
    if (wrapped.size > 200_000) wrapped.clear();
    wrapped.set(key, lines);
  }
  return lines;
}

function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  let used = 0;
  let last = '';
  for (const ch of text) {
    const w = charWidth(ch.codePointAt(0)!);
    if (line && used + w > width && !NO_LINE_START.test(ch)) {
      // Carry an opening bracket over to the next line with what it opens.
      if (NO_LINE_END.test(last) && line.length > last.length) {
        lines.push(line.slice(0, -last.length));
        line = last;
        used = charWidth(last.codePointAt(0)!);
      } else {
        lines.push(line);
        line = '';
        used = 0;
      }
    }
    line += ch;
    used += w;
    last = ch;
  }
  if (line) lines.push(line);
  return lines.length ? lines : [''];
}

/**
 * One number style in a chart: statutes write counts and periods in Chinese numerals
 * (「五个工作日内」), so limits written with digits (「5个工作日」) are shown the same way.
 * Decimals and numbers beyond 9999 are left as written.
 */
export function statuteNumerals(text: string): string {
  return text.replace(/(?<![\d.])\d{1,4}(?![\d.])/g, (digits) => toChineseNumber(Number(digits)));
}

/** Escapes text for SVG/XML content and attribute values. */
export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}
