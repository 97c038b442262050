import type { RenderedFlowchart } from '../generators/flowchart/rendered-chart.ts';

/**
 * quanze build draws every chart it needs before Astro starts (its flowchart phase, timed on its
 * own) and leaves them here for the pages, so no chart is drawn twice. Like the shared model, a
 * global slot: the build and the pages run in one process but in different module graphs.
 */
const KEY = Symbol.for('quanze.rendered-flowcharts');
type Slots = Record<symbol, unknown>;

export function shareFlowcharts(charts: Map<string, RenderedFlowchart> | undefined): void {
  (globalThis as Slots)[KEY] = charts;
}

export function sharedFlowchart(code: string): RenderedFlowchart | undefined {
  return ((globalThis as Slots)[KEY] as Map<string, RenderedFlowchart> | undefined)?.get(code);
}
