import { parseChineseNumber } from './chinese-numerals.ts';

export type DayType = '工作日' | '自然日';
export type LimitUnit = DayType | '日' | '小时' | '月' | '当场';

/** A stage's time limit, parsed from `5个工作日`, `30日`, `当场` or `{ days, type }`. */
export interface TimeLimit {
  amount: number;
  unit: LimitUnit;
  /** How the limit is shown in the list, e.g. 20个工作日. */
  text: string;
}

const LIMIT_PATTERN = /^(\d+|[零〇一二两三四五六七八九十百]+)\s*(个)?\s*(工作日|自然日|日|天|小时|月)(内|以内)?$/;
const ON_THE_SPOT = new Set(['当场', '即时', '立即', '当场办结', '即办']);

export const LIMIT_HELP = '期限应写作「5个工作日」「30日」「24小时」「3个月」「当场」，或 { days: 5, type: 工作日 }，且不超过十年';

/**
 * The longest period a list states is a few years (追诉时效 of five years, 强制执行 deadlines);
 * anything past ten years is a typing error (99,999,999,999 days), not a statutory limit.
 */
export const MAX_LIMIT: Record<Exclude<LimitUnit, '当场'>, number> = { 工作日: 2500, 自然日: 3660, 日: 3660, 小时: 87_840, 月: 120 };

export function parseLimitText(raw: string): TimeLimit | undefined {
  const s = raw.replace(/\s+/g, '');
  if (ON_THE_SPOT.has(s)) return { amount: 0, unit: '当场', text: s };
  const m = LIMIT_PATTERN.exec(s);
  if (!m) return undefined;
  const amount = parseChineseNumber(m[1]!);
  if (amount === undefined || amount <= 0) return undefined;
  const unit = (m[3] === '天' ? '日' : m[3]) as Exclude<LimitUnit, '当场'>;
  if (amount > MAX_LIMIT[unit]) return undefined;
  return { amount, unit, text: formatLimit(amount, unit) };
}

export function formatLimit(amount: number, unit: LimitUnit): string {
  switch (unit) {
    case '当场':
      return '当场';
    case '工作日':
      return `${amount}个工作日`;
    case '自然日':
      return `${amount}个自然日`;
    case '日':
      return `${amount}日`;
    case '小时':
      return `${amount}小时`;
    case '月':
      return `${amount}个月`;
  }
}

export function limitFromObject(days: number, type: DayType): TimeLimit {
  return { amount: days, unit: type, text: formatLimit(days, type) };
}

/** A limit as written in a file: text (5个工作日, 30日, 当场) or { days, type }. */
export function limitFromValue(value: string | { days: number; type: DayType }): TimeLimit | undefined {
  return typeof value === 'string' ? parseLimitText(value) : limitFromObject(value.days, value.type);
}
