import { formatLimit, type DayType, type TimeLimit } from '../lib/time-limit.ts';
import type { DayCountingRule } from '../schema/stage-table.ts';
import type { PowerModel } from '../model/types.ts';
import { dayRuleOf, isWorkingDays } from './flowchart/limits.ts';
import { formatArticleRef } from '../lib/article-ref-text.ts';
import { formatFeeLine } from '../lib/fee-text.ts';

/**
 * The 办事要点 of a power: what a member of the public asks first (how long, what it costs, where
 * to go, whom to call, on what legal basis), computed from the power, its stages and its
 * department. Pure: the card component only renders it.
 */
export interface ServiceSummary {
  /** 法定办结时限: the stated total_limit, else the sum of the stage limits where they add up. */
  statutory?: LimitLine & { from: 'total_limit' | 'stages'; basis?: string };
  /** 承诺办结时限, where the department promised one. */
  promised?: LimitLine;
  /** Each stage's limit, when the stages cannot be added up and no total is stated. */
  stageLimits: (LimitLine & { stage: string })[];
  /** 不收费 / 收费：…; absent for categories without a fee column and no fee stated. */
  fee?: string;
  /** 承办机构 and the service window with its address. */
  unit: string;
  service: { org: string; phone: string; address?: string };
  complaint: { org: string; phone: string };
  /** The legal basis in one line: 《法》第x条、第y条；《法》第z条. */
  basis: string;
}

export interface LimitLine {
  text: string;
  dayType?: DayType;
}

export function serviceSummary(power: PowerModel, rules: DayCountingRule[]): ServiceSummary {
  const line = (limit: TimeLimit, law?: string): LimitLine => ({ text: limit.text, dayType: dayTypeOf(limit, law, rules, power.category.dayType) });
  const total = power.totalLimit;
  const timed = power.stages.filter((s) => !s.isOther && s.limit).map((s) => ({ stage: s.stage, limit: s.limit!, line: line(s.limit!, s.basis?.law.id) }));
  const summed = total ? undefined : sumLimits(timed.map((t) => ({ limit: t.limit, dayType: t.line.dayType })));
  const statutory = total
    ? { ...line(total.statutory, total.basis?.law.id), from: 'total_limit' as const, basis: total.basis && formatArticleRef(total.basis.law.short, total.basis.article) }
    : summed && { ...summed, from: 'stages' as const };
  const { service, complaint } = power.department;
  return {
    statutory,
    promised: total?.promised && line(total.promised, total.basis?.law.id),
    stageLimits: statutory ? [] : timed.map((t) => ({ stage: t.stage, ...t.line })),
    fee: feeLine(power),
    unit: power.unit.name,
    service,
    complaint,
    basis: basisLine(power),
  };
}

/**
 * How a limit's days count: as written (工作日, 自然日); for a bare 日, by the day-counting rule of
 * the law that sets it (stages.yaml day_counting: 许可法第八十二条, 处罚法第八十五条, 强制法第六十九条),
 * else by the category's day_type. Hours, months and 当场 have no day type.
 */
export function dayTypeOf(limit: TimeLimit, law: string | undefined, rules: DayCountingRule[], categoryDayType: DayType): DayType | undefined {
  if (limit.unit === '工作日' || limit.unit === '自然日') return limit.unit;
  if (limit.unit !== '日') return undefined;
  if (dayRuleOf(rules, law)) return isWorkingDays(rules, law, limit.amount) ? '工作日' : '自然日';
  return categoryDayType;
}

/**
 * The sum of stage limits counted the same way (days of one day type, hours or months; 当场
 * stages add nothing). Undefined when there are none, or when they are counted differently
 * (5个工作日 and 30 calendar days cannot be added).
 */
export function sumLimits(limits: { limit: TimeLimit; dayType?: DayType }[]): LimitLine | undefined {
  if (limits.length === 0) return undefined;
  const counted = limits.filter((l) => l.limit.unit !== '当场');
  if (counted.length === 0) return { text: '当场办结' };
  const keys = new Set(counted.map((l) => l.dayType ?? l.limit.unit));
  if (keys.size > 1) return undefined;
  const amount = counted.reduce((n, l) => n + l.limit.amount, 0);
  const dayType = counted[0]!.dayType;
  return { text: formatLimit(amount, dayType ?? counted[0]!.limit.unit), dayType };
}

function feeLine(power: PowerModel): string | undefined {
  // Categories with a fee column must state one (rule fee-required); others may.
  return power.fee ? formatFeeLine(power.fee) : undefined;
}

/** Citations grouped by law, in the order first cited. */
export function basisLine(power: PowerModel): string {
  const byLaw = new Map<string, string[]>();
  for (const c of power.basis) {
    const articles = byLaw.get(c.law.short) ?? [];
    if (!articles.includes(c.article)) articles.push(c.article);
    byLaw.set(c.law.short, articles);
  }
  return [...byLaw].map(([law, articles]) => formatArticleRef(law, articles.join('、'))).join('；');
}

/** The time limit in a few characters: 30日（工作日）, 45个工作日, 见各环节期限, or — when none is set. */
export function limitSummaryText(power: PowerModel, rules: DayCountingRule[]): string {
  const summary = serviceSummary(power, rules);
  const s = summary.statutory;
  if (s) return s.text + (s.dayType && !s.text.includes(s.dayType) ? `（${s.dayType}）` : '');
  return summary.stageLimits.length ? '见各环节期限' : '—';
}
