import site from 'virtual:quanze/site-data';
import type { Model, PowerModel } from '../model/types.ts';
import type { SiteSettings } from '../schema/site.ts';
import { buildsPowerPages } from './build-scope.ts';
import { createSvgRenderer } from '../generators/flowchart/render-svg.ts';
import { renderPowerFlowchart, renderTemplateChart, type ChartOnPage, type RenderedFlowchart } from '../generators/flowchart/rendered-chart.ts';
import { templateCharts } from '../generators/flowchart/all-charts.ts';
import type { ContentHistory } from '../history/content-history.ts';
import { allCitations, checkLaws, type CitationOwner, type LawsReport } from '../generators/laws-check.ts';
import type { Citation } from '../model/citations.ts';
import { lawEffects, type EffectRecord } from '../generators/law-effects.ts';
import type { FieldChange } from '../generators/diff/compare.ts';
import { lawVersionsIn as lawVersionsInChanges, type LawVersionRef } from '../generators/diff/law-versions.ts';

/**
 * Build-time data for the pages: the model the site integration validated (or quanze build
 * passed it), given through the virtual module virtual:quanze/site-data; pages only call
 * generators on it.
 */
export function getModel(): Model {
  return site.model;
}

/** The content folder the site is built from (the search catalogue reads its data files). */
export function siteContentDir(): string {
  return site.contentDir;
}

let powerIndex: { byCode: Map<string, PowerModel>; children: Map<string, PowerModel[]> } | undefined;

/**
 * Powers by code and by parent, built once: pages look powers up by code, and a scan of the whole
 * list per page made a 10,000-power build quadratic (measured: about 10 s of it).
 */
function getPowerIndex(): { byCode: Map<string, PowerModel>; children: Map<string, PowerModel[]> } {
  if (powerIndex) return powerIndex;
  const byCode = new Map<string, PowerModel>();
  const children = new Map<string, PowerModel[]>();
  for (const p of getModel().powers) {
    byCode.set(p.code, p);
    if (p.parent) children.set(p.parent, [...(children.get(p.parent) ?? []), p]);
  }
  powerIndex = { byCode, children };
  return powerIndex;
}

export function powerByCode(code: string): PowerModel | undefined {
  return getPowerIndex().byCode.get(code);
}

/** The sub-items (子项) of a power, in content order. */
export function childrenOf(code: string): PowerModel[] {
  return getPowerIndex().children.get(code) ?? [];
}

/** The site settings, validated with the rest of the content (content/site.yaml). */
export function getSiteSettings(): SiteSettings {
  return getModel().site;
}

const renderer = createSvgRenderer();
export type { ChartOnPage, RenderedFlowchart };
const flowcharts = new Map<string, RenderedFlowchart>();

/**
 * A power's flowchart as its page shows it: the image is published at /flowcharts/<hash>.svg
 * beside its Mermaid source at /flowcharts/<hash>.mmd; the page carries the text equivalent.
 * quanze build has drawn it already and written its files (passed in as the site data's charts);
 * a bare `astro build` draws it here, and the flowcharts route serves its files.
 */
export function getPowerFlowchart(power: PowerModel): ChartOnPage {
  return site.charts?.get(power.code) ?? drawnHere(power);
}

function drawnHere(power: PowerModel): RenderedFlowchart {
  let chart = flowcharts.get(power.code);
  if (!chart) {
    chart = renderPowerFlowchart(renderer, getModel(), power);
    flowcharts.set(power.code, chart);
  }
  return chart;
}

let standardCharts: (RenderedFlowchart & { users: string[] })[] | undefined;

/** The standard charts: each flow template in use, drawn on its own. */
export function getTemplateFlowcharts(): (RenderedFlowchart & { users: string[] })[] {
  standardCharts ??= templateCharts(getModel()).map((c) => renderTemplateChart(renderer, c));
  return standardCharts;
}

/**
 * Every published chart, by hash, for the /flowcharts/ files. None when quanze build drew the
 * charts: it writes their files itself (src/build/chart-files.ts). Each power's SVG names the
 * power in its <title>, so each power has its own file.
 */
export function allFlowchartFiles(): Map<string, { svg: string; mermaid: string }> {
  const files = new Map<string, { svg: string; mermaid: string }>();
  if (site.charts) return files;
  const charts = [...getModel().powers.filter((p) => buildsPowerPages(p.code)).map(drawnHere), ...getTemplateFlowcharts()];
  for (const c of charts) files.set(c.image.hash, { svg: c.image.svg, mermaid: c.mermaid });
  return files;
}

export function flowchartUrl(hash: string, ext: 'svg' | 'mmd'): string {
  return `/flowcharts/${hash}.${ext}`;
}

/** The content's git history, read once per build (one git log, one batch read), or taken from quanze build. */
export function getHistory(): ContentHistory {
  return site.history();
}

let lawsReport: LawsReport | undefined;

export function getLawsReport(): LawsReport {
  lawsReport ??= checkLaws(getModel());
  return lawsReport;
}

let citationsByLaw: Map<string, { owner: CitationOwner; citation: Citation }[]> | undefined;

/**
 * Every citation of the list (powers' and flows') by law, gathered once per build: each law page
 * and the law index read their law's (gathered per page, about 1 s of every 10,000-power build).
 */
export function getCitationsOf(lawId: string): { owner: CitationOwner; citation: Citation }[] {
  citationsByLaw ??= Map.groupBy(allCitations(getModel()), (c) => c.citation.law.id);
  return citationsByLaw.get(lawId) ?? [];
}

let effects: EffectRecord[] | undefined;

/** The effects table of every law version (see law-effects.ts), computed once per build. */
export function getLawEffects(): EffectRecord[] {
  effects ??= lawEffects(getModel());
  return effects;
}

/** The law versions that prompted these changes (see law-versions.ts). */
export function lawVersionsIn(changes: FieldChange[]): LawVersionRef[] {
  return lawVersionsInChanges(changes, getModel().laws);
}

/**
 * When the content (of one department, or all) last changed, from git; never the build date. A
 * shallow clone or a folder outside git says why there is no date.
 */
export function lastChangeOf(department?: string): { ok: true; date: string } | { ok: false; reason: string } {
  const history = getHistory();
  if (!history.available) return { ok: false, reason: history.reason };
  if (!department) return history.lastChange ? { ok: true, date: history.lastChange.date } : { ok: false, reason: '尚无提交记录' };
  const commit = history.commits.find((c) => c.revisions.some((r) => r.file.includes(`/powers/${department}/`)));
  return commit ? { ok: true, date: commit.date } : { ok: false, reason: '尚无提交记录' };
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
