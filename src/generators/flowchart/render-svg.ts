import { createHash } from 'node:crypto';
import type { FlowGraph } from './graph.ts';
import { chartSpec, sizesOf, type ChartContacts, type ChartSpec } from './chart-spec.ts';
import { planChart, placeChart, stretchBands, type ChartLayout, type ChartPlan, type ChartStructure } from './layout.ts';
import { drawChart, printLayout, type PrintLayout } from './draw-svg.ts';

/**
 * The one place that turns a chart into SVG. Layout is computed per shape — the graph's structure
 * and its box sizes, not its text — and kept, so the thousands of charts of one template share a
 * handful of layouts; each chart is then its text placed into that geometry by string templating.
 * Cost grows with what differs between charts, not with their number.
 */
const RENDERER_VERSION = 'quanze-grid-1';

export interface RenderedSvg {
  /** Content hash of the chart (its Mermaid source, contacts and renderer version): a stable file name. */
  hash: string;
  svg: string;
  width: number;
  height: number;
  /** How the chart prints on A4 portrait: its scale and where it breaks across pages. */
  print: PrintLayout;
}

export interface ChartInput {
  graph: FlowGraph;
  mermaid: string;
  contacts?: ChartContacts;
}

/** Content hash of a chart: what it says (its Mermaid source), its foot and the renderer version. */
export function chartHash(chart: ChartInput): string {
  const contacts = chart.contacts ? JSON.stringify([chart.contacts.service, chart.contacts.complaint]) : '';
  return createHash('sha256').update(RENDERER_VERSION).update('\0').update(chart.mermaid).update('\0').update(contacts).digest('hex').slice(0, 32);
}

function structureOf(graph: FlowGraph): ChartStructure {
  const bandOf = new Map<string, number>();
  graph.groups.forEach((g, i) => g.nodeIds.forEach((id) => bandOf.set(id, i)));
  return {
    nodes: graph.nodes.map((n) => ({ id: n.id, kind: n.kind, band: bandOf.get(n.id) })),
    edges: graph.edges.map((e) => ({ from: e.from, to: e.to })),
    bands: graph.groups.length,
  };
}

export interface RendererStats {
  charts: number;
  plans: number;
  layouts: number;
}

export function createSvgRenderer() {
  const plans = new Map<string, ChartPlan[]>();
  const layouts = new Map<ChartPlan, Map<string, ChartLayout>>();
  const stats: RendererStats = { charts: 0, plans: 0, layouts: 0 };

  function plansFor(graph: FlowGraph): ChartPlan[] {
    const structure = structureOf(graph);
    const key = JSON.stringify(structure);
    let found = plans.get(key);
    if (!found) {
      // A single column only for charts that have no branches: elsewhere it is always the tallest.
      found = [];
      for (const columns of [3, 2, 1]) {
        const plan = planChart(structure, columns);
        if (!found.some((p) => p.columns === plan.columns) && (plan.columns > 1 || !found.length)) found.push(plan);
      }
      plans.set(key, found);
      stats.plans++;
    }
    return found;
  }

  function layoutFor(spec: ChartSpec, plan: ChartPlan): ChartLayout {
    let shapes = layouts.get(plan);
    if (!shapes) layouts.set(plan, (shapes = new Map()));
    const key = sizesOf(spec);
    let layout = shapes.get(key);
    if (!layout) {
      layout = placeChart(spec, plan);
      shapes.set(key, layout);
      stats.layouts++;
    }
    return layout;
  }

  const grids = new Map<string, ChartPlan>();

  /**
   * The grid a template's charts are drawn on: of the candidates, the one that makes the template's
   * own text (its steps and articles, without any power's posts and limits) shortest within the
   * printable width. Chosen once per template, and the same whichever chart comes first.
   */
  function gridFor(graph: FlowGraph): ChartPlan {
    let key = '';
    for (const n of graph.nodes) key += `${n.id}\u0001${n.kind}\u0001${n.label}\u0001${n.sources.join('\u0002')}\u0003`;
    for (const e of graph.edges) key += `${e.from}\u0001${e.to}\u0001${e.label ?? ''}\u0003`;
    for (const g of graph.groups) key += `${g.nodeIds.join('\u0001')}\u0003`;
    let grid = grids.get(key);
    if (!grid) {
      const bare: FlowGraph = { ...graph, nodes: graph.nodes.map((n) => ({ ...n, limit: undefined })), groups: graph.groups.map((g) => ({ ...g, title: g.stage })) };
      let best: { plan: ChartPlan; height: number } | undefined;
      for (const plan of plansFor(graph)) {
        const spec = chartSpec(bare, {}, plan.widths);
        const height = placeChart(spec, plan).height;
        if (!best || height < best.height) best = { plan, height };
      }
      grid = best!.plan;
      grids.set(key, grid);
    }
    return grid;
  }

  function render(chart: ChartInput): RenderedSvg {
    stats.charts++;
    const plan = gridFor(chart.graph);
    const spec = chartSpec(chart.graph, chart.contacts ?? {}, plan.widths);
    const layout = stretchBands(layoutFor(spec, plan), spec.bands.map((b) => b.labelHeight));
    const hash = chartHash(chart);
    const drawn = drawChart(spec, layout, `fc-${hash.slice(0, 8)}`);
    return { hash, ...drawn, print: printLayout(layout, drawn.height) };
  }

  return { render, stats };
}

export type SvgRenderer = ReturnType<typeof createSvgRenderer>;
