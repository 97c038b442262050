import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse } from 'yaml';
import { checkContentAt } from '../model/check.ts';
import { formatFinding } from '../model/findings.ts';
import type { Model, PowerModel } from '../model/types.ts';
import { siteSchema, type SiteSettings } from '../schema/site.ts';
import { buildPowerFlowchart, type PowerFlowchart } from '../generators/flowchart/index.ts';
import { createSvgRenderer } from '../generators/flowchart/render-svg.ts';

/**
 * Build-time data for the pages: the content is loaded, validated and resolved once per build and
 * shared by every page; pages only call generators on it.
 */
let model: Model | undefined;
let settings: SiteSettings | undefined;

export function getModel(): Model {
  if (model) return model;
  const result = checkContentAt(resolve('content'));
  if (!result.ok || !result.model) {
    throw new Error(`内容校验未通过：\n${result.findings.filter((f) => f.severity === 'error').map(formatFinding).join('\n')}`);
  }
  model = result.model;
  return model;
}

export function getSiteSettings(): SiteSettings {
  settings ??= siteSchema.parse(parse(readFileSync(resolve('content/site.yaml'), 'utf8')) ?? {});
  return settings;
}

const renderer = createSvgRenderer({ cacheDir: resolve('node_modules/.cache/quanze-flowcharts') });
const flowcharts = new Map<string, PowerFlowchart & { svg: string }>();

/** A power's flowchart with its SVG; identical charts are laid out once (cache by content hash). */
export function getPowerFlowchart(power: PowerModel): PowerFlowchart & { svg: string } {
  let chart = flowcharts.get(power.code);
  if (!chart) {
    const built = buildPowerFlowchart(getModel(), power);
    chart = { ...built, svg: renderer.render(built.mermaid, built.graph.title) };
    flowcharts.set(power.code, chart);
  }
  return chart;
}

export function renderFlowchartSvg(mermaid: string, title: string): string {
  return renderer.render(mermaid, title);
}

export function powerUrl(code: string): string {
  return `/powers/${code}/`;
}

export function departmentUrl(id: string): string {
  return `/departments/${id}/`;
}

export function lawUrl(id: string): string {
  return `/laws/${id}/`;
}

export function categoryUrl(code: string): string {
  return `/categories/${code.toLowerCase()}/`;
}
