import { parseChineseNumber } from './chinese-numerals.ts';

/**
 * A fine range as a statute states it: an amount in 元 (处一万元以上五万元以下的罚款) or a multiple
 * of a base (违法所得一倍以上五倍以下, 货值金额十倍以上二十倍以下).
 */
export interface PenaltyRange {
  kind: 'amount' | 'multiple' | 'percent';
  /** For amounts set per unit (每平方米100元以上1000元以下): the unit. */
  per?: string;
  /** Undefined when only an upper bound is given (处十万元以下). */
  min?: number;
  /** Undefined when only a lower bound is given (处五万元以上). */
  max?: number;
  /** For multiples: what is multiplied (违法所得, 货值金额…). */
  base?: string;
  /** The words the range was read from. */
  text: string;
}

const NUM = '[0-9０-９.．]+|[零〇一二两三四五六七八九十百千万亿]+';
const AMOUNT = `(${NUM})\\s*(万元|千元|百元|元)`;
const MULTIPLE = `(${NUM})\\s*倍`;
const PERCENT = `(?:百分之(${NUM})|(${NUM})\\s*[%％])`;
const PER = /每(平方米|亩|公顷|吨|公斤|千克|件|台|辆|日|天|次|人|立方米)$/;

function toNumber(text: string): number | undefined {
  const t = text.replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0)).replace('．', '.');
  return parseChineseNumber(t);
}

function amountOf(n: string, unit: string): number | undefined {
  const v = toNumber(n);
  if (v === undefined) return undefined;
  return v * ({ 万元: 10_000, 千元: 1_000, 百元: 100, 元: 1 } as Record<string, number>)[unit]!;
}

const parsed = new Map<string, readonly PenaltyRange[]>();

/**
 * Every fine range in a text, in order: 以上…以下, 以下, 以上 — in 元 and in multiples. Thousands
 * of powers quote the same penalty articles, so results are kept by text (read-only).
 */
export function parsePenaltyRanges(text: string): readonly PenaltyRange[] {
  let ranges = parsed.get(text);
  if (!ranges) {
    if (parsed.size > 10_000) parsed.clear();
    ranges = Object.freeze(readPenaltyRanges(text));
    parsed.set(text, ranges);
  }
  return ranges;
}

function readPenaltyRanges(text: string): PenaltyRange[] {
  const s = text.replace(/\s+/g, '');
  const ranges: { at: number; range: PenaltyRange }[] = [];
  const taken: [number, number][] = [];
  const free = (a: number, b: number) => !taken.some(([x, y]) => a < y && b > x);
  const add = (m: RegExpExecArray, range: PenaltyRange) => {
    if (!free(m.index, m.index + m[0].length)) return;
    // 货值金额一万元以上的，… is a condition, not a penalty: penalties are followed by 罚款, not 的，.
    if (/^的[，,；;、]/.test(s.slice(m.index + m[0].length))) return;
    if (range.base) range.base = range.base.replace(/^(?:可以)?并?处以?/, '') || undefined;
    const per = PER.exec(s.slice(Math.max(0, m.index - 4), m.index))?.[1];
    if (per && range.kind === 'amount') range.per = per;
    taken.push([m.index, m.index + m[0].length]);
    ranges.push({ at: m.index, range });
  };
  for (const m of s.matchAll(new RegExp(`${AMOUNT}以上(?:不满|不足)?${AMOUNT}以下`, 'g'))) {
    add(m, { kind: 'amount', min: amountOf(m[1]!, m[2]!), max: amountOf(m[3]!, m[4]!), text: m[0] });
  }
  for (const m of s.matchAll(new RegExp(`(违法所得|货值金额|违法生产经营的[^，。；]{0,12}货值金额|[^，。；：、]{0,10}(?:金额|费用|价款|所得|收入|罚款))?${MULTIPLE}以上${MULTIPLE}以下`, 'g'))) {
    add(m, { kind: 'multiple', min: toNumber(m[2]!), max: toNumber(m[3]!), base: m[1] || undefined, text: m[0] });
  }
  for (const m of s.matchAll(new RegExp(`([^，。；：、]{0,12}?的?)${PERCENT}以上${PERCENT}以下`, 'g'))) {
    add(m, { kind: 'percent', min: toNumber(m[2] ?? m[3]!), max: toNumber(m[4] ?? m[5]!), base: m[1]?.replace(/的$/, '') || undefined, text: m[0] });
  }
  for (const m of s.matchAll(new RegExp(`([^，。；：、]{0,12}?的?)${PERCENT}以下`, 'g'))) {
    add(m, { kind: 'percent', max: toNumber(m[2] ?? m[3]!), base: m[1]?.replace(/的$/, '') || undefined, text: m[0] });
  }
  for (const m of s.matchAll(new RegExp(`${AMOUNT}以下`, 'g'))) add(m, { kind: 'amount', max: amountOf(m[1]!, m[2]!), text: m[0] });
  for (const m of s.matchAll(new RegExp(`${AMOUNT}以上`, 'g'))) add(m, { kind: 'amount', min: amountOf(m[1]!, m[2]!), text: m[0] });
  for (const m of s.matchAll(new RegExp(`(违法所得|货值金额)?${MULTIPLE}以下`, 'g'))) add(m, { kind: 'multiple', max: toNumber(m[2]!), base: m[1] || undefined, text: m[0] });
  return ranges.sort((a, b) => a.at - b.at).map((r) => r.range);
}

/** Ranges can only be compared when they measure the same thing (元, 元 per 平方米, 倍, 百分之). */
export function comparable(a: PenaltyRange, b: PenaltyRange): boolean {
  return a.kind === b.kind && a.per === b.per;
}

/** Whether a band lies inside a statutory range of the same kind. */
export function rangeWithin(band: PenaltyRange, statutory: PenaltyRange): boolean {
  if (!comparable(band, statutory)) return false;
  const lo = band.min ?? 0;
  const hi = band.max ?? Infinity;
  return lo >= (statutory.min ?? 0) && hi <= (statutory.max ?? Infinity) && lo <= hi;
}

export function describeRange(r: PenaltyRange): string {
  const unit = r.kind === 'amount' ? '元' : r.kind === 'multiple' ? '倍' : '%';
  const fmt = (n: number) => (r.kind === 'amount' ? n.toLocaleString('zh-CN') : String(n));
  const prefix = `${r.base ?? ''}${r.per ? `每${r.per}` : ''}`;
  if (r.min !== undefined && r.max !== undefined) return `${prefix}${fmt(r.min)}${unit}以上${fmt(r.max)}${unit}以下`;
  if (r.max !== undefined) return `${prefix}${fmt(r.max)}${unit}以下`;
  return `${prefix}${fmt(r.min ?? 0)}${unit}以上`;
}
