import type { Model, PowerModel } from '../../model/types.ts';
import { buildFlowGraph, type FlowGraph } from './graph.ts';
import { toMermaid } from './mermaid-source.ts';
import { textSteps, type TextStep } from './text-steps.ts';

export interface PowerFlowchart {
  graph: FlowGraph;
  mermaid: string;
  steps: TextStep[];
}

/** Everything the site shows for a power's flowchart except the SVG, which the renderer adds. */
export function buildPowerFlowchart(model: Model, power: PowerModel): PowerFlowchart {
  const graph = buildFlowGraph(model, power);
  return { graph, mermaid: toMermaid(graph), steps: textSteps(graph) };
}

export { buildFlowGraph, toMermaid, textSteps };
export type { FlowGraph, TextStep };
