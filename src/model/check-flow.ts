import type { FlowTemplate } from '../schema/flow-template.ts';
import { applies, dayRuleOf, factsOf, isWorkingDays, needsFacts, resolveLimits, sameProvision } from '../generators/flowchart/limits.ts';
import type { Report } from './findings.ts';
import type { PowerModel, StageTable } from './types.ts';

/**
 * Findings about a power's flowchart in law: the facts its template's branches need, a
 * self-enforcement path for an agency without enforcement power, and stage limits that contradict
 * the template's statutory limits without citing the special statute that sets them.
 */
export function checkPowerFlow(power: PowerModel, template: FlowTemplate, table: StageTable, report: Report) {
  const stageIndex = (name: string) => power.stages.findIndex((s) => s.stage === name);
  const lawName = (id: string) => power.basis.find((b) => b.law.id === id)?.law.short ?? power.stages.find((s) => s.basis?.law.id === id)?.basis?.law.short ?? id;

  if (needsFacts(template)) {
    if (!power.enforcement) {
      report(['enforcement'], 'enforcement-required', `${power.category.name}（${power.procedure.name}）须填写 enforcement：执行主体 by（本机关 或 人民法院）和义务类型 obligation（金钱给付、作为义务 或 拆除违法建筑物），流程图据此选择法定程序`);
      return;
    }
    if (power.enforcement.by === '本机关' && !power.enforcement.basis) {
      report(['enforcement', 'basis'], 'enforcement-basis-required', '执行主体为本机关时，须在 enforcement.basis 中引用授予本机关行政强制执行权的法律条款（《行政强制法》第十三条：行政强制执行由法律设定）；法律没有授权的，执行主体应为人民法院（第五十三条）');
    }
    if (power.enforcement.by === '人民法院') {
      // Articles that only the agency's own enforcement path cites (强制法 §§35–44 …) cannot be the
      // basis of a stage of an agency that must apply to the court.
      const facts = factsOf(power);
      const ownPath = template.nodes.filter((n) => n.when?.by && !applies(n.when, facts)).flatMap((n) => n.basis);
      const sharedPath = template.nodes.filter((n) => applies(n.when, facts)).flatMap((n) => n.basis);
      power.stages.forEach((stage) => {
        const b = stage.basis;
        if (!b) return;
        const ref = { law: b.law.id, article: b.article };
        if (ownPath.some((r) => sameProvision(r, ref)) && !sharedPath.some((r) => sameProvision(r, ref))) {
          report(
            ['stages', stageIndex(stage.stage), 'basis'],
            'self-enforcement-without-power',
            `本机关没有行政强制执行权（enforcement.by: 人民法院），环节「${stage.stage}」却依据《${b.law.short}》${b.article}自行强制执行：应依《行政强制法》第五十三条至第五十五条申请人民法院强制执行，请改正该环节的职责和依据`,
          );
        }
      });
    }
  } else if (power.enforcement) {
    report(['enforcement'], 'enforcement-unused', `enforcement 只用于行政强制执行事项，流程模板「${template.id}」不使用它：请删去`);
  }

  if (template.layout === 'linear') return;
  const nodes = template.nodes.filter((n) => applies(n.when, factsOf(power)));
  const { problems } = resolveLimits(nodes, power.stages.filter((s) => !s.isOther), table.dayCounting, lawName);
  for (const problem of problems) report(['stages', stageIndex(problem.stage), 'limit'], problem.rule, problem.message);

  power.stages.forEach((stage) => {
    const limit = stage.limit;
    if (!limit || !stage.basis || (limit.unit !== '工作日' && limit.unit !== '自然日')) return;
    const rule = dayRuleOf(table.dayCounting, stage.basis.law.id);
    if (!rule) return;
    const working = isWorkingDays(table.dayCounting, stage.basis.law.id, limit.amount);
    if (working !== (limit.unit === '工作日')) {
      report(
        ['stages', stageIndex(stage.stage), 'limit'],
        'stage-limit-day-type',
        `环节「${stage.stage}」的期限写作${limit.text}，但《${stage.basis.law.short}》${rule.article}规定该期限${working ? '是工作日' : '不是工作日（按日计算）'}：流程图按法律显示为${working ? `${limit.amount}个工作日` : `${limit.amount}日`}`,
      );
    }
  });
}
