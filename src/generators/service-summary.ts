import { formatLimit, limitDayType, limitKey, type DayType, type TimeLimit } from '../lib/time-limit.ts';
import type { PowerModel } from '../model/types.ts';

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

export function serviceSummary(power: PowerModel): ServiceSummary {
  const dayType = power.category.dayType;
  const line = (limit: TimeLimit): LimitLine => ({ text: limit.text, dayType: limitDayType(limit, dayType) });
  const total = power.totalLimit;
  const timed = power.stages.filter((s) => !s.isOther && s.limit).map((s) => ({ stage: s.stage, limit: s.limit! }));
  const summed = total ? undefined : sumLimits(timed.map((t) => t.limit), dayType);
  const statutory = total
    ? { ...line(total.statutory), from: 'total_limit' as const, basis: total.basis && `《${total.basis.law.short}》${total.basis.article}` }
    : summed && { ...summed, from: 'stages' as const };
  const { service, complaint } = power.department;
  return {
    statutory,
    promised: total?.promised && line(total.promised),
    stageLimits: statutory ? [] : timed.map((t) => ({ stage: t.stage, ...line(t.limit) })),
    fee: feeLine(power),
    unit: power.unit.name,
    service,
    complaint,
    basis: basisLine(power),
  };
}

/**
 * The sum of stage limits counted the same way (days of one day type, hours or months; 当场
 * stages add nothing). Undefined when there are none, or when they are counted differently
 * (5个工作日 and 30日 of a category counted in calendar days cannot be added).
 */
export function sumLimits(limits: TimeLimit[], categoryDayType: DayType): LimitLine | undefined {
  if (limits.length === 0) return undefined;
  const counted = limits.filter((l) => l.unit !== '当场');
  if (counted.length === 0) return { text: '当场办结' };
  const keys = new Set(counted.map((l) => limitKey(l, categoryDayType)));
  if (keys.size > 1) return undefined;
  const amount = counted.reduce((n, l) => n + l.amount, 0);
  const dayType = limitDayType(counted[0]!, categoryDayType);
  return { text: formatLimit(amount, dayType ?? counted[0]!.unit), dayType };
}

function feeLine(power: PowerModel): string | undefined {
  // Categories with a fee column must state one (rule fee-required); others may.
  if (!power.fee) return undefined;
  if (!power.fee.charged) return '不收费';
  return `收费。标准：${power.fee.standard}；依据：${power.fee.basis}`;
}

/** Citations grouped by law, in the order first cited. */
export function basisLine(power: PowerModel): string {
  const byLaw = new Map<string, string[]>();
  for (const c of power.basis) {
    const articles = byLaw.get(c.law.short) ?? [];
    if (!articles.includes(c.article)) articles.push(c.article);
    byLaw.set(c.law.short, articles);
  }
  return [...byLaw].map(([law, articles]) => `《${law}》${articles.join('、')}`).join('；');
}

/** The time limit in a few characters: 30日（工作日）, 45个工作日, 见各环节期限, or — when none is set. */
export function limitSummaryText(power: PowerModel): string {
  const summary = serviceSummary(power);
  const s = summary.statutory;
  if (s) return s.text + (s.dayType && !s.text.includes(s.dayType) ? `（${s.dayType}）` : '');
  return summary.stageLimits.length ? '见各环节期限' : '—';
}
