import type { FlowTemplate } from '../../schema/flow-template.ts';
import type { Model } from '../../model/types.ts';
import { selectBranches, type FlowGraph } from './graph.ts';
import type { PowerFacts } from './limits.ts';
import { toMermaid } from './mermaid-source.ts';
import { textSteps } from './text-steps.ts';

/**
 * A flow template drawn on its own, grouped by stage, for the reference page of standard charts:
 * every branch with the facts it depends on, or one variant when `facts` are given.
 */
export function templateFlowchart(model: Model, template: FlowTemplate, facts?: PowerFacts) {
  const { nodes, edges } = selectBranches(model, template, facts);
  const stageOrder: string[] = [];
  for (const n of nodes) if (n.stage && !stageOrder.includes(n.stage)) stageOrder.push(n.stage);
  const graph: FlowGraph = {
    title: template.title,
    basis: template.basis,
    nodes,
    edges,
    groups: stageOrder.map((stage, i) => ({ id: `G${i + 1}`, stage, title: stage, nodeIds: nodes.filter((n) => n.stage === stage).map((n) => n.id) })),
  };
  return { graph, mermaid: toMermaid(graph), steps: textSteps(graph) };
}
