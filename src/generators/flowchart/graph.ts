import type { FlowTemplate } from '../../schema/flow-template.ts';
import type { LawModel, Model, PowerModel } from '../../model/types.ts';

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
  limit?: string;
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

function sourceLabels(laws: Map<string, LawModel>, basis: Sources): string[] {
  return basis.map((b) => `《${laws.get(b.law)?.short ?? b.law}》${b.article}`);
}

/**
 * Fills a power's flow template with its own stages: nodes are grouped by stage under the post (or
 * unit) that owns it, and a stage's own time limit replaces the template's.
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
  if (template.layout === 'linear') return { ...linearGraph(template, stages, groupTitle), title: `${power.name}流程图` };

  const nodes: FlowGraphNode[] = template.nodes.map((n) => ({
    id: n.id,
    label: n.label,
    kind: n.kind,
    stage: n.stage,
    limit: n.limit,
    sources: sourceLabels(model.laws, n.basis),
  }));
  // A stage's own limit goes on the node the template marks for it (else the stage's first step);
  // the statutory limits on the other nodes (补正 within five days, hearing notices…) stay.
  for (const stage of stages) {
    if (!stage.limit) continue;
    const marked = template.nodes.find((n) => n.stage === stage.stage && n.stage_limit);
    const target = marked ?? template.nodes.find((n) => n.stage === stage.stage && n.kind === 'step');
    const node = target && nodes.find((n) => n.id === target.id);
    if (node) node.limit = stage.limit.text;
  }
  const groups: FlowGroup[] = [];
  const stageOrder = stages.map((s) => s.stage);
  for (const stageName of stageOrder) {
    const ids = nodes.filter((n) => n.stage === stageName).map((n) => n.id);
    if (ids.length) groups.push({ id: `G${groups.length + 1}`, stage: stageName, title: groupTitle(stageName), nodeIds: ids });
  }
  return {
    title: `${power.name}流程图`,
    basis: template.basis,
    nodes,
    edges: template.edges.map((e) => ({ from: e.from, to: e.to, label: e.label, sources: sourceLabels(model.laws, e.basis) })),
    groups,
  };
}

function linearGraph(template: FlowTemplate, stages: PowerModel['stages'], groupTitle: (s: string) => string): FlowGraph {
  const nodes: FlowGraphNode[] = [{ id: 'S0', label: '开始', kind: 'start', sources: [] }];
  const groups: FlowGroup[] = [];
  stages.forEach((stage, i) => {
    const id = `N${i + 1}`;
    nodes.push({
      id,
      label: stage.stage,
      kind: 'step',
      stage: stage.stage,
      limit: stage.limit?.text,
      sources: stage.basis ? [`《${stage.basis.law.short}》${stage.basis.article}`] : [],
    });
    groups.push({ id: `G${i + 1}`, stage: stage.stage, title: groupTitle(stage.stage), nodeIds: [id] });
  });
  nodes.push({ id: 'E0', label: '结束', kind: 'end', sources: [] });
  const edges = nodes.slice(1).map((n, i) => ({ from: nodes[i]!.id, to: n.id, sources: [] }));
  return { title: template.title, basis: template.basis, nodes, edges, groups };
}
