import type { FlowTemplate } from '../../schema/flow-template.ts';
import type { LawModel, Model, PowerModel } from '../../model/types.ts';
import { amountText, applies, branchCondition, conditionText, factsOf, resolveLimits, stageAmount, type PowerFacts } from './limits.ts';
import { formatArticleRef } from '../../lib/article-ref-text.ts';

/** A flowchart ready to be written as Mermaid or read as text: template filled with a power's data. */
export interface FlowGraph {
  title: string;
  basis: string;
  nodes: FlowGraphNode[];
  edges: FlowGraphEdge[];
  /** Subgraphs, one per responsibility stage, titled with the stage and its post (or unit). */
  groups: FlowGroup[];
}

export interface FlowGraphNode {
  id: string;
  label: string;
  kind: 'start' | 'step' | 'decision' | 'end';
  stage?: string;
  /** The one limit that binds this step for this power: 二十个工作日内, 30日, 3个工作日. */
  limit?: string;
  /** The article(s) that set `limit` (also listed in `sources`). */
  limitSources?: string[];
  /** 《行政许可法》第三十二条 … */
  sources: string[];
}

export interface FlowGraphEdge {
  from: string;
  to: string;
  label?: string;
  sources: string[];
}

export interface FlowGroup {
  id: string;
  stage: string;
  title: string;
  nodeIds: string[];
}

type Sources = { law: string; article: string }[];

export function sourceLabels(laws: Map<string, LawModel>, basis: Sources): string[] {
  return basis.map((b) => formatArticleRef(laws.get(b.law)?.short ?? b.law, b.article));
}

const unique = (list: string[]) => [...new Set(list)];

/**
 * The template's nodes and edges that apply to these facts (all of them when `facts` is undefined),
 * with extension nodes no statute provides removed and each node's binding limit attached.
 */
export function selectBranches(model: Model, template: FlowTemplate, facts: PowerFacts, power?: PowerModel) {
  const lawName = (id: string) => model.laws.get(id)?.short ?? id;
  const kept = template.nodes.filter((n) => applies(n.when, facts));
  const stages = power ? power.stages.filter((s) => !s.isOther) : [];
  const { limits, dropped } = resolveLimits(kept, stages, model.stageTable.dayCounting, lawName);
  const nodes: FlowGraphNode[] = kept
    .filter((n) => !dropped.has(n.id))
    .map((n) => {
      const limit = limits.get(n.id);
      const limitSources = limit ? sourceLabels(model.laws, limit.basis) : undefined;
      return {
        id: n.id,
        label: n.label,
        kind: n.kind,
        stage: n.stage,
        limit: limit?.text,
        limitSources,
        sources: unique([...sourceLabels(model.laws, n.basis), ...(limitSources ?? [])]),
      };
    });
  const ids = new Set(nodes.map((n) => n.id));
  const edges: FlowGraphEdge[] = template.edges
    .filter((e) => applies(e.when, facts) && ids.has(e.from) && ids.has(e.to))
    .map((e) => {
      // Drawn whole, a template names the facts each branch depends on.
      const whenOf = (id: string) => template.nodes.find((n) => n.id === id)?.when;
      const condition = facts === undefined ? conditionText(branchCondition(e.when, whenOf(e.from), whenOf(e.to))) : '';
      const label = [condition, e.label].filter(Boolean).join('：') || undefined;
      return { from: e.from, to: e.to, label, sources: sourceLabels(model.laws, e.basis) };
    });
  return { nodes, edges };
}

/**
 * Fills a power's flow template with its own stages: the branches its facts select, nodes grouped
 * by stage under the post (or unit) that owns it, and on each node the one limit that binds.
 */
export function buildFlowGraph(model: Model, power: PowerModel): FlowGraph {
  const template = model.flows.get(power.procedure.flow);
  if (!template) throw new Error(`flow template ${power.procedure.flow} missing for ${power.code}`);
  const stages = power.stages.filter((s) => !s.isOther);
  const groupTitle = (stageName: string) => {
    const stage = stages.find((s) => s.stage === stageName);
    if (!stage) return stageName;
    const owner = stage.post ?? stage.unit.name;
    const otherUnit = stage.unit.id !== power.unit.id ? `${stage.unit.name}·` : '';
    return `${stageName}（${otherUnit}${owner}）`;
  };
  // Every power's chart is named after the power (its SVG title and Mermaid accTitle).
  if (template.layout === 'linear') return { ...linearGraph(model, template, stages, groupTitle), title: `${power.name}流程图` };

  const { nodes, edges } = selectBranches(model, template, factsOf(power), power);
  const groups: FlowGroup[] = [];
  for (const stageName of stages.map((s) => s.stage)) {
    const ids = nodes.filter((n) => n.stage === stageName).map((n) => n.id);
    if (ids.length) groups.push({ id: `G${groups.length + 1}`, stage: stageName, title: groupTitle(stageName), nodeIds: ids });
  }
  return { title: `${power.name}流程图`, basis: template.basis, nodes, edges, groups };
}

function linearGraph(model: Model, template: FlowTemplate, stages: PowerModel['stages'], groupTitle: (s: string) => string): FlowGraph {
  const nodes: FlowGraphNode[] = [{ id: 'S0', label: '开始', kind: 'start', sources: [] }];
  const groups: FlowGroup[] = [];
  stages.forEach((stage, i) => {
    const id = `N${i + 1}`;
    const sources = stage.basis ? [formatArticleRef(stage.basis.law.short, stage.basis.article)] : [];
    // No national procedure here: a stage's limit is the power's own, shown with the stage's article.
    const limit = stage.limit && amountText(stageAmount(stage.limit, stage.basis?.law.id, model.stageTable.dayCounting));
    nodes.push({
      id,
      label: stage.stage,
      kind: 'step',
      stage: stage.stage,
      limit,
      limitSources: limit ? sources : undefined,
      sources,
    });
    groups.push({ id: `G${i + 1}`, stage: stage.stage, title: groupTitle(stage.stage), nodeIds: [id] });
  });
  nodes.push({ id: 'E0', label: '结束', kind: 'end', sources: [] });
  const edges = nodes.slice(1).map((n, i) => ({ from: nodes[i]!.id, to: n.id, sources: [] }));
  return { title: template.title, basis: template.basis, nodes, edges, groups };
}
