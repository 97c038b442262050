import type { FlowCondition, FlowNode, FlowTemplate } from '../../schema/flow-template.ts';
import type { DayCountingRule } from '../../schema/stage-table.ts';
import { parseChineseNumber } from '../../lib/chinese-numerals.ts';
import { parseArticleReference } from '../../lib/statute.ts';
import type { TimeLimit } from '../../lib/time-limit.ts';
import type { PowerModel, ResolvedStage } from '../../model/types.ts';
import { formatArticleRef } from '../../lib/article-ref-text.ts';

/** The facts of a power that pick a template's branches; undefined = the template drawn whole. */
export type PowerFacts = { by?: string; obligation?: string } | undefined;

export function factsOf(power: PowerModel): PowerFacts {
  return power.enforcement ? { by: power.enforcement.by, obligation: power.enforcement.obligation } : {};
}

/** Whether a node or edge with this condition belongs on the chart for these facts. */
export function applies(when: FlowCondition | undefined, facts: PowerFacts): boolean {
  if (!when || facts === undefined) return true;
  if (when.by && !(facts.by !== undefined && (when.by as string[]).includes(facts.by))) return false;
  if (when.obligation && !(facts.obligation !== undefined && (when.obligation as string[]).includes(facts.obligation))) return false;
  return true;
}

/** Whether a template uses branches that need the power's facts. */
export function needsFacts(template: FlowTemplate): boolean {
  return [...template.nodes, ...template.edges].some((x) => x.when !== undefined);
}

/** The condition of a branch as a whole template shows it: the edge's own, plus what its target adds to its source's. */
export function branchCondition(edge: FlowCondition | undefined, from: FlowCondition | undefined, to: FlowCondition | undefined): FlowCondition | undefined {
  const merged: FlowCondition = { ...edge };
  for (const key of ['by', 'obligation'] as const) {
    const target = to?.[key];
    if (target && merged[key] === undefined && JSON.stringify(target) !== JSON.stringify(from?.[key])) (merged as Record<string, unknown>)[key] = target;
  }
  return Object.keys(merged).length ? merged : undefined;
}

/** 条件 text shown on a branch of the template drawn whole: 「无强制执行权」「金钱给付义务」. */
export function conditionText(when: FlowCondition | undefined): string {
  if (!when) return '';
  const parts: string[] = [];
  if (when.by) parts.push(when.by.map((b) => (b === '本机关' ? '有强制执行权' : '无强制执行权、申请法院执行')).join('或'));
  const obligation: Record<string, string> = { 金钱给付: '金钱给付义务', 作为义务: '作为义务', 拆除违法建筑物: '强制拆除违法建筑物' };
  if (when.obligation) parts.push(when.obligation.map((o) => obligation[o] ?? o).join('或'));
  return parts.join('，');
}

type Ref = { law: string; article: string };

/** Whether a rule of `law` (许可法 §82, 处罚法 §85, 强制法 §69) makes an N-day limit working days. */
export function isWorkingDays(rules: DayCountingRule[], law: string | undefined, days: number): boolean {
  const rule = law === undefined ? undefined : rules.find((r) => r.law === law);
  if (!rule) return false;
  if (rule.working_days === 'all') return true;
  if (rule.working_days?.includes(days)) return true;
  return rule.working_days_up_to !== undefined && days <= rule.working_days_up_to;
}

/** The rule that decides the day type of a limit set by `law`, if any (for the finding that cites it). */
export function dayRuleOf(rules: DayCountingRule[], law: string | undefined): DayCountingRule | undefined {
  return rules.find((r) => r.law === law);
}

export interface Amount {
  amount: number;
  /** 工作日 or 日 for days; 小时, 月, 当场 as written. */
  unit: '工作日' | '日' | '小时' | '月' | '当场';
}

/** A stage's limit in the day type its statute gives it: 5个工作日, 30日, 3个月. */
export function stageAmount(limit: TimeLimit, law: string | undefined, rules: DayCountingRule[]): Amount {
  if (limit.unit === '工作日') return { amount: limit.amount, unit: '工作日' };
  if (limit.unit === '日' || limit.unit === '自然日') return { amount: limit.amount, unit: isWorkingDays(rules, law, limit.amount) ? '工作日' : '日' };
  return { amount: limit.amount, unit: limit.unit };
}

export function amountText(a: Amount): string {
  switch (a.unit) {
    case '当场':
      return '当场';
    case '工作日':
      return `${a.amount}个工作日`;
    case '日':
      return `${a.amount}日`;
    case '小时':
      return `${a.amount}小时`;
    case '月':
      return `${a.amount}个月`;
  }
}

const ON_THE_SPOT = /^(当场|即时|立即)/;
const TEMPLATE_LIMIT = /^(?:不超过)?([零〇一二两三四五六七八九十百\d]+)(?:个)?(工作日|日|小时|月)(?:内|以内|前)?$/;

/** Reads a template's statutory limit text (二十个工作日内, 七个工作日前, 三个月内, 当场). */
export function templateAmount(text: string): Amount | undefined {
  if (ON_THE_SPOT.test(text)) return { amount: 0, unit: '当场' };
  const m = TEMPLATE_LIMIT.exec(text);
  if (!m) return undefined;
  const amount = parseChineseNumber(m[1]!);
  return amount === undefined ? undefined : { amount, unit: m[2] as Amount['unit'] };
}

const sameAmount = (a: Amount | undefined, b: Amount | undefined) => Boolean(a && b && a.amount === b.amount && a.unit === b.unit);
/** Whether `a` keeps within the statutory limit `b`: the same unit and no longer, or on the spot. */
const withinAmount = (a: Amount, b: Amount | undefined) => Boolean(b && (a.unit === '当场' || (a.unit === b.unit && a.amount <= b.amount)));

/** Whether two references name the same provision, one possibly more precisely (第三十二条 / 第三十二条第一款第四项). */
export function sameProvision(a: Ref, b: Ref): boolean {
  if (a.law !== b.law) return false;
  const ra = parseArticleReference(a.article);
  const rb = parseArticleReference(b.article);
  if (!ra || !rb || ra.article !== rb.article) return false;
  if (ra.paragraph !== undefined && rb.paragraph !== undefined && ra.paragraph !== rb.paragraph) return false;
  if (ra.item !== undefined && rb.item !== undefined && ra.item !== rb.item) return false;
  return true;
}

/** The limit a node shows and the article(s) that set it. */
export interface BoundLimit {
  text: string;
  basis: Ref[];
}

/** Why a power's stage limit cannot be placed on its chart (reported by validation). */
export interface LimitProblem {
  stage: string;
  rule: 'stage-limit-uncited' | 'stage-limit-contradicts-article' | 'stage-limit-conflict';
  message: string;
}

export interface ResolvedLimits {
  limits: Map<string, BoundLimit>;
  /** Extension nodes that no statute provides for this power. */
  dropped: Set<string>;
  problems: LimitProblem[];
}

const refText = (laws: (id: string) => string, refs: Ref[]) => refs.map((r) => formatArticleRef(laws(r.law), r.article)).join('、');

/**
 * One rule for limits. Each template node keeps the statutory limit it carries, with that limit's
 * article, unless the power states its own limit for a stage the general limit covers: then a
 * general limit (one that yields to 「法律、法规另有规定」) gives way to the special statute's limit,
 * shown with the special article on the stage's node, and the general extension goes with it
 * unless the special statute provides its own. A node never shows two limits.
 */
export function resolveLimits(
  nodes: FlowNode[],
  stages: ResolvedStage[],
  rules: DayCountingRule[],
  lawName: (id: string) => string,
): ResolvedLimits {
  const limits = new Map<string, BoundLimit>();
  for (const n of nodes) if (n.limit) limits.set(n.id, { text: n.limit.text, basis: n.limit.basis });
  const dropped = new Set<string>();
  const problems: LimitProblem[] = [];
  // Extensions are not limits of their own: they stand or fall with the limit they extend.
  const covers = (n: FlowNode, stage: string) => Boolean(n.limit && !n.extends && (n.limit.period ?? [n.stage]).includes(stage));
  const extensionOf = (base: string) => nodes.filter((n) => n.extends === base);
  const targetFor = (stage: string) =>
    nodes.find((n) => n.stage === stage && n.stage_limit) ?? nodes.find((n) => n.stage === stage && n.kind === 'step') ?? nodes.find((n) => n.stage === stage);

  for (const stage of stages) {
    if (!stage.limit || stage.isOther) continue;
    const basis = stage.basis ? { law: stage.basis.law.id, article: stage.basis.article } : undefined;
    const own = stageAmount(stage.limit, basis?.law, rules);
    const shown = amountText(own);
    const candidates = nodes.filter((n) => covers(n, stage.stage));
    const cited = basis ? candidates.filter((n) => n.limit!.basis.some((b) => sameProvision(b, basis))) : [];
    if (cited.length) {
      // The stage restates one of the template's own statutory limits, or commits to less time
      // than it (承诺时限): the chart shows the statute's limit in the statute's wording.
      if (!cited.some((n) => withinAmount(own, templateAmount(n.limit!.text)))) {
        problems.push({
          stage: stage.stage,
          rule: 'stage-limit-contradicts-article',
          message: `环节「${stage.stage}」的期限「${shown}」与所引${refText(lawName, [basis!])}规定的「${cited.map((n) => n.limit!.text).join('」「')}」不符（承诺时限只能短于法定期限）：请改正期限，或引用设定该期限的条款`,
        });
      }
      continue;
    }
    const general = candidates.filter((n) => n.limit!.yields);
    const fixed = candidates.filter((n) => !n.limit!.yields);
    if (!basis) {
      // The statute's own limit, or a shorter commitment (承诺时限): the statute's limit is shown.
      if (candidates.some((n) => withinAmount(own, templateAmount(n.limit!.text)))) continue;
      if (candidates.length) {
        problems.push({
          stage: stage.stage,
          rule: 'stage-limit-uncited',
          message: `环节「${stage.stage}」的期限「${shown}」与流程图模板的法定期限「${candidates[0]!.limit!.text}」（${refText(lawName, candidates[0]!.limit!.basis)}）不同，但没有引用设定特别期限的条款：请在该环节的 basis 中填写`,
        });
        continue;
      }
    }
    if (fixed.length && !general.length) {
      // The same limit as the statute's own (当场 under 处罚法 §51 cited as §52): the template's article stays.
      if (fixed.some((n) => sameAmount(templateAmount(n.limit!.text), own))) continue;
      const f = fixed[0]!;
      problems.push({
        stage: stage.stage,
        rule: 'stage-limit-conflict',
        message: `环节「${stage.stage}」的期限「${shown}」与${refText(lawName, f.limit!.basis)}规定的「${f.limit!.text}」（不允许其他法律另行规定）冲突：请核对该环节的期限和依据`,
      });
      continue;
    }
    // The special statute's limit binds: general limits covering this stage and their extensions go.
    for (const g of general) {
      limits.delete(g.id);
      for (const ext of extensionOf(g.id)) {
        if (stage.extension) {
          limits.set(ext.id, {
            text: amountText(stageAmount(stage.extension.limit, stage.extension.basis.law.id, rules)),
            basis: [{ law: stage.extension.basis.law.id, article: stage.extension.basis.article }],
          });
        } else {
          limits.delete(ext.id);
          dropped.add(ext.id);
        }
      }
    }
    const target = targetFor(stage.stage);
    if (!target) continue;
    if (limits.has(target.id)) {
      problems.push({
        stage: stage.stage,
        rule: 'stage-limit-conflict',
        message: `环节「${stage.stage}」的期限「${shown}」无处显示：模板中该环节的节点「${target.label}」已有法定期限「${limits.get(target.id)!.text}」`,
      });
      continue;
    }
    const extended = stage.extension && !general.some((g) => extensionOf(g.id).length);
    if (extended) {
      // The special statute provides an extension the template has no step for: it goes with the limit.
      const ext = stage.extension!;
      const extRef = { law: ext.basis.law.id, article: ext.basis.article };
      const refs = basis && sameProvision(basis, extRef) ? [basis] : [...(basis ? [basis] : []), extRef];
      limits.set(target.id, { text: `${shown}，经批准可延长${amountText(stageAmount(ext.limit, extRef.law, rules))}`, basis: refs });
    } else {
      limits.set(target.id, { text: shown, basis: basis ? [basis] : [] });
    }
  }
  return { limits, dropped, problems };
}
