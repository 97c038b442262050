import type { FlowGraph } from './graph.ts';
import { nodeLabel } from './mermaid-source.ts';

/** One step of the flowchart's text equivalent, for screen readers and print. */
export interface TextStep {
  number: number;
  group?: string;
  text: string;
  sources: string[];
  /** Where the chart goes next: 「是 → 受理」. */
  next: string[];
}

/** The chart as ordered steps: nodes in the order a reader walks them from the start. */
export function textSteps(graph: FlowGraph): TextStep[] {
  const byId = new Map(graph.nodes.map((n) => [n.id, n]));
  const groupOf = new Map(graph.groups.flatMap((g) => g.nodeIds.map((id) => [id, g.title] as const)));
  const outgoing = new Map<string, FlowGraph['edges']>();
  for (const e of graph.edges) outgoing.set(e.from, [...(outgoing.get(e.from) ?? []), e]);
  const order: string[] = [];
  const seen = new Set<string>();
  const start = graph.nodes.find((n) => n.kind === 'start') ?? graph.nodes[0];
  const queue = start ? [start.id] : [];
  while (queue.length) {
    const id = queue.shift()!;
    if (seen.has(id)) continue;
    seen.add(id);
    order.push(id);
    for (const e of outgoing.get(id) ?? []) if (!seen.has(e.to)) queue.push(e.to);
  }
  for (const n of graph.nodes) if (!seen.has(n.id)) order.push(n.id);
  const number = new Map(order.map((id, i) => [id, i + 1]));
  return order.map((id) => {
    const node = byId.get(id)!;
    const edges = outgoing.get(id) ?? [];
    return {
      number: number.get(id)!,
      group: groupOf.get(id),
      text: node.kind === 'decision' ? `${nodeLabel(node)}？` : nodeLabel(node),
      sources: node.sources,
      next: edges.map((e) => `${e.label ? `${e.label} → ` : '→ '}第 ${number.get(e.to)} 步 ${byId.get(e.to)!.label}${e.sources.length ? `（${e.sources.join('、')}）` : ''}`),
    };
  });
}
