import type { Model, PowerModel } from '../../model/types.ts';
import type { ChartSource } from './all-charts.ts';
import { buildPowerFlowchart, type FlowGraph, type PowerFlowchart, type TextStep } from './index.ts';
import type { RenderedSvg, SvgRenderer } from './render-svg.ts';

/** A chart with its SVG and Mermaid source: what the chart files hold, and the standard charts page shows. */
export type RenderedFlowchart = PowerFlowchart & { image: RenderedSvg };

/**
 * What a page shows of a chart: its title, the article it follows, the steps as text, and the
 * image's file name (hash), size and print layout — not the graph, the SVG or the Mermaid text.
 * quanze build keeps this much of each chart it draws for Astro's run (src/build/chart-files.ts):
 * the graphs alone were an eighth of the objects in its heap then (a heap snapshot at 2,000 powers).
 */
export interface ChartOnPage {
  graph: Pick<FlowGraph, 'title' | 'basis'>;
  steps: TextStep[];
  image: Omit<RenderedSvg, 'svg'>;
}

export function chartOnPage(chart: RenderedFlowchart): ChartOnPage {
  const { hash, width, height, print } = chart.image;
  return { graph: { title: chart.graph.title, basis: chart.graph.basis }, steps: chart.steps, image: { hash, width, height, print } };
}

/** A power's chart, with the department's service and complaint contacts at its foot. */
export function renderPowerFlowchart(renderer: SvgRenderer, model: Model, power: PowerModel): RenderedFlowchart {
  const chart = buildPowerFlowchart(model, power);
  return { ...chart, image: renderer.render({ ...chart, contacts: power.department }) };
}

/** A standard chart (a flow template on its own): no department, so no contacts. */
export function renderTemplateChart(renderer: SvgRenderer, chart: ChartSource): RenderedFlowchart & { users: string[] } {
  return { ...chart, users: chart.users ?? [], image: renderer.render(chart) };
}
