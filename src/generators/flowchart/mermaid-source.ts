import type { FlowGraph, FlowGraphNode } from './graph.ts';
import { chartSummary } from './chart-spec.ts';
import { statuteNumerals } from './chart-text.ts';

/**
 * Characters that carry meaning in Mermaid or in the SVG/HTML it becomes. User text is mapped to
 * their full-width forms, which read naturally in Chinese labels and cannot end a label, start a
 * comment (%%), an entity (#…;), a statement (;) or markup (<, &).
 */
const SAFE: Record<string, string> = {
  '"': '＂', "'": '＇', '`': '｀', '#': '＃', ';': '；', '<': '＜', '>': '＞', '&': '＆', '[': '［', ']': '］',
  '{': '｛', '}': '｝', '(': '（', ')': '）', '|': '｜', '%': '％', '\\': '＼', '-': '－', '=': '＝', ':': '：',
  '*': '＊', '~': '～', '/': '／', '@': '＠', '^': '＾', '$': '＄',
};

export function escapeLabel(text: string): string {
  let out = '';
  for (const ch of text.replace(/[\r\n\t\u2028\u2029]+/g, ' ')) {
    const code = ch.codePointAt(0)!;
    if (code < 0x20 || code === 0x7f || (code >= 0x80 && code < 0xa0)) continue;
    out += SAFE[ch] ?? ch;
  }
  return out.trim() || '（空）';
}

export function nodeLabel(node: FlowGraphNode): string {
  return node.limit ? `${node.label}（${statuteNumerals(node.limit)}）` : node.label;
}

function nodeShape(node: FlowGraphNode): string {
  const label = `"${escapeLabel(nodeLabel(node))}"`;
  switch (node.kind) {
    case 'start':
    case 'end':
      return `(${label})`;
    case 'decision':
      return `{${label}}`;
    default:
      return `[${label}]`;
  }
}

/**
 * Writes the graph as a Mermaid flowchart with ASCII ids (the renderers need them) and escaped
 * labels; accTitle and accDescr name the chart and summarise its steps for screen readers.
 */
export function toMermaid(graph: FlowGraph): string {
  const lines = ['flowchart TD', `  accTitle: ${escapeLabel(graph.title)}`, `  accDescr: ${escapeLabel(chartSummary(graph))}`];
  const grouped = new Set(graph.groups.flatMap((g) => g.nodeIds));
  const byId = new Map(graph.nodes.map((n) => [n.id, n]));
  for (const node of graph.nodes) if (!grouped.has(node.id)) lines.push(`  ${node.id}${nodeShape(node)}`);
  for (const group of graph.groups) {
    lines.push(`  subgraph ${group.id}["${escapeLabel(group.title)}"]`);
    for (const id of group.nodeIds) lines.push(`    ${id}${nodeShape(byId.get(id)!)}`);
    lines.push('  end');
  }
  for (const edge of graph.edges) {
    lines.push(edge.label ? `  ${edge.from} -->|"${escapeLabel(edge.label)}"| ${edge.to}` : `  ${edge.from} --> ${edge.to}`);
  }
  return lines.join('\n') + '\n';
}
