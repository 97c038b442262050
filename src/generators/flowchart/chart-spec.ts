import type { FlowGraph } from './graph.ts';
import { LINE_HEIGHT, statuteNumerals, textWidth, wrapText } from './chart-text.ts';

/**
 * A chart ready to draw: every text wrapped into the box it goes in, and the sizes that decide the
 * layout. Charts of one template differ only in their text (posts, limits, titles, contacts), so
 * most share their sizes — and so their layout (see `shapeOf`).
 */
export type NodeKind = 'start' | 'step' | 'decision' | 'end';

export interface ChartLine {
  text: string;
  /** The step itself, set bold; limits and articles are set regular. */
  strong?: boolean;
}

export interface SpecNode {
  id: string;
  kind: NodeKind;
  /** Index of the band (stage) the node sits in; none for unstaged start and end nodes. */
  band?: number;
  lines: ChartLine[];
  width: number;
  height: number;
}

export interface SpecEdge {
  from: string;
  to: string;
  label: string[];
  labelWidth: number;
  labelHeight: number;
}

export interface ChartSpec {
  /** The SVG's accessible name: the power's (or template's) chart title. */
  title: string;
  /** The SVG's description: a summary of the steps. */
  description: string;
  nodes: SpecNode[];
  edges: SpecEdge[];
  bands: { label: string[]; labelHeight: number }[];
  /** Contacts printed at the foot of the chart. */
  foot: string[];
}

export interface ChartContacts {
  service?: { org: string; phone: string; address?: string };
  complaint?: { org: string; phone: string };
}

/**
 * Box widths follow from the grid the layout chose (see `planChart`): text is wrapped into the
 * column width, so a chart with fewer columns gets wider boxes and fewer lines.
 */
export interface BoxWidths {
  step: number;
  decision: number;
  terminal: number;
}

export const PAD = 8;
export const BAND_LABEL = 52;
const TAG_PAD = 5;
/** Share of a diamond's width its text may use; the text block tw × th fits when tw/W + th/H ≤ 1. */
const DIAMOND_TEXT = 0.52;

function innerWidth(kind: NodeKind, widths: BoxWidths): number {
  if (kind === 'decision') return Math.floor(widths.decision * DIAMOND_TEXT);
  if (kind === 'step') return widths.step - 2 * PAD;
  return widths.terminal - 2 * PAD - 16;
}

function boxSize(kind: NodeKind, lineCount: number, widths: BoxWidths): { width: number; height: number } {
  const text = lineCount * LINE_HEIGHT;
  if (kind === 'decision') return { width: widths.decision, height: Math.max(64, Math.ceil(text / (1 - DIAMOND_TEXT)) + 6) };
  return { width: kind === 'step' ? widths.step : widths.terminal, height: Math.max(32, text + 8) };
}

export function nodeLines(node: FlowGraph['nodes'][number], widths: BoxWidths): ChartLine[] {
  const width = innerWidth(node.kind, widths);
  const lines: ChartLine[] = wrapText(node.label, width).map((text) => ({ text, strong: true }));
  if (node.limit) lines.push(...wrapText(`时限：${statuteNumerals(node.limit)}`, width).map((text) => ({ text })));
  if (node.sources.length) lines.push(...wrapText(joinCitations(node.sources), width).map((text) => ({ text })));
  return lines;
}

/** 《法》第一条、《法》第二条 → 《法》第一条、第二条: the law named once per run of its articles. */
export function joinCitations(sources: string[]): string {
  let previous = '';
  return sources
    .map((s) => {
      const law = /^《[^》]+》/.exec(s)?.[0] ?? '';
      const text = law && law === previous ? s.slice(law.length) : s;
      previous = law;
      return text;
    })
    .join('、');
}

/** What the chart shows, in a sentence: its description for screen readers. */
export function chartSummary(graph: FlowGraph): string {
  const stages = graph.groups.map((g) => g.title);
  const start = graph.nodes.find((n) => n.kind === 'start');
  const ends = graph.nodes.filter((n) => n.kind === 'end');
  const parts = [`共${statuteNumerals(String(graph.nodes.length))}个步骤`];
  if (stages.length) parts.push(`依次经过${statuteNumerals(String(stages.length))}个环节：${stages.join('；')}`);
  if (start) parts.push(`从「${start.label}」开始`);
  if (ends.length) parts.push(`至「${ends.map((e) => e.label).join('」或「')}」结束`);
  return parts.join('，') + '。';
}

export function chartSpec(graph: FlowGraph, contacts: ChartContacts, widths: BoxWidths): ChartSpec {
  const bandOf = new Map<string, number>();
  graph.groups.forEach((g, i) => g.nodeIds.forEach((id) => bandOf.set(id, i)));
  const nodes: SpecNode[] = graph.nodes.map((n) => {
    const lines = nodeLines(n, widths);
    return { id: n.id, kind: n.kind, band: bandOf.get(n.id), lines, ...boxSize(n.kind, lines.length, widths) };
  });
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const inDegree = new Map<string, number>();
  for (const e of graph.edges) inDegree.set(e.to, (inDegree.get(e.to) ?? 0) + 1);
  const edges: SpecEdge[] = graph.edges.map((e) => {
    if (!e.label) return { from: e.from, to: e.to, label: [], labelWidth: 0, labelHeight: 0 };
    // Labels sit on the arrow just above the box it enters, one arrow per port: a label is as
    // wide as the gap between two ports, so the labels of a box's arrows never overlap.
    const target = byId.get(e.to)!;
    const k = inDegree.get(e.to) ?? 1;
    const room = k === 1 ? 8 * 13 : Math.max(2 * 13, target.width / (k + 1) - 2 * TAG_PAD - 2);
    const label = wrapText(e.label, room);
    const labelWidth = Math.ceil(Math.max(...label.map(textWidth))) + 2 * TAG_PAD;
    return { from: e.from, to: e.to, label, labelWidth, labelHeight: label.length * LINE_HEIGHT + 2 };
  });
  const bands = graph.groups.map((g) => {
    const label = wrapText(g.title, BAND_LABEL);
    return { label, labelHeight: label.length * LINE_HEIGHT + 12 };
  });
  const foot: string[] = [];
  if (contacts.service) foot.push(`承办：${contacts.service.org}　电话：${contacts.service.phone}${contacts.service.address ? `　地址：${contacts.service.address}` : ''}`);
  if (contacts.complaint) foot.push(`投诉：${contacts.complaint.org}　电话：${contacts.complaint.phone}`);
  return { title: graph.title, description: chartSummary(graph), nodes, edges, bands, foot };
}

/**
 * What the layout depends on besides the graph's structure: its box and arrow-label sizes, not
 * their text (stage labels are fitted afterwards, see stretchBands). Charts of one structure
 * with the same sizes share one layout.
 */
export function sizesOf(spec: ChartSpec): string {
  let key = '';
  for (const n of spec.nodes) key += `${n.width},${n.height};`;
  key += '|';
  for (const e of spec.edges) key += `${e.labelWidth},${e.labelHeight};`;
  return key;
}
