const DIGITS: Record<string, number> = { 零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
const UNITS: Record<string, number> = { 十: 10, 百: 100, 千: 1000 };
const BIG_UNITS: Record<string, number> = { 万: 10_000, 亿: 100_000_000 };

/**
 * Parses a Chinese numeral as written in statutes (三十、二百、一千五百、十五、五万) or Arabic digits.
 * Returns undefined for anything that is not a number.
 */
export function parseChineseNumber(text: string): number | undefined {
  const s = text.trim();
  if (/^\d+(\.\d+)?$/.test(s)) return Number(s);
  if (s === '' || !/^[零〇一二两三四五六七八九十百千万亿]+$/.test(s)) return undefined;
  let total = 0;
  let section = 0;
  let digit = 0;
  for (const ch of s) {
    if (ch in DIGITS) {
      digit = DIGITS[ch]!;
    } else if (ch in UNITS) {
      section += (digit === 0 ? 1 : digit) * UNITS[ch]!;
      digit = 0;
    } else if (ch in BIG_UNITS) {
      total += (section + digit) * BIG_UNITS[ch]!;
      section = 0;
      digit = 0;
    }
  }
  return total + section + digit;
}

const SMALL = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/** Writes 1–9999 the way statutes number articles (十九, 一百零三). */
export function toChineseNumber(n: number): string {
  if (!Number.isInteger(n) || n < 0 || n > 9999) throw new RangeError(`cannot write ${n} in Chinese numerals`);
  if (n < 10) return SMALL[n]!;
  if (n < 20) return '十' + (n % 10 ? SMALL[n % 10] : '');
  const parts: string[] = [];
  const units = [[1000, '千'], [100, '百'], [10, '十']] as const;
  let rest = n;
  let pendingZero = false;
  for (const [value, name] of units) {
    const d = Math.floor(rest / value);
    rest %= value;
    if (d) {
      if (pendingZero) parts.push('零');
      parts.push(SMALL[d]! + name);
      pendingZero = false;
    } else if (parts.length) {
      pendingZero = true;
    }
  }
  if (rest) parts.push((pendingZero || (parts.length && n % 100 < 10) ? '零' : '') + SMALL[rest]);
  return parts.join('');
}
