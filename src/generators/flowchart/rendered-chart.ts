import type { Model, PowerModel } from '../../model/types.ts';
import type { ChartSource } from './all-charts.ts';
import { buildPowerFlowchart, type PowerFlowchart } from './index.ts';
import type { RenderedSvg, SvgRenderer } from './render-svg.ts';

/** A chart with its SVG: what the power page, the standard charts page and the chart files show. */
export type RenderedFlowchart = PowerFlowchart & { image: RenderedSvg };

/** A power's chart, with the department's service and complaint contacts at its foot. */
export function renderPowerFlowchart(renderer: SvgRenderer, model: Model, power: PowerModel): RenderedFlowchart {
  const chart = buildPowerFlowchart(model, power);
  return { ...chart, image: renderer.render({ ...chart, contacts: power.department }) };
}

/** A standard chart (a flow template on its own): no department, so no contacts. */
export function renderTemplateChart(renderer: SvgRenderer, chart: ChartSource): RenderedFlowchart & { users: string[] } {
  return { ...chart, users: chart.users ?? [], image: renderer.render(chart) };
}
