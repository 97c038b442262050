import type { FlowTemplate } from '../../schema/flow-template.ts';
import type { Model } from '../../model/types.ts';
import type { FlowGraph } from './graph.ts';
import { toMermaid } from './mermaid-source.ts';
import { textSteps } from './text-steps.ts';

/** A flow template drawn on its own, grouped by stage, for the reference page of standard charts. */
export function templateFlowchart(model: Model, template: FlowTemplate) {
  const sources = (basis: { law: string; article: string }[]) => basis.map((b) => `《${model.laws.get(b.law)?.short ?? b.law}》${b.article}`);
  const stageOrder: string[] = [];
  for (const n of template.nodes) if (n.stage && !stageOrder.includes(n.stage)) stageOrder.push(n.stage);
  const graph: FlowGraph = {
    title: template.title,
    basis: template.basis,
    nodes: template.nodes.map((n) => ({ id: n.id, label: n.label, kind: n.kind, stage: n.stage, limit: n.limit, sources: sources(n.basis) })),
    edges: template.edges.map((e) => ({ from: e.from, to: e.to, label: e.label, sources: sources(e.basis) })),
    groups: stageOrder.map((stage, i) => ({ id: `G${i + 1}`, stage, title: stage, nodeIds: template.nodes.filter((n) => n.stage === stage).map((n) => n.id) })),
  };
  return { graph, mermaid: toMermaid(graph), steps: textSteps(graph) };
}
